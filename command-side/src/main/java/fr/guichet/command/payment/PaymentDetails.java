package fr.guichet.command.payment;

import fr.guichet.api.payment.PaidPlace;
import fr.guichet.api.payment.PaymentEvent.RefundReason;
import java.util.List;

/**
 * A payment as the processes after it need it.
 *
 * @param mailboxFingerprint the keyed hash of the buyer's verified e-mail address (null without
 *     one)
 * @param cardFingerprint the bank's fingerprint of the card that paid (null before a success)
 * @param refundReason why money goes back (null while none does)
 * @param refundedCents what was given back or is being given back (partial refunds included)
 */
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
    String refundId,
    String mailboxFingerprint,
    String cardFingerprint,
    RefundReason refundReason,
    long refundedCents) {

  public enum PaymentStatus {
    AWAITING_BANK,
    SUCCEEDED,
    /** Part of the money goes (or went) back: some places were cancelled; the rest stays paid. */
    PARTLY_REFUNDED,
    REFUND_REQUESTED,
    REFUNDED
  }
}
