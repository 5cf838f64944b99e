package fr.guichet.command.pricing;

import fr.guichet.api.pricing.RuleFileContent;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** What managers ask of the pricing rule set. The author comes from the actor metadata. */
public final class RuleSetCommands {

  private RuleSetCommands() {}

  /**
   * Publishes {@code files} as the next version, if they compile.
   *
   * @param contentHash the SHA-256 the client computed, checked when given
   * @param onlyIfFirst publish only when no version exists yet (shipping the default rules)
   */
  public record PublishRuleSetCommand(
      @TargetAggregateIdentifier String ruleSetId,
      List<RuleFileContent> files,
      String comment,
      String contentHash,
      boolean onlyIfFirst) {}

  /** Publishes the content of an earlier version again, as a new version. */
  public record RollBackRuleSetCommand(
      @TargetAggregateIdentifier String ruleSetId, int toVersion, String comment) {}

  /** The version now in force after a publication. */
  public record PublishedVersion(int version, String contentHash) {}
}
