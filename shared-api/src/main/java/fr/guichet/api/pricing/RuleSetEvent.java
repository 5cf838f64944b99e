package fr.guichet.api.pricing;

import java.time.Instant;
import java.util.List;
import org.axonframework.serialization.Revision;

/** What happened to a pricing rule set; every published version stays readable forever. */
public sealed interface RuleSetEvent {

  String ruleSetId();

  /**
   * A manager published version {@code version}; it prices every order from now on. Only published
   * when the files compiled.
   *
   * @param contentHash SHA-256 (hex) over the files' names and contents
   * @param republishedVersion the earlier version whose content this one restores (a rollback),
   *     null otherwise
   * @param rules the rules of this version with their descriptions, for explanations
   */
  @Revision("1")
  record RuleSetPublishedEvent(
      String ruleSetId,
      int version,
      String contentHash,
      List<RuleFileContent> files,
      List<RuleSummary> rules,
      String comment,
      String author,
      Instant publishedAt,
      Integer republishedVersion)
      implements RuleSetEvent {

    public RuleSetPublishedEvent {
      files = List.copyOf(files);
      rules = List.copyOf(rules);
    }
  }
}
