package fr.guichet.command.ticket;

import fr.guichet.command.secrets.LocalSecrets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The Ed25519 key pair that signs tickets, and the public keys doors accept. In production the pair
 * comes from {@code guichet.tickets.signing-key} / {@code guichet.tickets.public-key} (base64
 * PKCS#8 / X.509, e.g. env {@code GUICHET_TICKETS_SIGNINGKEY}); on embedded defaults it is
 * generated on first start under the data dir. Retired public keys ({@code
 * guichet.tickets.retired-public-keys}) still verify tickets signed before a rotation; a key is
 * named in each ticket by its id, the first 4 bytes of the SHA-256 of its public key.
 */
@Component
public class TicketSigningKeys {

  /** A public key a door can verify with. */
  public record PublishedKey(String keyId, String algorithm, String publicKey) {}

  private final PrivateKey signingKey;
  private final byte[] signingKeyId;
  private final Map<String, PublicKey> verifyingKeys = new LinkedHashMap<>();

  public TicketSigningKeys(
      @Value("${guichet.tickets.signing-key:}") String privateKey,
      @Value("${guichet.tickets.public-key:}") String publicKey,
      @Value("${guichet.tickets.retired-public-keys:}") List<String> retired,
      LocalSecrets secrets) {
    try {
      String priv = privateKey;
      String pub = publicKey;
      if (priv.isBlank() || pub.isBlank()) {
        String[] pair =
            secrets.getOrCreate("ticket-signing-ed25519", TicketSigningKeys::generate).split(":");
        priv = pair[0];
        pub = pair[1];
      }
      KeyFactory factory = KeyFactory.getInstance("Ed25519");
      this.signingKey =
          factory.generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(priv)));
      PublicKey current =
          factory.generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(pub)));
      this.signingKeyId = keyId(current);
      verifyingKeys.put(HexFormat.of().formatHex(signingKeyId), current);
      for (String old : retired) {
        if (!old.isBlank()) {
          PublicKey key =
              factory.generatePublic(
                  new X509EncodedKeySpec(Base64.getDecoder().decode(old.trim())));
          verifyingKeys.putIfAbsent(HexFormat.of().formatHex(keyId(key)), key);
        }
      }
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new IllegalStateException("Unusable ticket signing keys", e);
    }
  }

  private static String generate() {
    try {
      KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
      return Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded())
          + ":"
          + Base64.getEncoder().encodeToString(pair.getPublic().getEncoded());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("No Ed25519 in this JDK", e);
    }
  }

  static byte[] keyId(PublicKey key) throws GeneralSecurityException {
    return Arrays.copyOf(MessageDigest.getInstance("SHA-256").digest(key.getEncoded()), 4);
  }

  PrivateKey signingKey() {
    return signingKey;
  }

  byte[] signingKeyId() {
    return signingKeyId.clone();
  }

  PublicKey verifyingKey(byte[] keyId) {
    return verifyingKeys.get(HexFormat.of().formatHex(keyId));
  }

  public List<PublishedKey> published() {
    return verifyingKeys.entrySet().stream()
        .map(
            e ->
                new PublishedKey(
                    e.getKey(),
                    "Ed25519",
                    Base64.getEncoder().encodeToString(e.getValue().getEncoded())))
        .toList();
  }
}
