package fr.guichet.query.waitinglist;

import fr.guichet.api.event.PlaceSelection;
import java.time.Instant;
import java.util.List;
import org.springframework.data.annotation.Id;

/**
 * One buyer on one Event's waiting list (the latest time they joined it).
 *
 * @param id {@code eventId|customerId}
 * @param version sequence number of the last event of the Event applied here
 * @param joinSequence sequence number of the Event's join event: the list's order
 * @param placeIds the places offered (empty before an offer)
 * @param heldUntil until when the offered places are held
 */
record WaitingListEntry(
    @Id String id,
    long version,
    String eventId,
    String customerId,
    String orderId,
    WaitingListStatus status,
    PlaceSelection.Kind kind,
    String area,
    int quantity,
    Instant joinedAt,
    long joinSequence,
    List<String> placeIds,
    Instant heldUntil,
    Instant updatedAt) {

  WaitingListEntry {
    placeIds = placeIds == null ? List.of() : placeIds;
  }

  static String idOf(String eventId, String customerId) {
    return eventId + "|" + customerId;
  }
}
