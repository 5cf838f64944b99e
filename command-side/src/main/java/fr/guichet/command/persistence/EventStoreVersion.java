package fr.guichet.command.persistence;

import fr.guichet.command.event.StoredVersion;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

/**
 * Asks the event store for the Event's events after a sequence number, a range on the (aggregate,
 * sequence) key that usually finds none; made by the Event's deadlines and the overdue-holds
 * watchdog, never by the hold path. Not {@code lastSequenceNumberFor}: its {@code max(sequence)}
 * made H2 (the embedded default) read every event of the Event, 150,000 rows for a 150,000-event
 * Event, at every check.
 */
@Component
class EventStoreVersion implements StoredVersion {

  private final EventStore store;

  EventStoreVersion(EventStore store) {
    this.store = store;
  }

  @Override
  public boolean storedBeyond(String eventId, long sequence) {
    return store.readEvents(eventId, sequence + 1).hasNext();
  }
}
