package fr.guichet.pricing.drools;

import static fr.guichet.pricing.Baskets.basket;
import static org.assertj.core.api.Assertions.assertThat;

import fr.guichet.pricing.Compilation;
import fr.guichet.pricing.DefaultRuleFiles;
import fr.guichet.pricing.PricingResult.TicketPrice;
import fr.guichet.pricing.Rate;
import fr.guichet.pricing.RuleFile;
import fr.guichet.pricing.RuleMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the compiler refuses, with which message and line, and what a rule may allow. */
class RuleSetValidationTest {

  private final DroolsPricingRules compiler = new DroolsPricingRules();

  private static final String HEADER =
      "package fr.guichet.pricing.rules;\n\nimport fr.guichet.pricing.facts.*;\n\n";

  @Test
  void a_syntax_error_is_reported_with_its_file_and_line() {
    String broken =
        HEADER
            + "rule \"broken\"\n" // line 5
            + "  @description_en(\"Broken\")\n"
            + "when\n"
            + "  $t : Ticket( rate == \"STUDENT\" \n" // line 8: missing parenthesis
            + "then\n"
            + "  insert( new Discount( $t, 20 ) );\n"
            + "end\n";

    Compilation compilation = compiler.compile(List.of(new RuleFile("broken.drl", broken)));

    assertThat(compilation.succeeded()).isFalse();
    assertThat(compilation.calculator()).isNull();
    assertThat(compilation.errors())
        .isNotEmpty()
        .allSatisfy(error -> assertThat(error.file()).isEqualTo("broken.drl"))
        .anySatisfy(error -> assertThat(error.line()).isBetween(8, 9));
  }

  @Test
  void an_unknown_fact_property_is_reported_at_the_rule_line() {
    String wrong =
        HEADER
            + "rule \"wrong-property\"\n" // line 5
            + "  @description_en(\"Wrong\")\n"
            + "when\n"
            + "  $t : Ticket( colour == \"red\" )\n"
            + "then\n"
            + "  insert( new Discount( $t, 20 ) );\n"
            + "end\n";

    Compilation compilation = compiler.compile(List.of(new RuleFile("wrong.drl", wrong)));

    assertThat(compilation.errors())
        .anySatisfy(
            error -> {
              assertThat(error.line()).isBetween(5, 8);
              assertThat(error.text()).contains("colour");
            });
  }

  @Test
  void a_rule_without_a_description_is_refused_at_its_line() {
    List<RuleFile> files = new ArrayList<>(DefaultRuleFiles.load());
    files.add(
        new RuleFile(
            "extra.drl",
            HEADER
                + "rule \"mystery-discount\"\n"
                + "when\n  $t : Ticket( )\nthen\n  insert( new Discount( $t, 5 ) );\nend\n"));

    Compilation compilation = compiler.compile(files);

    assertThat(compilation.errors())
        .singleElement()
        .satisfies(
            error -> {
              assertThat(error.file()).isEqualTo("extra.drl");
              assertThat(error.line()).isEqualTo(5);
              assertThat(error.text()).contains("mystery-discount").contains("@description_fr");
            });
  }

  @Test
  void a_file_without_a_name_is_refused() {
    Compilation compilation =
        compiler.compile(List.of(new RuleFile("", DefaultRuleFiles.load().get(0).content())));

    assertThat(compilation.errors())
        .extracting(RuleMessage::text)
        .anySatisfy(text -> assertThat(text).contains("needs a name"));
  }

  @Test
  void a_rule_set_that_loops_is_refused_naming_the_rule() {
    List<RuleFile> files = new ArrayList<>(DefaultRuleFiles.load());
    files.add(
        new RuleFile(
            "looping.drl",
            HEADER
                + "rule \"endless\"\n"
                + "  @description_en(\"Updates the basket forever\")\n"
                + "when\n  $b : Basket( )\nthen\n  update( $b );\nend\n"));

    Compilation compilation = new DroolsPricingRules(2_000, Duration.ofSeconds(2)).compile(files);

    assertThat(compilation.succeeded()).isFalse();
    assertThat(compilation.errors())
        .singleElement()
        .satisfies(
            error -> {
              assertThat(error.file()).isEqualTo("looping.drl");
              assertThat(error.line()).isEqualTo(5);
              assertThat(error.text()).contains("stopped after 2000 firings").contains("'endless'");
            });
  }

  @Test
  void a_rule_set_slower_than_the_time_limit_is_refused() {
    List<RuleFile> files = new ArrayList<>(DefaultRuleFiles.load());
    files.add(
        new RuleFile(
            "slow.drl",
            HEADER
                + "rule \"slow\"\n"
                + "  @description_en(\"Sleeps\")\n"
                + "when\n  Basket( )\nthen\n  Thread.sleep( 300 );\nend\n"));

    Compilation compilation = new DroolsPricingRules(10_000, Duration.ofMillis(100)).compile(files);

    assertThat(compilation.errors())
        .singleElement()
        .satisfies(error -> assertThat(error.text()).contains("did not finish within 100 ms"));
  }

  @Test
  void a_rule_that_throws_is_refused_naming_the_rule() {
    List<RuleFile> files = new ArrayList<>(DefaultRuleFiles.load());
    files.add(
        new RuleFile(
            "throwing.drl",
            HEADER
                + "rule \"divides-by-zero\"\n"
                + "  @description_en(\"Fails\")\n"
                + "when\n  $t : Ticket( )\nthen\n  int zero = 0;\n"
                + "  insert( new Discount( $t, 10 / zero ) );\nend\n"));

    Compilation compilation = compiler.compile(files);

    assertThat(compilation.errors())
        .singleElement()
        .satisfies(error -> assertThat(error.text()).contains("'divides-by-zero' failed"));
  }

  @Test
  void discounts_add_up_only_when_a_rule_allows_stacking() {
    List<RuleFile> files = new ArrayList<>(DefaultRuleFiles.load());
    files.add(
        new RuleFile(
            "stacking.drl",
            HEADER
                + "rule \"students-keep-group-rate\"\n"
                + "  @description_en(\"Student and group discounts add up\")\n"
                + "when\n  Basket( size >= 10 )\nthen\n"
                + "  insert( new AllowStacking( \"student-discount\", \"group-discount\" ) );\n"
                + "end\n"));

    Compilation compilation = compiler.compile(files);
    TicketPrice student =
        compilation
            .calculator()
            .price(
                basket()
                    .at(Duration.ofDays(30))
                    .add(1, "CAT1", Rate.STUDENT)
                    .add(9, "CAT1", Rate.FULL)
                    .build())
            .tickets()
            .get(0);

    assertThat(student.appliedRules()).containsExactly("student-discount", "group-discount");
    assertThat(student.finalCents()).isEqualTo(5500 - 1100 - 660);
    assertThat(student.discountPercent()).isEqualTo(32);
  }
}
