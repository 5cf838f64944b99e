package fr.guichet.command.pricing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.axonframework.test.matchers.Matchers.exactSequenceOf;
import static org.axonframework.test.matchers.Matchers.messageWithPayload;
import static org.axonframework.test.matchers.Matchers.predicate;

import fr.guichet.api.pricing.RuleFileContent;
import fr.guichet.api.pricing.RuleSetEvent.RuleSetPublishedEvent;
import fr.guichet.api.rejection.CommandRejectedException;
import fr.guichet.command.pricing.RuleSetCommands.PublishRuleSetCommand;
import fr.guichet.command.pricing.RuleSetCommands.PublishedVersion;
import fr.guichet.command.pricing.RuleSetCommands.RollBackRuleSetCommand;
import fr.guichet.pricing.DefaultRuleFiles;
import fr.guichet.pricing.drools.DroolsPricingRules;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RuleSetTest {

  static final List<RuleFileContent> DEFAULTS =
      RuleSetContent.fromRuleFiles(DefaultRuleFiles.load());
  static final Map<String, Object> ALICE = Map.of("actorId", "alice", "actorRole", "MANAGER");

  private AggregateTestFixture<RuleSet> fixture;

  @BeforeEach
  void setUp() {
    fixture = new AggregateTestFixture<>(RuleSet.class);
    fixture.registerInjectableResource(new CachingRulesCompiler(new DroolsPricingRules()));
  }

  static RuleSetPublishedEvent published(int version, List<RuleFileContent> files) {
    return new RuleSetPublishedEvent(
        RuleSets.ID,
        version,
        RuleSetContent.hash(files),
        files,
        List.of(),
        "v" + version,
        "alice",
        Instant.parse("2026-11-01T10:00:00Z"),
        null);
  }

  static List<RuleFileContent> withStudentDiscountOf(int percent) {
    List<RuleFileContent> files = new ArrayList<>();
    for (RuleFileContent file : DEFAULTS) {
      files.add(
          new RuleFileContent(
              file.name(),
              file.content()
                  .replace("new Discount( $t, 20 )", "new Discount( $t, " + percent + " )")));
    }
    return files;
  }

  @Test
  void publishing_rules_that_compile_records_version_1_with_author_hash_comment_and_rules() {
    fixture
        .givenNoPriorActivity()
        .when(
            new PublishRuleSetCommand(
                RuleSets.ID, DEFAULTS, "Rentrée", RuleSetContent.hash(DEFAULTS), false),
            ALICE)
        .expectSuccessfulHandlerExecution()
        .expectResultMessagePayload(new PublishedVersion(1, RuleSetContent.hash(DEFAULTS)))
        .expectEventsMatching(
            exactSequenceOf(
                messageWithPayload(
                    predicate(
                        (Predicate<RuleSetPublishedEvent>)
                            e ->
                                e.version() == 1
                                    && e.author().equals("alice")
                                    && e.comment().equals("Rentrée")
                                    && e.contentHash().equals(RuleSetContent.hash(DEFAULTS))
                                    && e.files().equals(DEFAULTS)
                                    && e.republishedVersion() == null
                                    && e.rules().stream()
                                        .anyMatch(r -> r.name().equals("student-discount"))))));
  }

  @Test
  void publishing_a_broken_file_is_refused_with_lines_and_changes_nothing() {
    List<RuleFileContent> broken = new ArrayList<>(DEFAULTS);
    broken.set(
        1,
        new RuleFileContent(
            "discounts.drl",
            DEFAULTS
                .get(1)
                .content()
                .replace(
                    "$t : Ticket( rate == \"STUDENT\", studentProofGiven )",
                    "$t : Ticket( rate == ")));

    fixture
        .given(published(1, DEFAULTS))
        .when(new PublishRuleSetCommand(RuleSets.ID, broken, "oops", null, false), ALICE)
        .expectNoEvents()
        .expectException(RuleSetRejectedException.class)
        .expectException(
            predicate(
                (Predicate<RuleSetRejectedException>)
                    e ->
                        !e.errors().isEmpty()
                            && e.errors().stream()
                                .allMatch(m -> m.file().equals("discounts.drl") && m.line() > 0)));
  }

  @Test
  void rolling_back_publishes_the_earlier_content_as_a_new_version() {
    List<RuleFileContent> v2 = withStudentDiscountOf(25);
    fixture
        .given(published(1, DEFAULTS), published(2, v2))
        .when(new RollBackRuleSetCommand(RuleSets.ID, 1, "25% was a mistake"), ALICE)
        .expectResultMessagePayload(new PublishedVersion(3, RuleSetContent.hash(DEFAULTS)))
        .expectEventsMatching(
            exactSequenceOf(
                messageWithPayload(
                    predicate(
                        (Predicate<RuleSetPublishedEvent>)
                            e ->
                                e.version() == 3
                                    && e.files().equals(DEFAULTS)
                                    && Integer.valueOf(1).equals(e.republishedVersion())))));
  }

  @Test
  void rolling_back_to_an_unknown_version_is_refused() {
    fixture
        .given(published(1, DEFAULTS))
        .when(new RollBackRuleSetCommand(RuleSets.ID, 7, "back"), ALICE)
        .expectNoEvents()
        .expectException(CommandRejectedException.class)
        .expectExceptionMessage("There is no version 7 (latest is 1).");
  }

  @Test
  void publishing_the_content_in_force_again_is_refused() {
    fixture
        .given(published(1, DEFAULTS))
        .when(new PublishRuleSetCommand(RuleSets.ID, DEFAULTS, "again", null, false), ALICE)
        .expectNoEvents()
        .expectException(CommandRejectedException.class);
  }

  @Test
  void a_content_hash_that_does_not_match_the_files_is_refused() {
    fixture
        .givenNoPriorActivity()
        .when(new PublishRuleSetCommand(RuleSets.ID, DEFAULTS, "hash", "abc123", false), ALICE)
        .expectNoEvents()
        .expectException(CommandRejectedException.class);
  }

  @Test
  void shipping_the_defaults_does_nothing_once_a_version_exists() {
    fixture
        .given(published(1, withStudentDiscountOf(30)))
        .when(new PublishRuleSetCommand(RuleSets.ID, DEFAULTS, "defaults", null, true))
        .expectNoEvents()
        .expectSuccessfulHandlerExecution();
  }

  @Test
  void the_content_hash_depends_on_names_and_contents() {
    assertThat(RuleSetContent.hash(DEFAULTS)).hasSize(64).isEqualTo(RuleSetContent.hash(DEFAULTS));
    assertThat(RuleSetContent.hash(withStudentDiscountOf(25)))
        .isNotEqualTo(RuleSetContent.hash(DEFAULTS));
  }
}
