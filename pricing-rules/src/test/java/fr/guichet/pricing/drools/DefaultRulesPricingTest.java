package fr.guichet.pricing.drools;

import static fr.guichet.pricing.Baskets.basket;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.guichet.pricing.Baskets;
import fr.guichet.pricing.Compilation;
import fr.guichet.pricing.DefaultRuleFiles;
import fr.guichet.pricing.PriceCalculator;
import fr.guichet.pricing.PricingException;
import fr.guichet.pricing.PricingRequest.TicketRequest;
import fr.guichet.pricing.PricingResult;
import fr.guichet.pricing.PricingResult.TicketPrice;
import fr.guichet.pricing.Rate;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The shipped rule set, basket by basket: expected price and rules of every ticket. */
class DefaultRulesPricingTest {

  private static PriceCalculator rules;

  @BeforeAll
  static void compileDefaultRules() {
    Compilation compilation = new DroolsPricingRules().compile(DefaultRuleFiles.load());
    assertThat(compilation.errors()).isEmpty();
    rules = compilation.calculator();
  }

  /** Expected price of one ticket: final cents, the full-price rule and the discounts applied. */
  record Expected(long finalCents, String baseRule, List<String> discounts) {
    static Expected of(long cents, String baseRule, String... discounts) {
      return new Expected(cents, baseRule, List.of(discounts));
    }
  }

