package fr.guichet.query.seatmap;

import fr.guichet.api.query.PlaceState;
import java.util.List;

/**
 * One change of an event's availability, numbered by the sequence number of the event that caused
 * it. {@link Kind#RELOAD} tells the client to fetch the layout and the snapshot again: the plan
 * changed, or it asked to resume from a version the server no longer remembers.
 */
public record AvailabilityChange(
    String eventId, long version, Kind kind, PlaceState state, List<String> placeIds) {

  public enum Kind {
    PLACES,
    RELOAD
  }

  static AvailabilityChange places(
      String eventId, long version, PlaceState state, List<String> placeIds) {
    return new AvailabilityChange(eventId, version, Kind.PLACES, state, List.copyOf(placeIds));
  }

  static AvailabilityChange reload(String eventId, long version) {
    return new AvailabilityChange(eventId, version, Kind.RELOAD, null, List.of());
  }
}
