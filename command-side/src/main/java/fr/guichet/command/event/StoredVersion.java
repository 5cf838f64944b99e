package fr.guichet.command.event;

/**
 * Whether the event store has an Event further than a given sequence number. Several command nodes
 * may write one Event, each deciding on its own cached copy; a deadline compares this with the copy
 * it runs on before deciding (see {@code Event#requireStoredState}).
 */
@FunctionalInterface
public interface StoredVersion {

  /** True when an event of {@code eventId} is stored after sequence number {@code sequence}. */
  boolean storedBeyond(String eventId, long sequence);
}
