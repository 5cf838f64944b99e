package fr.guichet.command.payment;

import fr.guichet.command.payment.PaymentGateway.InvalidWebhookException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 webhook signatures in Stripe's layout: header {@code t=<unix seconds>,v1=<hex>} where
 * the MAC covers {@code <t>.<body>}; a signature older or newer than the tolerance is refused, so a
 * captured webhook cannot be replayed later.
 */
public final class WebhookSignature {

  private final byte[] secret;
  private final Duration tolerance;
  private final Clock clock;

  public WebhookSignature(String secret, Duration tolerance, Clock clock) {
    this.secret = secret.getBytes(StandardCharsets.UTF_8);
    this.tolerance = tolerance;
    this.clock = clock;
  }

  public String header(String body) {
    long t = clock.instant().getEpochSecond();
    return "t=" + t + ",v1=" + mac(t, body);
  }

  /** Accepts the header or throws {@link InvalidWebhookException}. */
  public void verify(String header, String body) {
    if (header == null || header.isBlank()) {
      throw new InvalidWebhookException("Missing signature header", false);
    }
    Long t = null;
    String v1 = null;
    for (String part : header.split(",")) {
      String[] kv = part.trim().split("=", 2);
      if (kv.length != 2) {
        continue;
      }
      if (kv[0].equals("t")) {
        try {
          t = Long.parseLong(kv[1]);
        } catch (NumberFormatException e) {
          throw new InvalidWebhookException("Unreadable signature timestamp", false);
        }
      } else if (kv[0].equals("v1") && v1 == null) {
        v1 = kv[1];
      }
    }
    if (t == null || v1 == null) {
      throw new InvalidWebhookException("Signature header needs t= and v1=", false);
    }
    long now = clock.instant().getEpochSecond();
    if (Math.abs(now - t) > tolerance.toSeconds()) {
      throw new InvalidWebhookException("Signature timestamp outside the replay window", true);
    }
    byte[] expected = mac(t, body).getBytes(StandardCharsets.US_ASCII);
    if (!MessageDigest.isEqual(expected, v1.getBytes(StandardCharsets.US_ASCII))) {
      throw new InvalidWebhookException("Signature does not match", true);
    }
  }

  private String mac(long t, String body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      mac.update((t + ".").getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }
}
