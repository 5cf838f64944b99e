package fr.guichet.command.pricing;

import fr.guichet.api.pricing.SubscriptionEvent.SubscriptionRegisteredEvent;
import fr.guichet.api.pricing.SubscriptionEvent.SubscriptionRevokedEvent;
import java.util.List;
import java.util.Optional;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

/** Reads a number's validity from its own event stream. */
@Component
class EventStoreSubscriberRegistry implements SubscriberRegistry {

  private final EventStore store;

  EventStoreSubscriberRegistry(EventStore store) {
    this.store = store;
  }

  @Override
  public Optional<Subscription> find(String number) {
    if (!SubscriptionNumber.isWellFormed(number)) {
      return Optional.empty();
    }
    Subscription found = null;
    List<Object> payloads =
        store
            .readEvents(SubscriptionCommands.aggregateId(number))
            .asStream()
            .map(DomainEventMessage::getPayload)
            .map(Object.class::cast)
            .toList();
    for (Object payload : payloads) {
      if (payload instanceof SubscriptionRegisteredEvent registered) {
        found = new Subscription(number, registered.validFrom(), registered.validTo(), false);
      } else if (payload instanceof SubscriptionRevokedEvent && found != null) {
        found = new Subscription(number, found.validFrom(), found.validTo(), true);
      }
    }
    return Optional.ofNullable(found);
  }
}