  static Stream<Arguments> baskets() {
    Duration month = Duration.ofDays(30);
    return Stream.of(
        row(
            "full price once early-bird and launch tiers are over",
            basket().at(month).add(1, "CAT1", Rate.FULL),
            Expected.of(5500, "full-price")),
        row(
            "early-bird tier during the first 7 days",
            basket().at(Duration.ofDays(2)).add(1, "CARRE_OR", Rate.FULL),
            Expected.of(7500, "early-bird-tier")),
        row(
            "launch tier for the first 50 places of the category, counted inside the basket",
            basket().at(month).taken("CAT1", 48).add(3, "CAT1", Rate.FULL),
            Expected.of(4500, "launch-quota-tier"),
            Expected.of(4500, "launch-quota-tier"),
            Expected.of(5500, "full-price")),
        row(
            "student -20% with a proof",
            basket().at(month).add(1, "CAT1", Rate.STUDENT),
            Expected.of(4400, "full-price", "student-discount")),
        row(
            "student asked without a proof gets no discount",
            basket()
                .at(month)
                .add(
                    new TicketRequest(
                        "CAT1-1", "CAT1", "Cat 1", Baskets.CAT1, Rate.STUDENT, " ", null, false)),
            Expected.of(5500, "full-price")),
        row(
            "subscriber -10% with a valid number",
            basket().at(month).add(1, "CAT1", Rate.SUBSCRIBER),
            Expected.of(4950, "full-price", "subscriber-discount")),
        row(
            "subscriber with a number the registry did not validate gets no discount",
            basket()
                .at(month)
                .add(
                    new TicketRequest(
                        "CAT1-1",
                        "CAT1",
                        "Cat 1",
                        Baskets.CAT1,
                        Rate.SUBSCRIBER,
                        null,
                        "AB-9",
                        false)),
            Expected.of(5500, "full-price")),
        row(
            "group -15% from 10 places",
            basket().at(month).add(10, "FOSSE", Rate.FULL),
            repeat(10, Expected.of(2550, "full-price", "group-discount"))),
        row(
            "no group rate for 9 places",
            basket().at(month).add(9, "FOSSE", Rate.FULL),
            repeat(9, Expected.of(3000, "full-price"))),
        row(
            "student inside a group: the best single discount wins, no stacking",
            basket().at(month).add(1, "FOSSE", Rate.STUDENT).add(9, "FOSSE", Rate.FULL),
            concat(
                Expected.of(2400, "full-price", "student-discount"),
                repeat(9, Expected.of(2550, "full-price", "group-discount")))),
        row(
            "subscriber inside a group: group beats subscriber",
            basket().at(month).add(1, "FOSSE", Rate.SUBSCRIBER).add(9, "FOSSE", Rate.FULL),
            repeat(10, Expected.of(2550, "full-price", "group-discount"))),
        row(
            "Carré Or during the first hour of sales: no discount at all",
            basket().at(Duration.ofMinutes(30)).add(1, "CARRE_OR", Rate.STUDENT),
            Expected.of(7500, "early-bird-tier")),
        row(
            "Carré Or after the first hour: student discount on the early-bird price",
            basket().at(Duration.ofHours(2)).add(1, "CARRE_OR", Rate.STUDENT),
            Expected.of(6000, "early-bird-tier", "student-discount")),
        row(
            "other categories keep their discounts in the first hour",
            basket().at(Duration.ofMinutes(30)).add(1, "CAT1", Rate.STUDENT),
            Expected.of(4400, "full-price", "student-discount")),
        row(
            "mixed basket of four tickets",
            basket()
                .at(month)
                .add(1, "CARRE_OR", Rate.FULL)
                .add(1, "CAT1", Rate.STUDENT)
                .add(1, "CAT1", Rate.SUBSCRIBER)
                .add(1, "FOSSE", Rate.FULL),
            Expected.of(9000, "full-price"),
            Expected.of(4400, "full-price", "student-discount"),
            Expected.of(4950, "full-price", "subscriber-discount"),
            Expected.of(3000, "full-price")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("baskets")
  void prices_each_ticket_with_the_expected_rules(
      String scenario, Baskets basket, List<Expected> expected) {
    PricingResult result = rules.price(basket.build());

    assertThat(result.tickets()).hasSameSizeAs(expected);
    for (int i = 0; i < expected.size(); i++) {
      TicketPrice ticket = result.tickets().get(i);
      Expected e = expected.get(i);
      assertThat(ticket.finalCents()).as("price of %s", ticket.ticketId()).isEqualTo(e.finalCents);
      assertThat(ticket.baseRule())
          .as("full-price rule of %s", ticket.ticketId())
          .isEqualTo(e.baseRule);
      assertThat(ticket.appliedRules())
          .as("discounts of %s", ticket.ticketId())
          .isEqualTo(e.discounts);
      assertThat(ticket.discountCents()).isEqualTo(ticket.baseCents() - ticket.finalCents());
    }
    assertThat(result.totalCents())
        .isEqualTo(expected.stream().mapToLong(Expected::finalCents).sum());
  }

  @Test
  void explains_why_a_discount_was_not_applied() {
    PricingResult result =
        rules.price(basket().at(Duration.ofMinutes(30)).add(1, "CARRE_OR", Rate.STUDENT).build());

    assertThat(result.tickets().get(0).explanation())
        .contains(
            "early-bird-tier: full price 75.00 € (tier EARLY).",
            "carre-or-no-discount-first-hour: no discount for this ticket.",
            "student-discount (-20%) not applied: excluded by carre-or-no-discount-first-hour.",
            "Price paid: 75.00 €.");
  }

  @Test
  void a_category_without_any_tier_fails_the_basket_instead_of_costing_zero() {
    assertThatThrownBy(
            () ->
                rules.price(
                    basket()
                        .add(1, "CAT1", Rate.FULL)
                        .add(TicketRequest.full("VIP-1", "VIP", List.of()))
                        .build()))
        .isInstanceOf(PricingException.class)
        .hasMessageContaining("No rule gives a full price to VIP-1 (VIP)")
        .satisfies(
            e -> {
              assertThat(((PricingException) e).code()).isEqualTo("no-full-price");
              assertThat(((PricingException) e).ticketIds()).containsExactly("VIP-1");
            });
  }

  @Test
  void every_default_rule_has_a_french_and_an_english_description() {
    Compilation compilation = new DroolsPricingRules().compile(DefaultRuleFiles.load());

    assertThat(compilation.rules())
        .extracting(r -> r.name())
        .containsExactlyInAnyOrder(
            "early-bird-tier",
            "launch-quota-tier",
            "full-price",
            "student-discount",
            "group-discount",
            "subscriber-discount",
            "carre-or-no-discount-first-hour");
    assertThat(compilation.rules())
        .allSatisfy(
            r -> {
              assertThat(r.descriptionFr()).isNotBlank();
              assertThat(r.descriptionEn()).isNotBlank();
              assertThat(r.line()).isPositive();
            });
  }

  private static Arguments row(String scenario, Baskets basket, Expected... expected) {
    return Arguments.of(scenario, basket, List.of(expected));
  }

  private static Expected[] repeat(int times, Expected expected) {
    Expected[] all = new Expected[times];
    java.util.Arrays.fill(all, expected);
    return all;
  }

  private static Expected[] concat(Expected first, Expected[] rest) {
    Expected[] all = new Expected[rest.length + 1];
    all[0] = first;
    System.arraycopy(rest, 0, all, 1, rest.length);
    return all;
  }
}
