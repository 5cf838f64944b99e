package fr.guichet.command.ticket;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.NamedParameterSpec;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Each event's Ed25519 key pair, derived from the platform's master secret: the 32-byte private
 * seed is HKDF-SHA256 (RFC 5869) of the master secret with the event id in its {@code info}. The
 * same master secret gives every node the same key for an event, and no private key is ever stored
 * (not in events, not on disk): only the master secret is.
 */
final class TicketKeyDerivation {

  /** HKDF's salt: names this use of the master secret, so it can serve nothing else. */
  private static final byte[] SALT =
      "guichet/ticket-signing/ed25519/v1".getBytes(StandardCharsets.UTF_8);

  private static final String INFO_PREFIX = "event:";
  static final int SEED_LENGTH = 32;
  static final int MIN_MASTER_LENGTH = 32;

  private TicketKeyDerivation() {}

  /** The 32-byte Ed25519 private seed of {@code eventId}'s key under {@code master}. */
  static byte[] seed(byte[] master, String eventId) {
    if (master.length < MIN_MASTER_LENGTH) {
      throw new IllegalArgumentException(
          "A ticket master secret needs at least " + MIN_MASTER_LENGTH + " bytes");
    }
    try {
      byte[] prk = hmac(SALT, master);
      byte[] info = (INFO_PREFIX + eventId).getBytes(StandardCharsets.UTF_8);
      byte[] block = Arrays.copyOf(info, info.length + 1);
      block[info.length] = 1;
      return Arrays.copyOf(hmac(prk, block), SEED_LENGTH);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("No HmacSHA256 in this JDK", e);
    }
  }

  /**
   * The Ed25519 key pair of {@code seed}. The JDK's generator draws the private key as 32 random
   * bytes and computes its public key; given a source that yields the seed, it computes the public
   * key of that seed (the private key is the same one {@code EdECPrivateKeySpec(ED25519, seed)}
   * names).
   */
  static KeyPair keyPair(byte[] seed) {
    if (seed.length != SEED_LENGTH) {
      throw new IllegalArgumentException("An Ed25519 seed has 32 bytes");
    }
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519");
      generator.initialize(NamedParameterSpec.ED25519, new FixedBytes(seed));
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("No Ed25519 in this JDK", e);
    }
  }

  private static byte[] hmac(byte[] key, byte[] data) throws GeneralSecurityException {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(key, "HmacSHA256"));
    return mac.doFinal(data);
  }

  /** Yields the given bytes once, then refuses: a generator asking for more gets no randomness. */
  private static final class FixedBytes extends SecureRandom {
    private static final long serialVersionUID = 1L;
    private byte[] bytes;

    FixedBytes(byte[] bytes) {
      this.bytes = bytes.clone();
    }

    @Override
    public synchronized void nextBytes(byte[] out) {
      if (bytes == null || out.length != bytes.length) {
        throw new IllegalStateException("The Ed25519 generator asked for unexpected randomness");
      }
      System.arraycopy(bytes, 0, out, 0, out.length);
      Arrays.fill(bytes, (byte) 0);
      bytes = null;
    }
  }
}
