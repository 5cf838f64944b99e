package fr.guichet.query.orders;

import fr.guichet.api.order.OrderStatus;
import java.time.Instant;
import java.util.List;

/**
 * An order for its buyer or the box office. {@code tickets} lists the places the buyer owns: the
 * order's places once it is confirmed, none before.
 */
public record OrderView(
    String orderId,
    String eventId,
    String eventTitle,
    String venue,
    Instant startsAt,
    String customerId,
    List<String> placeIds,
    OrderStatus status,
    Instant heldUntil,
    String paymentReference,
    List<String> latePayments,
    List<String> tickets,
    Instant createdAt,
    Instant updatedAt) {

  static OrderView of(OrderDocument order, EventInfo event) {
    return new OrderView(
        order.orderId(),
        order.eventId(),
        event == null ? null : event.title(),
        event == null ? null : event.venue(),
        event == null ? null : event.startsAt(),
        order.customerId(),
        order.placeIds(),
        order.status(),
        order.heldUntil(),
        order.paymentReference(),
        order.latePayments(),
        order.status() == OrderStatus.CONFIRMED ? order.placeIds() : List.of(),
        order.createdAt(),
        order.updatedAt());
  }
}
