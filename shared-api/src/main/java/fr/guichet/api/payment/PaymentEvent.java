package fr.guichet.api.payment;

import java.util.List;
import org.axonframework.serialization.Revision;

/**
 * What happened to one payment. No card number, card data or secret ever appears here: the bank
 * keeps them; these events hold amounts, references and outcomes only.
 */
public sealed interface PaymentEvent {

  String paymentId();

  /** Where a bank outcome came from. */
  enum Source {
    WEBHOOK,
    RECONCILIATION
  }

  /** Why money goes back to the buyer. */
  enum RefundReason {
    /** The payment arrived after the order's hold had ended: the places were not sold to it. */
    HOLD_ENDED,
    /** A manager cancelled the confirmed order (dispute, box office). */
    ORDER_CANCELLED,
    /** The order was already paid by another payment of the same buyer. */
    DUPLICATE_PAYMENT,
    /**
     * The card that paid, or the buyer's verified e-mail address, already bought the event's
     * per-buyer cap of places: the places were not sold to it.
     */
    PURCHASE_CAP,
    /**
     * A manager cancelled some places of the confirmed order: what those places were paid goes back
     * (a partial refund; the refund id names the cancellation).
     */
    PLACES_CANCELLED
  }

  /**
   * A buyer asked to pay for an order; the amount is the order's recorded price.
   *
   * @param holderName the name printed on the tickets
   * @param locale the buyer's language for e-mails ({@code fr} or {@code en})
   * @param mailboxFingerprint the keyed hash of the buyer account's verified, canonical e-mail
   *     address, which the per-buyer cap counts by (null for accounts without one, and in revision
   *     1)
   */
  @Revision("2")
  record PaymentRequestedEvent(
      String paymentId,
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
      String mailboxFingerprint)
      implements PaymentEvent {

    public PaymentRequestedEvent {
      places = List.copyOf(places);
    }
  }

  /** The provider opened its hosted payment page for this payment. */
  @Revision("1")
  record PaymentCheckoutOpenedEvent(
      String paymentId, String orderId, String providerPaymentId, String paymentPageUrl)
      implements PaymentEvent {}

  /**
   * The bank says the money was taken. Recorded once per payment, whatever the deliveries. Revision
   * 2 adds the buyer and the bank's fingerprint of the card (never its number); both are null in
   * revision 1 events, the fingerprint also when the bank gives none.
   */
  @Revision("2")
  record PaymentSucceededEvent(
      String paymentId,
      String orderId,
      String eventId,
      long amountCents,
      String bankEventId,
      Source source,
      String customerId,
      String cardFingerprint)
      implements PaymentEvent {}

  /** The bank refused an attempt (declined, insufficient funds, failed authentication). */
  @Revision("1")
  record PaymentAttemptFailedEvent(
      String paymentId, String orderId, String failureCode, String bankEventId, Source source)
      implements PaymentEvent {}

  /**
   * Money must go back to the buyer; the refund is sent through the provider.
   *
   * @param requestedBy the actor (a manager's id, or {@code system})
   */
  @Revision("1")
  record PaymentRefundRequestedEvent(
      String paymentId,
      String orderId,
      String eventId,
      String refundId,
      long amountCents,
      RefundReason reason,
      String requestedBy,
      String comment)
      implements PaymentEvent {}

  /** The provider accepted the refund request. */
  @Revision("1")
  record PaymentRefundSentEvent(String paymentId, String orderId, String refundId)
      implements PaymentEvent {}

  /** The bank confirms the money went back. */
  @Revision("1")
  record PaymentRefundedEvent(
      String paymentId,
      String orderId,
      String refundId,
      long amountCents,
      String bankEventId,
      Source source)
      implements PaymentEvent {}
}
