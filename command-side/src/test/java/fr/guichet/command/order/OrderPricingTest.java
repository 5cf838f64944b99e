package fr.guichet.command.order;

import static org.axonframework.test.matchers.Matchers.exactSequenceOf;
import static org.axonframework.test.matchers.Matchers.messageWithPayload;
import static org.axonframework.test.matchers.Matchers.predicate;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoInteractions;

import fr.guichet.api.event.PriceTier;
import fr.guichet.api.order.OrderDomainEvent.OrderConfirmedEvent;
import fr.guichet.api.order.OrderDomainEvent.OrderCreatedEvent;
import fr.guichet.api.order.OrderPricingEvent.OrderPricedEvent;
import fr.guichet.api.order.OrderPricingEvent.Reason;
import fr.guichet.api.order.PricedTicket;
import fr.guichet.api.order.PricingContext;
import fr.guichet.api.order.PricingContext.PlacePricing;
import fr.guichet.api.order.RateChoice;
import fr.guichet.api.order.RateChoice.Rate;
import fr.guichet.api.rejection.CommandRejectedException;
import fr.guichet.command.order.OrderCommands.ChooseRatesCommand;
import fr.guichet.command.order.OrderCommands.ConfirmOrderCommand;
import fr.guichet.command.pricing.ActiveRuleSet;
import fr.guichet.command.pricing.OrderPricing;
import fr.guichet.command.pricing.SubscriberRegistry;
import fr.guichet.command.pricing.SubscriberRegistry.Subscription;
import fr.guichet.pricing.DefaultRuleFiles;
import fr.guichet.pricing.PriceCalculator;
import fr.guichet.pricing.RuleFile;
import fr.guichet.pricing.drools.DroolsPricingRules;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** An order prices itself through the port and records the result; replays read the record. */
class OrderPricingTest {

  static final String ORDER = "order-1";
  static final String EVENT = "event-1";
  static final String BUYER = "buyer-1";
  static final Instant OPENED = Instant.parse("2026-10-01T10:00:00Z");
  static final List<PriceTier> CAT1 =
      List.of(new PriceTier("STANDARD", "Plein", 5500), new PriceTier("LAUNCH", "Lancement", 4500));
  static final PricingContext CONTEXT =
      new PricingContext(
          OPENED.plus(Duration.ofDays(30)),
          OPENED,
          Map.of("CAT1", 100),
          List.of(
              new PlacePricing("ORCH-A-1", "CAT1", "Catégorie 1", CAT1),
              new PlacePricing("ORCH-A-2", "CAT1", "Catégorie 1", CAT1),
              new PlacePricing("ORCH-A-3", "CAT1", "Catégorie 1", CAT1),
              new PlacePricing("ORCH-A-4", "CAT1", "Catégorie 1", CAT1)));
  static final OrderCreatedEvent CREATED =
      new OrderCreatedEvent(
          ORDER,
          EVENT,
          BUYER,
          List.of("ORCH-A-1", "ORCH-A-2", "ORCH-A-3", "ORCH-A-4"),
          OPENED.plus(Duration.ofDays(30)).plusSeconds(600));

  static PriceCalculator version1;
  static PriceCalculator version2;

  private final AtomicReference<ActiveRuleSet.Version> active = new AtomicReference<>();
  private final AtomicInteger calls = new AtomicInteger();
  private AggregateTestFixture<Order> fixture;

  @BeforeAll
  static void compileRuleSets() {
    DroolsPricingRules compiler = new DroolsPricingRules();
    version1 = compiler.compile(DefaultRuleFiles.load()).calculator();
    version2 =
        compiler
            .compile(
                DefaultRuleFiles.load().stream()
                    .map(
                        f ->
                            new RuleFile(
                                f.name(),
                                f.content()
                                    .replace("new Discount( $t, 20 )", "new Discount( $t, 50 )")))
                    .toList())
            .calculator();
  }

  @BeforeEach
  void setUp() {
    active.set(counting(1, version1));
    SubscriberRegistry registry =
        number ->
            switch (number) {
              case "AB-2026" ->
                  Optional.of(
                      new Subscription(
                          number, LocalDate.of(2000, 1, 1), LocalDate.of(2100, 1, 1), false));
              case "AB-2019" ->
                  Optional.of(
                      new Subscription(
                          number, LocalDate.of(2019, 1, 1), LocalDate.of(2019, 12, 31), false));
              default -> Optional.empty();
            };
    fixture = new AggregateTestFixture<>(Order.class);
    fixture.registerInjectableResource(new OrderPricing(active::get, registry));
  }

