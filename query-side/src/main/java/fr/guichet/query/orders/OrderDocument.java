package fr.guichet.query.orders;

import fr.guichet.api.order.OrderStatus;
import java.time.Instant;
import java.util.List;
import org.springframework.data.annotation.Id;

/**
 * One order in the orders collection.
 *
 * @param version sequence number of the last event of this Order applied here
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
    Instant updatedAt) {

  OrderDocument {
    placeIds = placeIds == null ? List.of() : placeIds;
    latePayments = latePayments == null ? List.of() : latePayments;
  }
}
