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
}
