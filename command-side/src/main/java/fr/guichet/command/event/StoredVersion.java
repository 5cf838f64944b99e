package fr.guichet.command.event;

/**
 * How far the event store has an Event: the sequence number of its last stored event, -1 when it
 * has none. Several command nodes may write one Event, each deciding on its own cached copy; a
 * deadline compares this with the copy it runs on before deciding (see {@code
 * Event#requireStoredState}).
 */
@FunctionalInterface
public interface StoredVersion {

  /** The sequence number of the last event stored for {@code eventId}, or -1. */
  long lastSequence(String eventId);
}