  private ActiveRuleSet.Version counting(int version, PriceCalculator calculator) {
    return new ActiveRuleSet.Version(
        "pricing-rule-set",
        version,
        "hash-v" + version,
        request -> {
          calls.incrementAndGet();
          return calculator.price(request);
        });
  }

  static OrderPricedEvent pricedAtFullRate(int version) {
    PricedTicket[] tickets = new PricedTicket[4];
    for (int i = 0; i < 4; i++) {
      tickets[i] =
          new PricedTicket(
              "ORCH-A-" + (i + 1),
              "CAT1",
              Rate.FULL,
              null,
              null,
              "STANDARD",
              5500,
              "full-price",
              List.of(),
              0,
              0,
              5500,
              List.of("full-price: full price 55.00 € (tier STANDARD).", "Price paid: 55.00 €."));
    }
    return new OrderPricedEvent(
        ORDER,
        EVENT,
        Reason.ORDER_CREATED,
        "pricing-rule-set",
        version,
        "hash-v" + version,
        List.of(tickets),
        22000,
        CONTEXT);
  }

  @Test
  void the_buyer_chooses_student_and_subscriber_rates_and_the_order_records_each_ticket() {
    fixture
        .given(CREATED, pricedAtFullRate(1))
        .when(
            new ChooseRatesCommand(
                ORDER,
                BUYER,
                List.of(
                    new RateChoice("ORCH-A-1", Rate.STUDENT, "CARTE-123", null),
                    new RateChoice("ORCH-A-2", Rate.SUBSCRIBER, null, "AB-2026"))))
        .expectSuccessfulHandlerExecution()
        .expectEventsMatching(
            exactSequenceOf(
                messageWithPayload(
                    predicate(
                        (Predicate<OrderPricedEvent>)
                            e ->
                                e.reason() == Reason.RATES_CHOSEN
                                    && e.ruleSetVersion() == 1
                                    && e.totalCents() == 4400 + 4950 + 5500 + 5500
                                    && e.tickets()
                                        .get(0)
                                        .appliedRules()
                                        .equals(List.of("student-discount"))
                                    && e.tickets().get(0).studentProof().equals("CARTE-123")
                                    && e.tickets().get(0).discountCents() == 1100
                                    && e.tickets()
                                        .get(1)
                                        .appliedRules()
                                        .equals(List.of("subscriber-discount"))
                                    && e.tickets().get(1).subscriptionNumber().equals("AB-2026")
                                    && e.tickets().get(2).finalCents() == 5500))));
  }

  @Test
  void an_expired_subscription_number_is_refused_with_its_validity_and_changes_nothing() {
    fixture
        .given(CREATED, pricedAtFullRate(1))
        .when(
            new ChooseRatesCommand(
                ORDER,
                BUYER,
                List.of(new RateChoice("ORCH-A-1", Rate.SUBSCRIBER, null, "AB-2019"))))
        .expectNoEvents()
        .expectException(CommandRejectedException.class)
        .expectExceptionMessage(
            predicate(
                (Predicate<String>)
                    m ->
                        m.contains("valid from 2019-01-01 to 2019-12-31")
                            && m.contains("not applied")));
  }

  @Test
  void an_unknown_subscription_number_is_refused() {
    fixture
        .given(CREATED, pricedAtFullRate(1))
        .when(
            new ChooseRatesCommand(
                ORDER, BUYER, List.of(new RateChoice("ORCH-A-1", Rate.SUBSCRIBER, null, "XX-1"))))
        .expectNoEvents()
        .expectExceptionMessage(
            "Subscription number XX-1 is unknown; check the number on the card. The subscriber"
                + " rate was not applied; nothing changed.");
  }

  @Test
  void the_student_rate_without_a_proof_reference_is_refused() {
    fixture
        .given(CREATED, pricedAtFullRate(1))
        .when(
            new ChooseRatesCommand(
                ORDER, BUYER, List.of(new RateChoice("ORCH-A-3", Rate.STUDENT, " ", null))))
        .expectNoEvents()
        .expectException(CommandRejectedException.class);
  }

  @Test
  void the_group_rate_for_four_places_is_refused_rather_than_priced_at_full_rate() {
    fixture
        .given(CREATED, pricedAtFullRate(1))
        .when(
            new ChooseRatesCommand(
                ORDER, BUYER, List.of(new RateChoice("ORCH-A-1", Rate.GROUP, null, null))))
        .expectNoEvents()
        .expectExceptionMessage(
            predicate((Predicate<String>) m -> m.startsWith("The group rate gives no discount")));
  }

