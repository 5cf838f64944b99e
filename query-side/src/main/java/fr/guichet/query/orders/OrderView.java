package fr.guichet.query.orders;

import fr.guichet.api.order.OrderStatus;
import java.time.Instant;
import java.util.List;

/**
 * An order for its buyer or the box office. {@code tickets} lists the places the buyer owns: the
 * order's places once it is confirmed, less those a manager cancelled, none before.
 *
 * @param cancelledPlaceIds places a manager cancelled after the sale (their tickets are void)
 * @param totalCents the order's price (null before it is priced)
 * @param refundedCents what the cancelled places were paid, given back
 * @param remainingCents what the places the order keeps were paid (null before it is priced)
 * @param cancellations each cancellation of places: which, what went back, why, by whom, when
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
    Instant updatedAt,
    List<String> cancelledPlaceIds,
    Long totalCents,
    long refundedCents,
    Long remainingCents,
    List<Cancellation> cancellations) {

  /** Places a manager cancelled in one request. */
  public record Cancellation(
      String cancellationId,
      List<String> placeIds,
      long refundCents,
      String reason,
      String cancelledBy,
      Instant at) {}

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
        order.status() == OrderStatus.CONFIRMED
            ? order.placeIds().stream()
                .filter(id -> !order.cancelledPlaceIds().contains(id))
                .toList()
            : List.of(),
        order.createdAt(),
        order.updatedAt(),
        order.cancelledPlaceIds(),
        order.totalCents(),
        order.refundedCents(),
        order.remainingCents() != null ? order.remainingCents() : order.totalCents(),
        order.cancellations());
  }
}
