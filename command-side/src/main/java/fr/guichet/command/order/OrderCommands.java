package fr.guichet.command.order;

import fr.guichet.api.order.RateChoice;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Commands the order lifecycle process sends to orders; only the command side sends them, so they
 * stay out of the public API.
 */
final class OrderCommands {

  private OrderCommands() {}

  record ConfirmOrderCommand(@TargetAggregateIdentifier String orderId, String paymentReference) {}

  /** The Event sold an expired hold's places to its late payment after all (pretix's rule). */
  record AcceptLatePaymentCommand(
      @TargetAggregateIdentifier String orderId, String paymentReference) {}

  record ExpireOrderCommand(@TargetAggregateIdentifier String orderId) {}

  record CancelOrderCommand(@TargetAggregateIdentifier String orderId) {}

  /**
   * @param cancelledBy the manager (metadata {@code actorId} of the Event's cancellation), null
   *     when unknown
   */
  record CancelSoldOrderCommand(
      @TargetAggregateIdentifier String orderId, String reason, String cancelledBy) {}

  record RecordPaymentAfterExpiryCommand(
      @TargetAggregateIdentifier String orderId, String paymentReference) {}

  /** Which rates the buyer may choose per ticket; answers {@link RateOptions}, changes nothing. */
  record DescribeRateOptionsCommand(@TargetAggregateIdentifier String orderId, String customerId) {}

  /** The buyer chooses a rate per ticket; tickets not listed are at full rate. */
  record ChooseRatesCommand(
      @TargetAggregateIdentifier String orderId, String customerId, List<RateChoice> rates) {}
}
