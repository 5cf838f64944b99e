package fr.guichet.command.abuse;

import static org.assertj.core.api.Assertions.assertThat;

import fr.guichet.command.abuse.ProofOfWork.Verdict;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Map;
import org.altcha.altcha.Altcha;
import org.altcha.altcha.Altcha.Challenge;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class ProofOfWorkTest {

  private final Clock clock = Clock.fixed(Instant.now(), ZoneOffset.UTC);
  private final ProofOfWork pow = new ProofOfWork(new byte[32], clock, 1000);

  /** Solves a challenge as the ALTCHA widget does, returning the X-Altcha header value. */
  public static String solve(Challenge challenge) throws Exception {
    Altcha.Solution solution =
        Altcha.solveChallenge(
            challenge.challenge, challenge.salt, Altcha.Algorithm.SHA256, challenge.maxnumber, 0);
    return payload(challenge, solution.number);
  }

  static String payload(Challenge challenge, long number) {
    byte[] json =
        JsonMapper.shared()
            .writeValueAsBytes(
                Map.of(
                    "algorithm", challenge.algorithm,
                    "challenge", challenge.challenge,
                    "number", number,
                    "salt", challenge.salt,
                    "signature", challenge.signature));
    return Base64.getEncoder().encodeToString(json);
  }

  @Test
  void a_solved_challenge_is_accepted_once() throws Exception {
    String solution = solve(pow.challenge("event-1", "hold", 2_000));
    assertThat(pow.verify(solution, "event-1", "hold", 2_000)).isEqualTo(Verdict.VALID);
    assertThat(pow.verify(solution, "event-1", "hold", 2_000)).isEqualTo(Verdict.REPLAYED);
  }

  @Test
  void a_wrong_answer_a_missing_one_or_a_foreign_signature_is_refused() throws Exception {
    Challenge challenge = pow.challenge("event-1", "hold", 2_000);
    Altcha.Solution right =
        Altcha.solveChallenge(
            challenge.challenge, challenge.salt, Altcha.Algorithm.SHA256, 2_000, 0);
    assertThat(pow.verify(payload(challenge, right.number + 1), "event-1", "hold", 2_000))
        .isEqualTo(Verdict.INVALID);
    assertThat(pow.verify(null, "event-1", "hold", 2_000)).isEqualTo(Verdict.MISSING);
    assertThat(
            pow.verify(
                Base64.getEncoder().encodeToString("{}".getBytes(StandardCharsets.UTF_8)),
                "event-1",
                "hold",
                2_000))
        .isEqualTo(Verdict.INVALID);
    ProofOfWork other = new ProofOfWork(new byte[] {1, 2, 3}, clock, 1000);
    assertThat(
            pow.verify(solve(other.challenge("event-1", "hold", 2_000)), "event-1", "hold", 2_000))
        .isEqualTo(Verdict.INVALID);
  }

  @Test
  void a_challenge_serves_only_its_event_and_purpose() throws Exception {
    assertThat(pow.verify(solve(pow.challenge("event-1", "hold", 2_000)), "event-2", "hold", 2_000))
        .isEqualTo(Verdict.OTHER_EVENT);
    assertThat(pow.verify(solve(pow.challenge("event-1", "join", 2_000)), "event-1", "hold", 2_000))
        .isEqualTo(Verdict.OTHER_EVENT);
  }

  @Test
  void raising_the_difficulty_voids_easier_challenges_still_in_flight() throws Exception {
    String easy = solve(pow.challenge("event-1", "hold", 2_000));
    assertThat(pow.verify(easy, "event-1", "hold", 50_000)).isEqualTo(Verdict.TOO_EASY);
  }

  @Test
  void an_expired_challenge_is_refused() throws Exception {
    ProofOfWork past =
        new ProofOfWork(
            new byte[32], Clock.fixed(Instant.now().minusSeconds(3600), ZoneOffset.UTC), 1000);
    assertThat(
            pow.verify(solve(past.challenge("event-1", "hold", 2_000)), "event-1", "hold", 2_000))
        .isEqualTo(Verdict.INVALID);
  }
}
