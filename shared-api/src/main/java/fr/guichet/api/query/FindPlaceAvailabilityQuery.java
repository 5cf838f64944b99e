package fr.guichet.api.query;

import java.util.List;

/**
 * The current state of some places of an event, answered by a {@link PlaceAvailability}. As a
 * subscription query its updates carry the asked places whose state changed, so a buyer who just
 * held places can wait until the seat map shows them held (read-your-writes).
 */
public record FindPlaceAvailabilityQuery(String eventId, List<String> placeIds) {
  public FindPlaceAvailabilityQuery {
    placeIds = placeIds == null ? List.of() : List.copyOf(placeIds);
  }
}
