package fr.guichet.command.payment;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The port to a card acquirer. The built-in sandbox bank is one adapter; a real provider (Stripe,
 * see docs/payments.md) is another. The platform never sees card data: the buyer types it on the
 * provider's hosted page, and the provider tells the outcome by signed webhook.
 */
public interface PaymentGateway {

  /** The provider's name, as used in the webhook path {@code /api/payments/webhooks/{name}}. */
  String name();

  /** Opens the provider's hosted payment page for one payment. Idempotent on {@code paymentId}. */
  Checkout openCheckout(CheckoutRequest request);

  /** Sends money back. Idempotent on {@code refundId}: a repeated request refunds once. */
  void refund(RefundRequest request);

  /**
   * Checks a webhook's signature and freshness and reads it.
   *
   * @throws InvalidWebhookException if it is unsigned, badly signed, stale or unreadable
   */
  BankNotification verify(String signatureHeader, String body);

  /**
   * Notifications the provider could not deliver (no 2xx yet) older than {@code olderThan}: what
   * the reconciliation job replays, like Stripe's events with {@code delivery_success=false}.
   */
  List<BankNotification> undeliveredNotifications(Duration olderThan);

  /**
   * @param returnPath where the provider's page sends the buyer back, as a path on the platform
   *     (the adapter prefixes the platform's public address); null: no way back offered
   */
  record CheckoutRequest(
      String paymentId,
      String orderId,
      long amountCents,
      String currency,
      String description,
      String locale,
      String returnPath) {}

  record Checkout(String providerPaymentId, URI paymentPageUrl) {}

  record RefundRequest(
      String paymentId, String providerPaymentId, String refundId, long amountCents) {}

  /**
   * What the bank says happened.
   *
   * @param bankEventId the bank's id of this notification: the same for every redelivery
   * @param paymentId the platform's payment id the bank was given at checkout
   * @param failureCode why an attempt failed ({@code card_declined}, {@code insufficient_funds},
   *     {@code authentication_failed}); null otherwise
   * @param cardFingerprint on a success, the provider's stable keyed hash of the card that paid
   *     (the same card gives the same fingerprint, the number cannot be recovered from it); null
   *     when the provider gives none
   */
  record BankNotification(
      String bankEventId,
      Type type,
      String paymentId,
      String providerPaymentId,
      long amountCents,
      String currency,
      String failureCode,
      String refundId,
      Instant createdAt,
      String cardFingerprint) {

    /** A notification without a card fingerprint (failures, refunds). */
    public BankNotification(
        String bankEventId,
        Type type,
        String paymentId,
        String providerPaymentId,
        long amountCents,
        String currency,
        String failureCode,
        String refundId,
        Instant createdAt) {
      this(
          bankEventId,
          type,
          paymentId,
          providerPaymentId,
          amountCents,
          currency,
          failureCode,
          refundId,
          createdAt,
          null);
    }

    public enum Type {
      PAYMENT_SUCCEEDED,
      PAYMENT_FAILED,
      REFUND_SUCCEEDED
    }
  }

  /** A webhook that must not be believed. */
  class InvalidWebhookException extends RuntimeException {
    private final boolean badSignature;

    public InvalidWebhookException(String message, boolean badSignature) {
      super(message);
      this.badSignature = badSignature;
    }

    /** True when the signature is wrong or stale (401); false when the request is malformed. */
    public boolean badSignature() {
      return badSignature;
    }
  }
}
