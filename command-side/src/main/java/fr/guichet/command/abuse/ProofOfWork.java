package fr.guichet.command.abuse;

import java.time.Clock;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.altcha.altcha.Altcha;
import org.altcha.altcha.Altcha.Challenge;
import org.altcha.altcha.Altcha.ChallengeOptions;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * ALTCHA proof-of-work: the server hands out a signed challenge (find n ≤ difficulty with
 * SHA-256(salt + n) = challenge) bound to an event and to a purpose, and checks the solution
 * itself. The difficulty and the purpose travel in the salt's parameters, which the signature
 * covers; a solution is accepted once only.
 */
public final class ProofOfWork {

  public enum Verdict {
    VALID,
    MISSING,
    INVALID,
    OTHER_EVENT,
    TOO_EASY,
    REPLAYED
  }

  private static final long LIFETIME_SECONDS = 300;

  private final String hmacKey;
  private final Clock clock;
  private final Map<String, Long> used = new ConcurrentHashMap<>();
  private final int maxRemembered;

  public ProofOfWork(byte[] key, Clock clock, int maxRemembered) {
    this.hmacKey = HexFormat.of().formatHex(key);
    this.clock = clock;
    this.maxRemembered = maxRemembered;
  }

  public Challenge challenge(String eventId, String purpose, long difficulty) {
    try {
      return Altcha.createChallenge(
          new ChallengeOptions()
              .setMaxNumber(difficulty)
              .setHmacKey(hmacKey)
              .setExpires(clock.instant().getEpochSecond() + LIFETIME_SECONDS)
              .addParam("event", eventId)
              .addParam("purpose", purpose)
              .addParam("difficulty", Long.toString(difficulty)));
    } catch (Exception e) {
      throw new IllegalStateException("Cannot create a challenge", e);
    }
  }

  /** Checks a base64 ALTCHA payload (as the widget sends it) and consumes it. */
  public Verdict verify(String payload, String eventId, String purpose, long minDifficulty) {
    if (payload == null || payload.isBlank()) {
      return Verdict.MISSING;
    }
    if (payload.length() > 4000) {
      return Verdict.INVALID;
    }
    Map<String, String> params;
    String challenge;
    try {
      if (!Altcha.verifySolution(payload, hmacKey, true)) {
        return Verdict.INVALID;
      }
      JsonNode json = JsonMapper.shared().readTree(Base64.getDecoder().decode(payload.trim()));
      params = Altcha.extractParams(json.path("salt").asString());
      challenge = json.path("challenge").asString();
    } catch (Exception e) {
      return Verdict.INVALID;
    }
    if (!eventId.equals(params.get("event")) || !purpose.equals(params.get("purpose"))) {
      return Verdict.OTHER_EVENT;
    }
    long difficulty;
    long expires;
    try {
      difficulty = Long.parseLong(params.getOrDefault("difficulty", "0"));
      expires = Long.parseLong(params.getOrDefault("expires", "0"));
    } catch (NumberFormatException e) {
      return Verdict.INVALID;
    }
    if (difficulty < minDifficulty) {
      return Verdict.TOO_EASY;
    }
    long now = clock.instant().getEpochSecond();
    if (used.size() >= maxRemembered) {
      used.values().removeIf(until -> until < now);
    }
    if (used.size() >= maxRemembered) {
      // Refuse rather than forget solutions that could then be replayed.
      return Verdict.REPLAYED;
    }
    // The challenge (a 64-hex-digit hash) identifies it: one solution per challenge.
    return used.putIfAbsent(challenge, expires) == null ? Verdict.VALID : Verdict.REPLAYED;
  }
}
