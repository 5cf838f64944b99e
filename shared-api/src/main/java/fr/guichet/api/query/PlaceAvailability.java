package fr.guichet.api.query;

import java.util.Map;

/**
 * States of some places of an event as of {@code version}, the sequence number of the last event of
 * that Event applied to the seat map.
 */
public record PlaceAvailability(String eventId, long version, Map<String, PlaceState> states) {
  public PlaceAvailability {
    states = states == null ? Map.of() : Map.copyOf(states);
  }
}
