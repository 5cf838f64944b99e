package fr.guichet.command.event;

import fr.guichet.api.event.HoldOutcome;
import fr.guichet.api.event.HoldOutcome.HoldStatus;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/** One order's claim on places of an Event; its status changes only through Event's events. */
final class Hold {
  final String orderId;
  final String customerId;

  /** The places the order has now: all it held, less those a manager cancelled after the sale. */
  List<String> placeIds;

  final Instant heldUntil;

  /**
   * The hold's own {@code hold-expiry} deadline, for holds stored before ADR 0707; null for the
   * others, which the Event's expiry sweep ends.
   */
  final String expiryDeadlineId;

  HoldStatus status = HoldStatus.HELD;
  String cardFingerprint;
  String mailboxFingerprint;

  /** The payment reference the places were sold with (null until sold). */
  String soldWith;

  /** Places a manager cancelled after the sale (back on sale, no longer the order's). */
  final Set<String> cancelledPlaceIds = new HashSet<>();

  Hold(
      String orderId,
      String customerId,
      List<String> placeIds,
      Instant heldUntil,
      String expiryDeadlineId) {
    this.orderId = orderId;
    this.customerId = customerId;
    this.placeIds = placeIds;
    this.heldUntil = heldUntil;
    this.expiryDeadlineId = expiryDeadlineId;
  }

  boolean isActive() {
    return status == HoldStatus.HELD;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Hold h
        && orderId.equals(h.orderId)
        && customerId.equals(h.customerId)
        && placeIds.equals(h.placeIds)
        && heldUntil.equals(h.heldUntil)
        && Objects.equals(expiryDeadlineId, h.expiryDeadlineId)
        && status == h.status
        && Objects.equals(soldWith, h.soldWith)
        && cancelledPlaceIds.equals(h.cancelledPlaceIds);
  }

  @Override
  public int hashCode() {
    return Objects.hash(orderId, status);
  }

  HoldOutcome outcome(String eventId) {
    return new HoldOutcome(eventId, orderId, placeIds, heldUntil, status);
  }
}
