package fr.guichet.command.payment;

import fr.guichet.api.payment.PaidPlace;
import fr.guichet.api.payment.PaymentEvent.RefundReason;
import fr.guichet.api.payment.PaymentEvent.Source;
import fr.guichet.command.payment.PaymentGateway.BankNotification;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Commands to one payment; only the command side sends them. */
public final class PaymentCommands {

  private PaymentCommands() {}

  /**
   * Starts a payment for an order's recorded price. Retrying with the same id changes nothing.
   *
   * @param mailboxFingerprint the keyed hash of the buyer's verified e-mail address (see {@link
   *     BuyerFingerprints}); null for accounts without one
   */
  public record RequestPaymentCommand(
      @TargetAggregateIdentifier String paymentId,
      String orderId,
      String eventId,
      String customerId,
      String provider,
      long amountCents,
      String currency,
      List<PaidPlace> places,
      String holderName,
      String email,
      String locale,
      String mailboxFingerprint) {}

  public record RecordCheckoutCommand(
      @TargetAggregateIdentifier String paymentId, String providerPaymentId, String pageUrl) {}

  /** Records what the bank said; idempotent on the bank's event id. */
  public record RecordBankNotificationCommand(
      @TargetAggregateIdentifier String paymentId, BankNotification notification, Source source) {}

  public record RequestRefundCommand(
      @TargetAggregateIdentifier String paymentId,
      RefundReason reason,
      String requestedBy,
      String comment) {}

  /**
   * Gives back part of the payment: what some cancelled places were paid. Once per {@code
   * refundId}; never more than the payment took, less what was already given back. Answers the
   * payment's {@link PaymentDetails.PaymentStatus} after it.
   *
   * @param placeIds the places whose price goes back
   */
  public record RequestPartialRefundCommand(
      @TargetAggregateIdentifier String paymentId,
      String refundId,
      long amountCents,
      List<String> placeIds,
      String requestedBy,
      String comment) {}

  public record RecordRefundSentCommand(
      @TargetAggregateIdentifier String paymentId, String refundId) {}

  /** Answers {@link PaymentDetails}; changes nothing. */
  public record DescribePaymentCommand(@TargetAggregateIdentifier String paymentId) {}
}
