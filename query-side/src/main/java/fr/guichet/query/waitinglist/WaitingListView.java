package fr.guichet.query.waitinglist;

import fr.guichet.api.event.PlaceSelection;
import java.time.Instant;
import java.util.List;

/**
 * A buyer's place on an Event's waiting list, as the view has it.
 *
 * @param position 1 + the buyers still waiting who joined before; 0 when not waiting
 * @param waiting how many buyers wait for this event
 * @param placeIds the places held for the buyer once offered
 * @param heldUntil until when they are held (pay {@code orderId} before)
 */
public record WaitingListView(
    String eventId,
    String customerId,
    String orderId,
    WaitingListStatus status,
    Wanted wanted,
    Instant joinedAt,
    int position,
    long waiting,
    List<String> placeIds,
    Instant heldUntil) {

  /** What the buyer waits for: {@code quantity} places best available in a category or a zone. */
  public record Wanted(PlaceSelection.Kind kind, String area, int quantity) {}

  static WaitingListView of(WaitingListEntry entry, int position, long waiting) {
    return new WaitingListView(
        entry.eventId(),
        entry.customerId(),
        entry.orderId(),
        entry.status(),
        new Wanted(entry.kind(), entry.area(), entry.quantity()),
        entry.joinedAt(),
        position,
        waiting,
        entry.placeIds(),
        entry.heldUntil());
  }
}
