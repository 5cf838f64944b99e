package fr.guichet.command.payment;

import fr.guichet.api.payment.PaidPlace;
import java.util.List;

/** A payment as the processes after it need it. */
public record PaymentDetails(
    String paymentId,
    String orderId,
    String eventId,
    String customerId,
    String provider,
    String providerPaymentId,
    String paymentPageUrl,
    long amountCents,
    String currency,
    List<PaidPlace> places,
    String holderName,
    String email,
    String locale,
    PaymentStatus status,
    String lastFailureCode,
    String refundId) {

  public enum PaymentStatus {
    AWAITING_BANK,
    SUCCEEDED,
    REFUND_REQUESTED,
    REFUNDED
  }
}
