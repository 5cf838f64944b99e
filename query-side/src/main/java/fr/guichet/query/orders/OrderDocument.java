package fr.guichet.query.orders;

import fr.guichet.api.order.OrderStatus;
import java.time.Instant;
import java.util.List;
import org.springframework.data.annotation.Id;

/**
 * One order in the orders collection.
 *
 * @param version sequence number of the last event of this Order applied here
 * @param totalCents the order's price by its latest pricing (null before it is priced)
 * @param cancelledPlaceIds places a manager cancelled after the sale
 * @param refundedCents what those places were paid, given back
 * @param remainingCents what the places the order keeps were paid (null before any cancellation)
 */
record OrderDocument(
    @Id String orderId,
    long version,
    String eventId,
    String customerId,
    List<String> placeIds,
    Instant heldUntil,
    OrderStatus status,
    String paymentReference,
    List<String> latePayments,
    Instant createdAt,
    Instant updatedAt,
    Long totalCents,
    List<String> cancelledPlaceIds,
    Long refundedCents,
    Long remainingCents,
    List<OrderView.Cancellation> cancellations) {

  OrderDocument {
    placeIds = placeIds == null ? List.of() : placeIds;
    latePayments = latePayments == null ? List.of() : latePayments;
    cancelledPlaceIds = cancelledPlaceIds == null ? List.of() : cancelledPlaceIds;
    cancellations = cancellations == null ? List.of() : cancellations;
    refundedCents = refundedCents == null ? 0L : refundedCents;
  }
}
