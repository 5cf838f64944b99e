package fr.guichet.command.pricing;

import fr.guichet.api.pricing.RuleSetEvent.RuleSetPublishedEvent;
import fr.guichet.command.pricing.RuleSetCommands.PublishRuleSetCommand;
import fr.guichet.pricing.Compilation;
import fr.guichet.pricing.DefaultRuleFiles;
import fr.guichet.pricing.PricingRulesCompiler;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Reads the rule set's versions from its event stream (the truth, not a read model) and keeps the
 * version in force compiled. Ships the default rule files as version 1 when none is published.
 */
@Component
public class RuleSets implements ActiveRuleSet {

  /** The one pricing rule set of the platform. */
  public static final String ID = "pricing-rule-set";

  private static final Logger log = LoggerFactory.getLogger(RuleSets.class);

  private final EventStore store;
  private final PricingRulesCompiler compiler;
  private final CommandGateway commands;
  private volatile Active active;
  private volatile boolean published;

  private static final long RECHECK_NANOS = 500_000_000L;

  private record Active(long sequence, Version version, long checkedAt) {}

  /** Makes the next {@link #current()} read the store again (after a publication here). */
  public void forget() {
    Active known = active;
    if (known != null) {
      active = new Active(known.sequence, known.version, System.nanoTime() - RECHECK_NANOS);
    }
  }

  public RuleSets(EventStore store, PricingRulesCompiler compiler, CommandGateway commands) {
    this.store = store;
    this.compiler = compiler;
    this.commands = commands;
  }

  /**
   * The version in force. The store is asked for the rule set's last sequence at most every {@link
   * #RECHECK_NANOS} (holds and orders ask on the buying path); a publication through this node is
   * seen at once ({@link #forget()}), one through another node within that delay.
   */
  @Override
  public Version current() {
    Active known = active;
    if (known != null && System.nanoTime() - known.checkedAt < RECHECK_NANOS) {
      return known.version;
    }
    long sequence = store.lastSequenceNumberFor(ID).orElse(-1L);
    if (known != null && known.sequence == sequence) {
      active = new Active(sequence, known.version, System.nanoTime());
      return known.version;
    }
    synchronized (this) {
      if (active != null && active.sequence == sequence) {
        active = new Active(sequence, active.version, System.nanoTime());
        return active.version;
      }
      List<RuleSetPublishedEvent> history = history();
      if (history.isEmpty()) {
        throw new IllegalStateException("No pricing rule set is published yet.");
      }
      RuleSetPublishedEvent latest = history.get(history.size() - 1);
      Compilation compilation = compiler.compile(RuleSetContent.toRuleFiles(latest.files()));
      if (!compilation.succeeded()) {
        throw new IllegalStateException(
            "Rule set version "
                + latest.version()
                + " no longer compiles: "
                + compilation.errors());
      }
      active =
          new Active(
              sequence,
              new Version(ID, latest.version(), latest.contentHash(), compilation.calculator()),
              System.nanoTime());
      return active.version;
    }
  }

  /** Every published version, oldest first. */
  public List<RuleSetPublishedEvent> history() {
    return store
        .readEvents(ID)
        .asStream()
        .map(message -> message.getPayload())
        .filter(RuleSetPublishedEvent.class::isInstance)
        .map(RuleSetPublishedEvent.class::cast)
        .toList();
  }

  public Optional<RuleSetPublishedEvent> version(int version) {
    return history().stream().filter(v -> v.version() == version).findFirst();
  }

  /**
   * Publishes the shipped rule files as the first version, unless a version exists already. At
   * startup the version in force is also compiled, so that the first buyer does not wait for it.
   */
  public void ensurePublished() {
    if (published || store.lastSequenceNumberFor(ID).isPresent()) {
      published = true;
      return;
    }
    commands.sendAndWait(
        GenericCommandMessage.asCommandMessage(
                new PublishRuleSetCommand(
                    ID,
                    RuleSetContent.fromRuleFiles(DefaultRuleFiles.load()),
                    "Règles livrées avec Guichet / rules shipped with Guichet",
                    null,
                    true))
            .andMetaData(MetaData.from(Map.of("actorId", "system", "actorRole", "SYSTEM"))));
    published = true;
  }

  @EventListener(ApplicationReadyEvent.class)
  void publishDefaultsAtStartup() {
    try {
      ensurePublished();
      current();
    } catch (RuntimeException | LinkageError e) {
      // LinkageError: on a starved machine Axon's handler timeout can interrupt Drools while it
      // loads the rules' generated classes (NoClassDefFoundError); the platform must still start,
      // and the next compilation uses a fresh class loader.
      log.warn("Could not publish the default pricing rules at startup; retried on first order", e);
    }
  }
}