  @Test
  void another_buyer_cannot_choose_rates_for_the_order() {
    fixture
        .given(CREATED, pricedAtFullRate(1))
        .when(new ChooseRatesCommand(ORDER, "someone-else", List.of()))
        .expectNoEvents()
        .expectException(CommandRejectedException.class);
  }

  @Test
  void the_checkout_offers_student_and_subscriber_rates_but_not_group_for_four_places() {
    fixture
        .given(CREATED, pricedAtFullRate(1))
        .when(new OrderCommands.DescribeRateOptionsCommand(ORDER, BUYER))
        .expectNoEvents()
        .expectResultMessagePayloadMatching(
            predicate(
                (Predicate<RateOptions>)
                    options ->
                        options.ruleSetVersion() == 1
                            && options.tickets().size() == 4
                            && options.tickets().stream()
                                .allMatch(
                                    t ->
                                        t.rates()
                                            .equals(
                                                List.of(
                                                    Rate.FULL, Rate.STUDENT, Rate.SUBSCRIBER)))));
  }

  @Test
  void the_checkout_offers_the_group_rate_from_ten_places() {
    List<PlacePricing> ten =
        java.util.stream.IntStream.rangeClosed(1, 10)
            .mapToObj(n -> new PlacePricing("ORCH-B-" + n, "CAT1", "Catégorie 1", CAT1))
            .toList();
    PricingContext group = new PricingContext(CONTEXT.saleTime(), OPENED, Map.of(), ten);
    fixture
        .given(
            new OrderCreatedEvent(
                ORDER,
                EVENT,
                BUYER,
                ten.stream().map(PlacePricing::placeId).toList(),
                CREATED.heldUntil()))
        .andGiven(
            new OrderPricedEvent(
                ORDER,
                EVENT,
                Reason.ORDER_CREATED,
                "pricing-rule-set",
                1,
                "hash-v1",
                ten.stream()
                    .map(
                        p ->
                            new PricedTicket(
                                p.placeId(),
                                "CAT1",
                                Rate.FULL,
                                null,
                                null,
                                "STANDARD",
                                5500,
                                "full-price",
                                List.of(),
                                0,
                                0,
                                5500,
                                List.of()))
                    .toList(),
                55000,
                group))
        .when(new OrderCommands.DescribeRateOptionsCommand(ORDER, BUYER))
        .expectNoEvents()
        .expectResultMessagePayloadMatching(
            predicate(
                (Predicate<RateOptions>)
                    options ->
                        options.tickets().size() == 10
                            && options.tickets().stream()
                                .allMatch(t -> t.rates().contains(Rate.GROUP))));
  }

  @Test
  void another_buyer_cannot_read_the_rate_options_nor_pass_for_the_buyer() {
    fixture
        .given(CREATED, pricedAtFullRate(1))
        .when(new OrderCommands.DescribeRateOptionsCommand(ORDER, "someone-else"))
        .expectNoEvents()
        .expectException(CommandRejectedException.class);
    fixture
        .given(CREATED)
        .when(new CheckOrderBuyerCommand(ORDER, "someone-else"))
        .expectNoEvents()
        .expectExceptionMessage("You have no order " + ORDER + ".");
  }

  @Test
  void the_buyer_is_recognised_and_told_the_event_of_the_order() {
    fixture
        .given(CREATED)
        .when(new CheckOrderBuyerCommand(ORDER, BUYER))
        .expectNoEvents()
        .expectResultMessagePayload(EVENT);
  }

  @Test
  void replaying_a_priced_order_never_runs_the_rules() {
    PriceCalculator spy = mock(PriceCalculator.class);
    active.set(new ActiveRuleSet.Version("pricing-rule-set", 1, "hash-v1", spy));

    fixture
        .given(CREATED, pricedAtFullRate(1))
        .when(new ConfirmOrderCommand(ORDER, "PAY-1"))
        .expectEvents(new OrderConfirmedEvent(ORDER, EVENT, "PAY-1"));

    verifyNoInteractions(spy);
  }

  @Test
  void rates_chosen_after_a_rule_change_are_priced_by_the_new_version_with_the_recorded_context() {
    active.set(counting(2, version2));

    fixture
        .given(CREATED, pricedAtFullRate(1))
        .when(
            new ChooseRatesCommand(
                ORDER, BUYER, List.of(new RateChoice("ORCH-A-1", Rate.STUDENT, "CARTE-1", null))))
        .expectEventsMatching(
            exactSequenceOf(
                messageWithPayload(
                    predicate(
                        (Predicate<OrderPricedEvent>)
                            e ->
                                e.ruleSetVersion() == 2
                                    && e.tickets().get(0).finalCents() == 2750
                                    && e.context().equals(CONTEXT)))));
  }
}
