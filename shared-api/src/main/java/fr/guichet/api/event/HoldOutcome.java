package fr.guichet.api.event;

import java.time.Instant;
import java.util.List;

/**
 * The answer to a hold request, the same for every retry of that request.
 *
 * @param status where that hold stands now
 */
public record HoldOutcome(
    String eventId, String orderId, List<String> placeIds, Instant heldUntil, HoldStatus status) {

  public enum HoldStatus {
    HELD,
    SOLD,
    RELEASED,
    EXPIRED,
    /** Sold, then cancelled by a manager: the places are free again. */
    CANCELLED,
    /**
     * The answer to a sale only: a purchase cap (per card or per verified e-mail) refused the
     * payment; the hold was released and the payment goes back.
     */
    REFUSED,
    /**
     * The answer to a sale only: the places were already sold to another payment of the same order
     * (the box office's counter, or a second bank payment); this payment goes back.
     */
    SOLD_TO_OTHER_PAYMENT
  }
}
