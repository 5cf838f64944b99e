package fr.guichet.api.order;

import java.time.Instant;
import java.util.List;
import org.axonframework.serialization.Revision;

/** What happened to one order. Orders follow the decisions their Event takes on its places. */
public sealed interface OrderDomainEvent {

  String orderId();

  @Revision("1")
  record OrderCreatedEvent(
      String orderId, String eventId, String customerId, List<String> placeIds, Instant heldUntil)
      implements OrderDomainEvent {}

  @Revision("1")
  record OrderConfirmedEvent(String orderId, String eventId, String paymentReference)
      implements OrderDomainEvent {}

  @Revision("1")
  record OrderExpiredEvent(String orderId, String eventId) implements OrderDomainEvent {}

  @Revision("1")
  record OrderCancelledEvent(String orderId, String eventId) implements OrderDomainEvent {}

  /** Paid, but too late: the hold had ended. Refunds come with the payment issue. */
  @Revision("1")
  record OrderPaidAfterExpiryEvent(String orderId, String eventId, String paymentReference)
      implements OrderDomainEvent {}

  /** A manager cancelled the paid order; its places are free again and its payment refunded. */
  @Revision("1")
  record OrderSaleCancelledEvent(String orderId, String eventId, String reason)
      implements OrderDomainEvent {}

  /** How the box office was paid at its counter. */
  enum BoxOfficePaymentMethod {
    CASH,
    CARD_TERMINAL,
    CHEQUE
  }

  /**
   * The box office took the order's recorded price at its counter (not the bank): who, how, which
   * receipt. The places are then sold like any paid hold.
   *
   * @param reference the card terminal's or cheque's reference (null for cash)
   * @param note why, or anything the manager wants kept with it
   * @param recordedBy the manager who took the money
   * @param holderName the buyer's name, printed on the tickets {@code holders} does not name (null
   *     when not given)
   * @param holders the person each named ticket is for, by place (empty when none named)
   * @param email where the tickets are e-mailed (null: the box office prints them, no e-mail)
   * @param locale the e-mail's language, fr or en (null without e-mail)
   */
  @Revision("1")
  record BoxOfficePaymentRecordedEvent(
      String orderId,
      String eventId,
      BoxOfficePaymentMethod method,
      String reference,
      long amountCents,
      String currency,
      String note,
      String recordedBy,
      String holderName,
      List<TicketHolder> holders,
      String email,
      String locale)
      implements OrderDomainEvent {

    public BoxOfficePaymentRecordedEvent {
      holders = holders == null ? List.of() : List.copyOf(holders);
    }

    /** A payment recorded without names nor e-mail (and as recorded before they existed). */
    public BoxOfficePaymentRecordedEvent(
        String orderId,
        String eventId,
        BoxOfficePaymentMethod method,
        String reference,
        long amountCents,
        String currency,
        String note,
        String recordedBy) {
      this(
          orderId,
          eventId,
          method,
          reference,
          amountCents,
          currency,
          note,
          recordedBy,
          null,
          List.of(),
          null,
          null);
    }
  }

  /** The person one ticket of an order is for. */
  record TicketHolder(String placeId, String name) {}

  /**
   * A manager cancelled some places of the confirmed order (the Event freed them): their tickets
   * are void and what they were paid, by the order's recorded pricing, goes back to the buyer. With
   * no place remaining the order is cancelled ({@link OrderSaleCancelledEvent} follows).
   *
   * @param cancellationId the manager's request, so that a retry changes nothing
   * @param refundCents what the cancelled places were paid (their recorded final prices)
   * @param remainingCents what the places the order keeps were paid
   * @param cancelledBy the manager
   */
  @Revision("1")
  record OrderPlacesCancelledEvent(
      String orderId,
      String eventId,
      String cancellationId,
      List<String> placeIds,
      long refundCents,
      List<String> remainingPlaceIds,
      long remainingCents,
      String reason,
      String cancelledBy)
      implements OrderDomainEvent {

    public OrderPlacesCancelledEvent {
      placeIds = List.copyOf(placeIds);
      remainingPlaceIds = List.copyOf(remainingPlaceIds);
    }
  }

  /** Why the box office owes money back at its counter. */
  enum BoxOfficeRefundReason {
    /** A manager cancelled places (or the whole order) paid at the counter. */
    PLACES_CANCELLED,
    /**
     * The counter took the money while a bank payment of the same order sold its places first: the
     * counter's payment lost the race and goes back.
     */
    DUPLICATE_PAYMENT
  }

  /**
   * Money taken at the box office's counter must be given back there (no bank to refund it): what
   * the cash desk owes the buyer.
   *
   * @param refundId what this refund is known by (a retry records nothing more)
   * @param requestedBy the manager, or {@code system}
   */
  @Revision("1")
  record BoxOfficeRefundDueEvent(
      String orderId,
      String eventId,
      String refundId,
      long amountCents,
      String currency,
      BoxOfficePaymentMethod method,
      BoxOfficeRefundReason reason,
      List<String> placeIds,
      String requestedBy,
      String comment)
      implements OrderDomainEvent {

    public BoxOfficeRefundDueEvent {
      placeIds = placeIds == null ? List.of() : List.copyOf(placeIds);
    }
  }
}
