package fr.guichet.command.ticket;

import fr.guichet.command.secrets.LocalSecrets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The keys of tickets, kept on the command side. Each event has its own Ed25519 key pair, derived
 * from the platform's master secret ({@link TicketKeyDerivation}): {@code
 * guichet.tickets.master-secret} (base64, at least 32 bytes; env {@code
 * GUICHET_TICKETS_MASTERSECRET}) in production, generated on first start under the data dir on
 * embedded defaults. Its public key is published for the event's door scanners.
 *
 * <p>Still verified, never used to sign: the event keys of retired master secrets ({@code
 * guichet.tickets.retired-master-secrets}), and the single platform key that signed every ticket
 * before per-event keys ({@code guichet.tickets.public-key} and {@code
 * guichet.tickets.retired-public-keys}, or the pair once generated under the data dir), so tickets
 * already sent still open the door. A key is named in each ticket by its id, the first 4 bytes of
 * the SHA-256 of its public key.
 */
@Component
public class TicketSigningKeys {

  static final String MASTER_SECRET_FILE = "ticket-master-secret";
  static final String LEGACY_KEY_PAIR_FILE = "ticket-signing-ed25519";

  /**
   * A public key a door can verify with.
   *
   * @param scope EVENT (signs this event's tickets now), EVENT_RETIRED (this event's key under a
   *     retired master secret) or PLATFORM_RETIRED (the former single platform key, any event)
   */
  public record PublishedKey(String keyId, String algorithm, String publicKey, String scope) {}

  /**
   * What a door scanner needs to verify an event's tickets offline.
   *
   * @param eventTag hex of the first 8 bytes of SHA-256(eventId), as carried in each code
   */
  public record EventTicketKeys(String eventId, String eventTag, List<PublishedKey> keys) {}

  /** An event's key pair under one master secret. */
  record EventKey(PrivateKey privateKey, PublicKey publicKey, byte[] keyId) {}

  private final byte[] master;
  private final List<byte[]> retiredMasters = new ArrayList<>();
  private final Map<String, PublicKey> platformKeys = new LinkedHashMap<>();
  private final Map<String, EventKey> current = new ConcurrentHashMap<>();
  private final Map<String, List<EventKey>> retired = new ConcurrentHashMap<>();

