package fr.guichet.command.ticket;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.Signature;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * What a ticket's QR code says: a compact payload signed with Ed25519, base64url-encoded.
 *
 * <pre>
 * version(1)=1 | keyId(4) | eventTag(8) = SHA-256(eventId)[0..8) | ticket number(2) | issue(2)
 * | orderId length(1) | orderId (UTF-8) | Ed25519 signature(64) over everything before it
 * </pre>
 *
 * The key is the event's own ({@link TicketSigningKeys}): a door checks the signature offline with
 * its event's published public key; anything altered, truncated, or signed by an unknown key or
 * another event's key reads as no ticket at all.
 */
@Component
public class TicketCodes {

  static final byte VERSION = 1;
  private static final int SIGNATURE_LENGTH = 64;
  private static final int HEADER = 1 + 4 + 8 + 2 + 2 + 1;

  /** What a genuine code claims. */
  public record TicketClaim(String orderId, int number, int issueNumber, byte[] eventTag) {
    public boolean isFor(String eventId) {
      return Arrays.equals(eventTag, TicketCodes.eventTag(eventId));
    }
  }

  private final TicketSigningKeys keys;

  public TicketCodes(TicketSigningKeys keys) {
    this.keys = keys;
  }

  /** Signs a ticket of {@code eventId} with that event's own key. */
  public String sign(String orderId, int number, int issueNumber, String eventId) {
    byte[] order = orderId.getBytes(StandardCharsets.UTF_8);
    if (order.length > 255) {
      throw new IllegalArgumentException("Order id too long for a ticket code");
    }
    TicketSigningKeys.EventKey key = keys.eventKey(eventId);
    ByteBuffer payload = ByteBuffer.allocate(HEADER + order.length);
    payload.put(VERSION);
    payload.put(key.keyId());
    payload.put(eventTag(eventId));
    payload.putShort((short) number);
    payload.putShort((short) issueNumber);
    payload.put((byte) order.length);
    payload.put(order);
    byte[] signed = payload.array();
    try {
      Signature signer = Signature.getInstance("Ed25519");
      signer.initSign(key.privateKey());
      signer.update(signed);
      byte[] signature = signer.sign();
      byte[] code = Arrays.copyOf(signed, signed.length + SIGNATURE_LENGTH);
      System.arraycopy(signature, 0, code, signed.length, SIGNATURE_LENGTH);
      return Base64.getUrlEncoder().withoutPadding().encodeToString(code);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Cannot sign a ticket", e);
    }
  }

  /** A code's fields, read before anything is trusted. */
  private record Parsed(
      byte[] bytes, byte[] keyId, byte[] tag, int number, int issue, String order) {
    int signedLength() {
      return bytes.length - SIGNATURE_LENGTH;
    }
  }

  private static Optional<Parsed> parse(String code) {
    if (code == null || code.length() > 1000) {
      return Optional.empty();
    }
    try {
      byte[] bytes = Base64.getUrlDecoder().decode(code.trim());
      if (bytes.length < HEADER + SIGNATURE_LENGTH || bytes[0] != VERSION) {
        return Optional.empty();
      }
      ByteBuffer in = ByteBuffer.wrap(bytes);
      in.get();
      byte[] keyId = new byte[4];
      in.get(keyId);
      byte[] tag = new byte[8];
      in.get(tag);
      int number = Short.toUnsignedInt(in.getShort());
      int issue = Short.toUnsignedInt(in.getShort());
      int orderLength = Byte.toUnsignedInt(in.get());
      if (bytes.length != HEADER + orderLength + SIGNATURE_LENGTH) {
        return Optional.empty();
      }
      byte[] order = new byte[orderLength];
      in.get(order);
      return Optional.of(
          new Parsed(bytes, keyId, tag, number, issue, new String(order, StandardCharsets.UTF_8)));
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  /**
   * The claim of a genuine ticket for {@code eventId}'s door: signed by that event's key (or one of
   * its retired keys), or by the former platform key. Empty for anything forged, altered,
   * truncated, unreadable, or signed with another event's key.
   */
  public Optional<TicketClaim> verify(String code, String eventId) {
    Optional<Parsed> read = parse(code);
    if (read.isEmpty() || eventId == null) {
      return Optional.empty();
    }
    Parsed p = read.get();
    Optional<TicketSigningKeys.VerifyingKey> key = keys.verifyingKey(eventId, p.keyId());
    if (key.isEmpty()
        || (!key.get().platformWide() && !Arrays.equals(p.tag(), eventTag(eventId)))) {
      return Optional.empty();
    }
    try {
      Signature verifier = Signature.getInstance("Ed25519");
      verifier.initVerify(key.get().key());
      verifier.update(p.bytes(), 0, p.signedLength());
      if (!verifier.verify(p.bytes(), p.signedLength(), SIGNATURE_LENGTH)) {
        return Optional.empty();
      }
      return Optional.of(new TicketClaim(p.order(), p.number(), p.issue(), p.tag()));
    } catch (GeneralSecurityException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /**
   * Whether a well-formed code names another event than {@code eventId}. Says nothing of its
   * authenticity (another event's key is not this door's to check): only which refusal to show.
   */
  public boolean namesAnotherEvent(String code, String eventId) {
    return parse(code).map(p -> !Arrays.equals(p.tag(), eventTag(eventId))).orElse(false);
  }

  static byte[] eventTag(String eventId) {
    try {
      return Arrays.copyOf(
          MessageDigest.getInstance("SHA-256").digest(eventId.getBytes(StandardCharsets.UTF_8)), 8);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
