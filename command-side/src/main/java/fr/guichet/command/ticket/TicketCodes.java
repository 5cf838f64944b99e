package fr.guichet.command.ticket;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PublicKey;
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
 * A door can check the signature offline with the published public key; anything altered, truncated
 * or signed by an unknown key reads as no ticket at all.
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

  public String sign(String orderId, int number, int issueNumber, String eventId) {
    byte[] order = orderId.getBytes(StandardCharsets.UTF_8);
    if (order.length > 255) {
      throw new IllegalArgumentException("Order id too long for a ticket code");
    }
    ByteBuffer payload = ByteBuffer.allocate(HEADER + order.length);
    payload.put(VERSION);
    payload.put(keys.signingKeyId());
    payload.put(eventTag(eventId));
    payload.putShort((short) number);
    payload.putShort((short) issueNumber);
    payload.put((byte) order.length);
    payload.put(order);
    byte[] signed = payload.array();
    try {
      Signature signer = Signature.getInstance("Ed25519");
      signer.initSign(keys.signingKey());
      signer.update(signed);
      byte[] signature = signer.sign();
      byte[] code = Arrays.copyOf(signed, signed.length + SIGNATURE_LENGTH);
      System.arraycopy(signature, 0, code, signed.length, SIGNATURE_LENGTH);
      return Base64.getUrlEncoder().withoutPadding().encodeToString(code);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Cannot sign a ticket", e);
    }
  }

  /** The claim of a genuine code; empty for anything forged, altered, truncated or unreadable. */
  public Optional<TicketClaim> verify(String code) {
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
      PublicKey key = keys.verifyingKey(keyId);
      if (key == null) {
        return Optional.empty();
      }
      Signature verifier = Signature.getInstance("Ed25519");
      verifier.initVerify(key);
      verifier.update(bytes, 0, HEADER + orderLength);
      if (!verifier.verify(bytes, HEADER + orderLength, SIGNATURE_LENGTH)) {
        return Optional.empty();
      }
      return Optional.of(
          new TicketClaim(new String(order, StandardCharsets.UTF_8), number, issue, tag));
    } catch (GeneralSecurityException | RuntimeException e) {
      return Optional.empty();
    }
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
