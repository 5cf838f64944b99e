package fr.guichet.command.persistence;

import fr.guichet.command.event.StoredVersion;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

/**
 * Reads an Event's last stored sequence number from the event store: one lookup on the (aggregate,
 * sequence) key, made by the Event's deadlines (at most about one a second per Event), never by the
 * hold path.
 */
@Component
class EventStoreVersion implements StoredVersion {

  private final EventStore store;

  EventStoreVersion(EventStore store) {
    this.store = store;
  }

  @Override
  public long lastSequence(String eventId) {
    return store.lastSequenceNumberFor(eventId).orElse(-1L);
  }
}
