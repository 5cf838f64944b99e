package fr.guichet.command.pricing;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import fr.guichet.api.pricing.RuleFileContent;
import fr.guichet.api.pricing.RuleSetEvent.RuleSetPublishedEvent;
import fr.guichet.api.rejection.CommandRejectedException;
import fr.guichet.api.rejection.Rejection;
import fr.guichet.command.pricing.RuleSetCommands.PublishRuleSetCommand;
import fr.guichet.command.pricing.RuleSetCommands.PublishedVersion;
import fr.guichet.command.pricing.RuleSetCommands.RollBackRuleSetCommand;
import fr.guichet.pricing.Compilation;
import fr.guichet.pricing.PricingRulesCompiler;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * The versions of the pricing rules. A version is published only if its files compile; a rollback
 * publishes an earlier version's content again, so history only grows.
 */
@Aggregate
class RuleSet {

  static final int MAX_COMMENT = 500;

  @AggregateIdentifier private String ruleSetId;
  private int version;
  private String activeHash;
  private final Map<Integer, List<RuleFileContent>> contents = new HashMap<>();

  RuleSet() {}

  @CommandHandler
  @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
  PublishedVersion handle(
      PublishRuleSetCommand command,
      @MetaDataValue("actorId") String author,
      PricingRulesCompiler compiler) {
    if (command.onlyIfFirst() && version > 0) {
      return new PublishedVersion(version, activeHash);
    }
    requireComment(command.comment());
    if (command.files() == null || command.files().isEmpty()) {
      throw new CommandRejectedException(
          Rejection.invalid("no-rule-files", "Send at least one rule file."));
    }
    String hash = RuleSetContent.hash(command.files());
    if (command.contentHash() != null && !command.contentHash().equalsIgnoreCase(hash)) {
      throw new CommandRejectedException(
          Rejection.invalid(
              "content-hash-mismatch",
              "The content hash sent ("
                  + command.contentHash()
                  + ") is not the SHA-256 of the files received ("
                  + hash
                  + "); the files changed on the way."));
    }
    publish(command.ruleSetId(), command.files(), hash, command.comment(), author, null, compiler);
    return new PublishedVersion(version, activeHash);
  }

  @CommandHandler
  PublishedVersion handle(
      RollBackRuleSetCommand command,
      @MetaDataValue("actorId") String author,
      PricingRulesCompiler compiler) {
    requireComment(command.comment());
    List<RuleFileContent> files = contents.get(command.toVersion());
    if (files == null) {
      throw new CommandRejectedException(
          Rejection.notFound(
              "unknown-version",
              "There is no version " + command.toVersion() + " (latest is " + version + ")."));
    }
    publish(
        ruleSetId,
        files,
        RuleSetContent.hash(files),
        command.comment(),
        author,
        command.toVersion(),
        compiler);
    return new PublishedVersion(version, activeHash);
  }

  private void publish(
      String id,
      List<RuleFileContent> files,
      String hash,
      String comment,
      String author,
      Integer republished,
      PricingRulesCompiler compiler) {
    if (hash.equals(activeHash)) {
      throw new CommandRejectedException(
          Rejection.rule(
              "unchanged", "Version " + version + " in force already has exactly this content."));
    }
    Compilation compilation = compiler.compile(RuleSetContent.toRuleFiles(files));
    if (!compilation.succeeded()) {
      throw new RuleSetRejectedException(compilation.errors());
    }
    apply(
        new RuleSetPublishedEvent(
            id,
            version + 1,
            hash,
            files,
            RuleSetContent.summaries(compilation.rules()),
            comment.strip(),
            author == null ? "unknown" : author,
            GenericEventMessage.clock.instant(),
            republished));
  }

  private static void requireComment(String comment) {
    if (comment == null || comment.isBlank() || comment.length() > MAX_COMMENT) {
      throw new CommandRejectedException(
          Rejection.invalid(
              "comment",
              "Say why you publish (a comment of 1 to " + MAX_COMMENT + " characters)."));
    }
  }

  @EventSourcingHandler
  void on(RuleSetPublishedEvent event) {
    ruleSetId = event.ruleSetId();
    version = event.version();
    activeHash = event.contentHash();
    contents.put(event.version(), event.files());
  }
}
