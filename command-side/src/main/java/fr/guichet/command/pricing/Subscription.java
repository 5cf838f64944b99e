package fr.guichet.command.pricing;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import fr.guichet.api.pricing.SubscriptionEvent.SubscriptionRegisteredEvent;
import fr.guichet.api.pricing.SubscriptionEvent.SubscriptionRevokedEvent;
import fr.guichet.api.rejection.CommandRejectedException;
import fr.guichet.api.rejection.Rejection;
import fr.guichet.command.pricing.SubscriptionCommands.RegisterSubscriptionCommand;
import fr.guichet.command.pricing.SubscriptionCommands.RevokeSubscriptionCommand;
import java.time.LocalDate;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/** One subscription number of the registry and its validity. */
@Aggregate
class Subscription {

  @AggregateIdentifier private String subscriptionId;
  private LocalDate validFrom;
  private LocalDate validTo;
  private boolean revoked;

  Subscription() {}

  @CommandHandler
  @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
  void handle(RegisterSubscriptionCommand command) {
    if (!SubscriptionNumber.isWellFormed(command.number())
        || !command.subscriptionId().equals(SubscriptionCommands.aggregateId(command.number()))) {
      throw new CommandRejectedException(
          Rejection.invalid(
              "subscription-number",
              "A subscription number is 3 to 32 upper-case letters, digits or dashes."));
    }
    if (command.validFrom() == null
        || command.validTo() == null
        || command.validTo().isBefore(command.validFrom())) {
      throw new CommandRejectedException(
          Rejection.invalid(
              "subscription-validity", "Give validFrom and validTo, validFrom not after validTo."));
    }
    if (!revoked && command.validFrom().equals(validFrom) && command.validTo().equals(validTo)) {
      return;
    }
    apply(
        new SubscriptionRegisteredEvent(
            command.number(), command.validFrom(), command.validTo(), command.note()));
  }

  @CommandHandler
  void handle(RevokeSubscriptionCommand command) {
    if (!revoked) {
      apply(new SubscriptionRevokedEvent(command.number(), command.reason()));
    }
  }

  @EventSourcingHandler
  void on(SubscriptionRegisteredEvent event) {
    subscriptionId = SubscriptionCommands.aggregateId(event.subscriptionNumber());
    validFrom = event.validFrom();
    validTo = event.validTo();
    revoked = false;
  }

  @EventSourcingHandler
  void on(SubscriptionRevokedEvent event) {
    revoked = true;
  }
}
