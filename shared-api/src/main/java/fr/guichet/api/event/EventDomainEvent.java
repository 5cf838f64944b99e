package fr.guichet.api.event;

import java.time.Instant;
import java.util.List;
import org.axonframework.serialization.Revision;

/** What happened to one Event (one performance); the store of these is the truth. */
public sealed interface EventDomainEvent {

  String eventId();

  @Revision("1")
  record EventCreatedEvent(
      String eventId, String title, String venue, Instant startsAt, String description)
      implements EventDomainEvent {}

  /** The title, venue, start time or description changed (all four are given). */
  @Revision("1")
  record EventDetailsChangedEvent(
      String eventId, String title, String venue, Instant startsAt, String description)
      implements EventDomainEvent {}

  @Revision("1")
  record SeatingPlanConfiguredEvent(String eventId, SeatingPlan plan, int capacity)
      implements EventDomainEvent {}

  @Revision("1")
  record SalesLimitsSetEvent(String eventId, SalesLimits limits) implements EventDomainEvent {}

  /** The manager submitted the draft to the programming director. */
  @Revision("1")
  record SalesApprovalRequestedEvent(String eventId) implements EventDomainEvent {}

  /** The programming director refused to open the sales; the event is a draft again. */
  @Revision("1")
  record SalesRejectedEvent(String eventId, String reason) implements EventDomainEvent {}

  @Revision("1")
  record SalesApprovedEvent(String eventId) implements EventDomainEvent {}

  @Revision("1")
  record SalesOpeningScheduledEvent(String eventId, Instant opensAt, String deadlineId)
      implements EventDomainEvent {}

  @Revision("1")
  record SalesOpenedEvent(String eventId) implements EventDomainEvent {}

  /**
   * Sales stopped for a while, for {@code reason}.
   *
   * <p>Revision 2 added {@code reason}: revision 1 (stored until 2026-11) had none, and {@link
   * fr.guichet.api.upcasting.SalesPausedEventUpcaster} reads it as {@link #REASON_NOT_GIVEN}, the
   * reason of a pause whose manager gave none. See docs/adr/0703-evolving-stored-events.md.
   */
  @Revision("2")
  record SalesPausedEvent(String eventId, String reason) implements EventDomainEvent {

    /** The reason of a pause for which none was given (and of every revision 1 pause). */
    public static final String REASON_NOT_GIVEN = "no reason given";
  }

  @Revision("1")
  record SalesResumedEvent(String eventId) implements EventDomainEvent {}

  @Revision("1")
  record SalesClosedEvent(String eventId) implements EventDomainEvent {}

  @Revision("1")
  record PlacesBlockedEvent(String eventId, List<String> placeIds, String reason)
      implements EventDomainEvent {}

  @Revision("1")
  record PlacesUnblockedEvent(String eventId, List<String> placeIds) implements EventDomainEvent {}

  /**
   * Places became held for an order until {@code heldUntil}.
   *
   * <p>{@code expiryDeadlineId} is null for every hold placed since ADR 0707: such a hold is ended
   * by the Event's shared expiry sweep ({@link HoldExpirySweepScheduledEvent}), not by a deadline
   * of its own. Holds stored before then name their own persistent {@code hold-expiry} deadline
   * here; that deadline still ends them, and releasing or selling them still cancels it.
   */
  @Revision("1")
  record PlacesHeldEvent(
      String eventId,
      String orderId,
      String customerId,
      List<String> placeIds,
      Instant heldUntil,
      String expiryDeadlineId)
      implements EventDomainEvent {}

  /**
   * The Event's expiry sweep is due at {@code at}: the persistent deadline {@code deadlineId} will
   * then expire every hold whose time has come. One sweep serves all the holds of the event (ADR
   * 0707); a new one is scheduled only when none is pending or a new hold would expire before it.
   * Read models have nothing to show for it.
   */
  @Revision("1")
  record HoldExpirySweepScheduledEvent(String eventId, Instant at, String deadlineId)
      implements EventDomainEvent {}

  /**
   * An expiry sweep ran and found no hold left to watch: no sweep is pending until the next hold
   * schedules one. Read models have nothing to show for it.
   */
  @Revision("1")
  record HoldExpirySweepsStoppedEvent(String eventId) implements EventDomainEvent {}

  @Revision("1")
  record HoldReleasedEvent(String eventId, String orderId, String customerId, List<String> placeIds)
      implements EventDomainEvent {}

  @Revision("1")
  record HoldExpiredEvent(String eventId, String orderId, String customerId, List<String> placeIds)
      implements EventDomainEvent {}

