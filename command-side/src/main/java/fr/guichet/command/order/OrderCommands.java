package fr.guichet.command.order;

import java.time.Instant;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Commands the order lifecycle process sends to orders; only the command side sends them, so they
 * stay out of the public API.
 */
final class OrderCommands {

  private OrderCommands() {}

  record CreateOrderCommand(
      @TargetAggregateIdentifier String orderId,
      String eventId,
      String customerId,
      List<String> placeIds,
      Instant heldUntil) {}

  record ConfirmOrderCommand(@TargetAggregateIdentifier String orderId, String paymentReference) {}

  record ExpireOrderCommand(@TargetAggregateIdentifier String orderId) {}

  record CancelOrderCommand(@TargetAggregateIdentifier String orderId) {}

  record RecordPaymentAfterExpiryCommand(
      @TargetAggregateIdentifier String orderId, String paymentReference) {}
}
