package fr.guichet.command.pricing;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import fr.guichet.pricing.PricingRulesCompiler;
import java.util.Optional;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;

/** Publishing the default rules at startup never stops the platform from starting. */
class RuleSetsStartupTest {

  private final EventStore store = mock(EventStore.class);
  private final CommandGateway commands = mock(CommandGateway.class);
  private final RuleSets ruleSets = new RuleSets(store, mock(PricingRulesCompiler.class), commands);

  @Test
  void a_class_loading_error_while_publishing_is_logged_not_thrown() {
    when(store.lastSequenceNumberFor(RuleSets.ID)).thenReturn(Optional.empty());
    when(commands.sendAndWait(any(CommandMessage.class)))
        .thenThrow(new NoClassDefFoundError("rules/Rule_early_bird_0"));

    assertThatCode(ruleSets::publishDefaultsAtStartup).doesNotThrowAnyException();
  }

  @Test
  void a_failed_publication_is_logged_not_thrown() {
    when(store.lastSequenceNumberFor(RuleSets.ID)).thenReturn(Optional.empty());
    when(commands.sendAndWait(any(CommandMessage.class)))
        .thenThrow(new IllegalStateException("handler timed out"));

    assertThatCode(ruleSets::publishDefaultsAtStartup).doesNotThrowAnyException();
  }
}
