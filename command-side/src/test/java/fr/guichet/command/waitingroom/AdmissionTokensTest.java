package fr.guichet.command.waitingroom;

import static org.assertj.core.api.Assertions.assertThat;

import fr.guichet.command.waitingroom.AdmissionTokens.Verdict;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class AdmissionTokensTest {

  private static final Instant NOW = Instant.parse("2026-11-26T15:00:00Z");
  private final AdmissionTokens tokens = new AdmissionTokens(key(1));

  private static byte[] key(int seed) {
    byte[] key = new byte[32];
    java.util.Arrays.fill(key, (byte) seed);
    return key;
  }

  @Test
  void a_token_is_valid_for_its_event_and_visitor_until_it_expires() {
    String token = tokens.issue("event-1", "alice", NOW.plusSeconds(300));
    assertThat(tokens.verify(token, "event-1", "alice", NOW)).isEqualTo(Verdict.VALID);
    assertThat(tokens.verify(token, "event-1", "alice", NOW.plusSeconds(299)))
        .isEqualTo(Verdict.VALID);
    assertThat(tokens.verify(token, "event-1", "alice", NOW.plusSeconds(300)))
        .isEqualTo(Verdict.EXPIRED);
  }

  @Test
  void a_token_for_another_event_or_visitor_is_refused() {
    String token = tokens.issue("event-1", "alice", NOW.plusSeconds(300));
    assertThat(tokens.verify(token, "event-2", "alice", NOW)).isEqualTo(Verdict.OTHER_EVENT);
    assertThat(tokens.verify(token, "event-1", "mallory", NOW)).isEqualTo(Verdict.OTHER_VISITOR);
  }

  @Test
  void forged_tampered_or_foreign_tokens_are_refused() {
    String token = tokens.issue("event-1", "alice", NOW.plusSeconds(300));
    String payload = token.substring(0, token.indexOf('.'));
    String signature = token.substring(token.indexOf('.') + 1);
    String longer =
        Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(
                ("adm1\nevent-1\nalice\n" + NOW.plusSeconds(86_400).getEpochSecond())
                    .getBytes(StandardCharsets.UTF_8));
    assertThat(tokens.verify(longer + "." + signature, "event-1", "alice", NOW))
        .as("expiry pushed back without the key")
        .isEqualTo(Verdict.FORGED);
    assertThat(
            new AdmissionTokens(key(2))
                .verify(
                    new AdmissionTokens(key(2)).issue("event-1", "alice", NOW.plusSeconds(1)),
                    "event-1",
                    "alice",
                    NOW))
        .isEqualTo(Verdict.VALID);
    assertThat(
            tokens.verify(
                new AdmissionTokens(key(2)).issue("event-1", "alice", NOW.plusSeconds(300)),
                "event-1",
                "alice",
                NOW))
        .as("signed with another key")
        .isEqualTo(Verdict.FORGED);
    assertThat(tokens.verify(payload + ".", "event-1", "alice", NOW)).isEqualTo(Verdict.FORGED);
    assertThat(tokens.verify(payload, "event-1", "alice", NOW)).isEqualTo(Verdict.FORGED);
    assertThat(tokens.verify("not base64!.x", "event-1", "alice", NOW)).isEqualTo(Verdict.FORGED);
    assertThat(tokens.verify(null, "event-1", "alice", NOW)).isEqualTo(Verdict.MISSING);
  }
}
