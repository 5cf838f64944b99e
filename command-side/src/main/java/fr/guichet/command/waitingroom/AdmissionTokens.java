package fr.guichet.command.waitingroom;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signed, short-lived admission tokens: {@code base64url(payload) "." base64url(HMAC-SHA256)}, the
 * payload naming the event, the visitor and the expiry second. Checked on the server at every hold.
 */
public final class AdmissionTokens {

  private static final String VERSION = "adm1";
  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

  public enum Verdict {
    VALID,
    MISSING,
    FORGED,
    EXPIRED,
    OTHER_EVENT,
    OTHER_VISITOR
  }

  private final SecretKeySpec key;

  public AdmissionTokens(byte[] key) {
    this.key = new SecretKeySpec(key.clone(), "HmacSHA256");
  }

  public String issue(String eventId, String visitorId, Instant expiresAt) {
    String payload =
        VERSION + "\n" + eventId + "\n" + visitorId + "\n" + expiresAt.getEpochSecond();
    byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
    return ENCODER.encodeToString(bytes) + "." + ENCODER.encodeToString(mac(bytes));
  }

  public Verdict verify(String token, String eventId, String visitorId, Instant now) {
    if (token == null || token.isBlank()) {
      return Verdict.MISSING;
    }
    int dot = token.indexOf('.');
    if (dot <= 0 || token.length() > 1000) {
      return Verdict.FORGED;
    }
    byte[] payload;
    byte[] signature;
    try {
      payload = DECODER.decode(token.substring(0, dot));
      signature = DECODER.decode(token.substring(dot + 1));
    } catch (IllegalArgumentException e) {
      return Verdict.FORGED;
    }
    if (!MessageDigest.isEqual(mac(payload), signature)) {
      return Verdict.FORGED;
    }
    String[] fields = new String(payload, StandardCharsets.UTF_8).split("\n", -1);
    if (fields.length != 4 || !VERSION.equals(fields[0])) {
      return Verdict.FORGED;
    }
    if (!fields[1].equals(eventId)) {
      return Verdict.OTHER_EVENT;
    }
    if (!fields[2].equals(visitorId)) {
      return Verdict.OTHER_VISITOR;
    }
    long expires;
    try {
      expires = Long.parseLong(fields[3]);
    } catch (NumberFormatException e) {
      return Verdict.FORGED;
    }
    return now.getEpochSecond() < expires ? Verdict.VALID : Verdict.EXPIRED;
  }

  private byte[] mac(byte[] payload) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      return mac.doFinal(payload);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }
}
