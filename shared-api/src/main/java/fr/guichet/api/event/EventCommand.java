package fr.guichet.api.event;

import java.time.Instant;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Commands addressed to one Event (one performance). */
public sealed interface EventCommand {

  String eventId();

  /** A manager drafts a new performance. */
  record CreateEventCommand(
      @TargetAggregateIdentifier String eventId,
      String title,
      String venue,
      Instant startsAt,
      String description)
      implements EventCommand {}

  /** A manager corrects what the catalog says about the performance (not its places). */
  record ChangeEventDetailsCommand(
      @TargetAggregateIdentifier String eventId,
      String title,
      String venue,
      Instant startsAt,
      String description)
      implements EventCommand {}

  /** Sets (or replaces) the whole seating plan and its price categories in one go. */
  record ConfigureSeatingPlanCommand(@TargetAggregateIdentifier String eventId, SeatingPlan plan)
      implements EventCommand {}

  record SetSalesLimitsCommand(@TargetAggregateIdentifier String eventId, SalesLimits limits)
      implements EventCommand {}

  /** The manager asks the programming director to approve opening the sales of a draft. */
  record RequestSalesApprovalCommand(@TargetAggregateIdentifier String eventId)
      implements EventCommand {}

  /**
   * The programming director sends a draft awaiting approval back to the manager, saying why. The
   * event stays a draft; the manager may change it and ask again.
   */
  record RejectSalesCommand(@TargetAggregateIdentifier String eventId, String reason)
      implements EventCommand {}

  /** The programming director approves opening the sales. */
  record ApproveSalesCommand(@TargetAggregateIdentifier String eventId) implements EventCommand {}

  /** Opens sales now ({@code at} null or past) or at a scheduled time. */
  record OpenSalesCommand(@TargetAggregateIdentifier String eventId, Instant at)
      implements EventCommand {}

  /** Pauses sales; {@code reason} (optional) tells buyers and staff why. */
  record PauseSalesCommand(@TargetAggregateIdentifier String eventId, String reason)
      implements EventCommand {}

  record ResumeSalesCommand(@TargetAggregateIdentifier String eventId) implements EventCommand {}

  record CloseSalesCommand(@TargetAggregateIdentifier String eventId) implements EventCommand {}

  /** House seats, technical kills: taken out of sale until unblocked. */
  record BlockPlacesCommand(
      @TargetAggregateIdentifier String eventId, List<String> placeIds, String reason)
      implements EventCommand {}

  record UnblockPlacesCommand(@TargetAggregateIdentifier String eventId, List<String> placeIds)
      implements EventCommand {}

  /**
   * Holds places for a new order, all or none. Retrying with the same {@code orderId} returns the
   * first outcome and never holds twice. Answers a {@link HoldOutcome}.
   */
  record HoldPlacesCommand(
      @TargetAggregateIdentifier String eventId,
      String orderId,
      String customerId,
      PlaceSelection selection)
      implements EventCommand {}

  /** The buyer gives their held places back before paying. */
  record ReleaseHoldCommand(
      @TargetAggregateIdentifier String eventId, String orderId, String customerId)
      implements EventCommand {}

  /**
   * Expires the holds whose time ended more than a grace period ago, whatever happened to the
   * expiry sweep meant to end them, and makes sure a sweep is scheduled for the holds left. Sent by
   * each command node's watchdog for the Events it served recently; never from a client. Doing
   * nothing is its usual answer.
   */
  record ExpireOverdueHoldsCommand(@TargetAggregateIdentifier String eventId)
      implements EventCommand {}

  /**
   * Turns an order's held places into sold ones, only while its hold is valid. Answers a {@link
   * HoldOutcome}: {@code SOLD} when it won, {@code REFUSED} when a purchase cap refused it,
   * otherwise the state that beat it.
   *
   * @param cardFingerprint the bank's keyed hash of the card that paid (never the card number);
   *     null when the payment came without one (the manager's stand-in for the bank)
   * @param mailboxFingerprint the keyed hash of the buyer's verified, canonical e-mail address;
   *     null for accounts without one (staff)
   */
  record SellHeldPlacesCommand(
      @TargetAggregateIdentifier String eventId,
      String orderId,
      String paymentReference,
      String cardFingerprint,
      String mailboxFingerprint)
      implements EventCommand {

    /** A sale that no card or mailbox cap applies to. */
    public SellHeldPlacesCommand(String eventId, String orderId, String paymentReference) {
      this(eventId, orderId, paymentReference, null, null);
    }
  }

  /**
   * A manager cancels a confirmed order (dispute, box office): its sold places go back on sale at
   * once. Answers a {@link HoldOutcome} with status {@code CANCELLED}; repeating it changes
   * nothing.
   */
  record CancelSaleCommand(@TargetAggregateIdentifier String eventId, String orderId, String reason)
      implements EventCommand {}

  /**
   * A manager cancels some places of a confirmed order (dispute, box office): they go back on sale
   * at once, the order keeps the others. Cancelling the last remaining places cancels the whole
   * sale. Answers a {@link HoldOutcome} naming the places the order keeps (status {@code CANCELLED}
   * when none is left); repeating it with the same {@code cancellationId} changes nothing.
   *
   * @param cancellationId the request's id (from its Idempotency-Key): a retry is recognised by it
   * @param cancelledBy the manager
   */
  record CancelSoldPlacesCommand(
      @TargetAggregateIdentifier String eventId,
      String orderId,
      String cancellationId,
      List<String> placeIds,
      String reason,
      String cancelledBy)
      implements EventCommand {}

  /**
   * Puts the buyer on the Event's waiting list for {@code wanted} places (best available in a
   * category, or in a standing zone), refused while that many are free. One entry per buyer: a
   * retry, or a second request while on the list, answers the entry they have. Answers a {@link
   * WaitingListPlace}.
   *
   * @param orderId the order the offered places will be held for
   * @param locale the language of the offer's e-mail (fr or en)
   */
  record JoinWaitingListCommand(
      @TargetAggregateIdentifier String eventId,
      String orderId,
      String customerId,
      PlaceSelection wanted,
      String locale)
      implements EventCommand {}

  /** Takes the buyer off the waiting list; answers the {@link WaitingListPlace} they had. */
  record LeaveWaitingListCommand(@TargetAggregateIdentifier String eventId, String customerId)
      implements EventCommand {}
}