  public TicketSigningKeys(
      @Value("${guichet.tickets.master-secret:}") String masterSecret,
      @Value("${guichet.tickets.retired-master-secrets:}") List<String> retiredMasterSecrets,
      @Value("${guichet.tickets.public-key:}") String platformPublicKey,
      @Value("${guichet.tickets.retired-public-keys:}") List<String> retiredPublicKeys,
      LocalSecrets secrets) {
    try {
      String secret =
          masterSecret.isBlank()
              ? secrets.getOrCreate(MASTER_SECRET_FILE, TicketSigningKeys::newMasterSecret)
              : masterSecret.trim();
      this.master = masterBytes(secret);
      for (String old : retiredMasterSecrets) {
        if (!old.isBlank()) {
          retiredMasters.add(masterBytes(old.trim()));
        }
      }
      KeyFactory factory = KeyFactory.getInstance("Ed25519");
      List<String> platform = new ArrayList<>();
      if (!platformPublicKey.isBlank()) {
        platform.add(platformPublicKey.trim());
      } else {
        secrets
            .read(LEGACY_KEY_PAIR_FILE)
            .map(pair -> pair.split(":"))
            .filter(pair -> pair.length == 2)
            .ifPresent(pair -> platform.add(pair[1]));
      }
      retiredPublicKeys.stream().filter(k -> !k.isBlank()).map(String::trim).forEach(platform::add);
      for (String encoded : platform) {
        PublicKey key =
            factory.generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(encoded)));
        platformKeys.putIfAbsent(HexFormat.of().formatHex(keyId(key)), key);
      }
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new IllegalStateException("Unusable ticket keys", e);
    }
  }

  /** A fresh master secret: 32 random bytes, base64. */
  public static String newMasterSecret() {
    byte[] bytes = new byte[TicketKeyDerivation.SEED_LENGTH];
    new SecureRandom().nextBytes(bytes);
    return Base64.getEncoder().encodeToString(bytes);
  }

  private static byte[] masterBytes(String base64) {
    byte[] bytes = Base64.getDecoder().decode(base64);
    if (bytes.length < TicketKeyDerivation.MIN_MASTER_LENGTH) {
      throw new IllegalArgumentException(
          "A ticket master secret is base64 of at least "
              + TicketKeyDerivation.MIN_MASTER_LENGTH
              + " bytes");
    }
    return bytes;
  }

  static byte[] keyId(PublicKey key) throws GeneralSecurityException {
    return Arrays.copyOf(MessageDigest.getInstance("SHA-256").digest(key.getEncoded()), 4);
  }

  private static EventKey derive(byte[] master, String eventId) {
    KeyPair pair = TicketKeyDerivation.keyPair(TicketKeyDerivation.seed(master, eventId));
    try {
      return new EventKey(pair.getPrivate(), pair.getPublic(), keyId(pair.getPublic()));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("No SHA-256 in this JDK", e);
    }
  }

  /** The key that signs {@code eventId}'s tickets. */
  EventKey eventKey(String eventId) {
    return current.computeIfAbsent(eventId, id -> derive(master, id));
  }

  private List<EventKey> retiredEventKeys(String eventId) {
    return retired.computeIfAbsent(
        eventId, id -> retiredMasters.stream().map(m -> derive(m, id)).toList());
  }

  /**
   * The key named {@code keyId} that may have signed a ticket for {@code eventId}: its own key, its
   * key under a retired master secret, or the former platform key.
   *
   * @return the key and whether it is the former platform key (whose tickets name their event only
   *     in their signed content)
   */
  Optional<VerifyingKey> verifyingKey(String eventId, byte[] keyId) {
    EventKey own = eventKey(eventId);
    if (Arrays.equals(own.keyId(), keyId)) {
      return Optional.of(new VerifyingKey(own.publicKey(), false));
    }
    for (EventKey old : retiredEventKeys(eventId)) {
      if (Arrays.equals(old.keyId(), keyId)) {
        return Optional.of(new VerifyingKey(old.publicKey(), false));
      }
    }
    return Optional.ofNullable(platformKeys.get(HexFormat.of().formatHex(keyId)))
        .map(key -> new VerifyingKey(key, true));
  }

  record VerifyingKey(PublicKey key, boolean platformWide) {}

  /**
   * What a door scanner of {@code eventId} needs: the event's keys and the former platform keys.
   */
  public EventTicketKeys forEvent(String eventId) {
    List<PublishedKey> keys = new ArrayList<>();
    keys.add(published(eventKey(eventId), "EVENT"));
    for (EventKey old : retiredEventKeys(eventId)) {
      keys.add(published(old, "EVENT_RETIRED"));
    }
    keys.addAll(platformPublished());
    return new EventTicketKeys(
        eventId, HexFormat.of().formatHex(TicketCodes.eventTag(eventId)), List.copyOf(keys));
  }

  /** The former platform keys, which still verify tickets issued before per-event keys. */
  public List<PublishedKey> platformPublished() {
    return platformKeys.entrySet().stream()
        .map(
            e ->
                new PublishedKey(
                    e.getKey(),
                    "Ed25519",
                    Base64.getEncoder().encodeToString(e.getValue().getEncoded()),
                    "PLATFORM_RETIRED"))
        .toList();
  }

  private static PublishedKey published(EventKey key, String scope) {
    return new PublishedKey(
        HexFormat.of().formatHex(key.keyId()),
        "Ed25519",
        Base64.getEncoder().encodeToString(key.publicKey().getEncoded()),
        scope);
  }
}
