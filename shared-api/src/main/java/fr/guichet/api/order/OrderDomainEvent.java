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
      String recordedBy)
      implements OrderDomainEvent {}
}