  /**
   * The held places are sold to the order. Revision 2 adds the fingerprints the purchase caps count
   * by (null in revision 1 events and for sales without them).
   */
  @Revision("2")
  record HeldPlacesSoldEvent(
      String eventId,
      String orderId,
      String customerId,
      List<String> placeIds,
      String paymentReference,
      String cardFingerprint,
      String mailboxFingerprint)
      implements EventDomainEvent {

    public HeldPlacesSoldEvent(
        String eventId,
        String orderId,
        String customerId,
        List<String> placeIds,
        String paymentReference) {
      this(eventId, orderId, customerId, placeIds, paymentReference, null, null);
    }
  }

  /** Which purchase cap a sale would have broken. */
  enum PurchaseCap {
    /** Places per event bought with one payment card (by its fingerprint). */
    CARD,
    /** Places per event bought by one verified e-mail address (canonical mailbox). */
    MAILBOX
  }

  /**
   * A payment would have taken a card or a mailbox over the event's per-buyer cap ({@code limit}
   * places, {@code alreadyBought} of them already sold to it): the places are not sold to the
   * order, its hold (if still active) is released by a {@link HoldReleasedEvent} that follows, and
   * the payment goes back to the buyer.
   */
  @Revision("1")
  record PurchaseCapExceededEvent(
      String eventId,
      String orderId,
      String customerId,
      List<String> placeIds,
      String paymentReference,
      PurchaseCap cap,
      int limit,
      int alreadyBought)
      implements EventDomainEvent {}

  /**
   * A payment arrived for an order whose hold had already ended: the places were not sold to it.
   * The payment issue turns this into a refund.
   */
  @Revision("1")
  record PaymentAfterHoldEndedEvent(
      String eventId, String orderId, String paymentReference, HoldOutcome.HoldStatus holdStatus)
      implements EventDomainEvent {}

  /**
   * A payment arrived after its hold had expired, the event accepts late payments and every place
   * of the hold was still free: the places are sold to the order after all.
   */
  @Revision("2")
  record LatePaymentAcceptedEvent(
      String eventId,
      String orderId,
      String customerId,
      List<String> placeIds,
      String paymentReference,
      String cardFingerprint,
      String mailboxFingerprint)
      implements EventDomainEvent {

    public LatePaymentAcceptedEvent(
        String eventId,
        String orderId,
        String customerId,
        List<String> placeIds,
        String paymentReference) {
      this(eventId, orderId, customerId, placeIds, paymentReference, null, null);
    }
  }

  /** A manager cancelled a confirmed order: its places are free again. */
  @Revision("1")
  record SaleCancelledEvent(
      String eventId, String orderId, String customerId, List<String> placeIds, String reason)
      implements EventDomainEvent {}

  /**
   * A manager cancelled some places of a confirmed order: they are free again at once. The order
   * keeps {@code remainingPlaceIds}; when none is left the whole sale is cancelled.
   *
   * @param cancellationId the manager's request, so that a retry changes nothing
   * @param cancelledBy the manager
   */
  @Revision("1")
  record SoldPlacesCancelledEvent(
      String eventId,
      String orderId,
      String customerId,
      String cancellationId,
      List<String> placeIds,
      List<String> remainingPlaceIds,
      String reason,
      String cancelledBy)
      implements EventDomainEvent {

    public SoldPlacesCancelledEvent {
      placeIds = List.copyOf(placeIds);
      remainingPlaceIds = List.copyOf(remainingPlaceIds);
    }
  }

  /**
   * A buyer asked for places of this sold-out event: when places come back (a hold ends, a sale is
   * cancelled, places are unblocked) they are offered to the list in the order it was joined.
   *
   * @param orderId the order the offered places will be held for
   * @param wanted how many places, best available in a category or in a standing zone
   * @param locale the language of the offer's e-mail (fr or en)
   */
  @Revision("1")
  record WaitingListJoinedEvent(
      String eventId, String customerId, String orderId, PlaceSelection wanted, String locale)
      implements EventDomainEvent {}

  /** The buyer is no longer on the waiting list, for {@code reason}; no offer was made. */
  @Revision("1")
  record WaitingListLeftEvent(
      String eventId, String customerId, String orderId, WaitingListExit reason)
      implements EventDomainEvent {}

  /** Why a buyer left the waiting list without an offer. */
  enum WaitingListExit {
    /** The buyer left it. */
    LEFT,
    /** When places came back the buyer already had as many as one buyer may have. */
    CUSTOMER_LIMIT
  }

  /**
   * Places that came back are held for a buyer of the waiting list until {@code heldUntil}: the
   * {@link PlacesHeldEvent} of the same order just before this one holds them; the buyer pays for
   * that order as for any hold, or the places go to the next buyer on the list when it ends.
   */
  @Revision("1")
  record WaitingListOfferMadeEvent(
      String eventId,
      String customerId,
      String orderId,
      List<String> placeIds,
      Instant heldUntil,
      String locale)
      implements EventDomainEvent {

    public WaitingListOfferMadeEvent {
      placeIds = List.copyOf(placeIds);
    }
  }
}
