package fr.guichet.standalone.onsale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fr.guichet.api.event.EventDomainEvent.PlacesHeldEvent;
import fr.guichet.standalone.support.Api;
import fr.guichet.standalone.support.GuichetInstance;
import fr.guichet.standalone.support.Onsale;
import fr.guichet.standalone.support.Visitor;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.altcha.altcha.Altcha;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.http.MediaType;
import tools.jackson.databind.json.JsonMapper;

/**
 * Rate limits (429 + Retry-After) per account and per address, the proof-of-work challenge, and the
 * abuse signals the box office sees.
 */
class AntiScalpingIT {

  @TempDir static Path dataDir;
  static GuichetInstance guichet;

  @BeforeAll
  static void start() {
    guichet =
        GuichetInstance.start(
            dataDir,
            "--guichet.rate-limit.trust-forwarded-for=true",
            "--guichet.rate-limit.hold.per-account-per-minute=3",
            "--guichet.rate-limit.hold.per-ip-per-minute=8",
            "--guichet.abuse.accounts-per-ip=5",
            "--guichet.abuse.releases-per-account=3");
  }

  @AfterAll
  static void stop() {
    guichet.close();
  }

  private static String eventOnSale() {
    return new Api(guichet.http()).eventOnSale("PT10M", 4, 40);
  }

  @Test
  void an_account_over_its_hold_rate_gets_429_with_retry_after_and_nothing_is_held() {
    String eventId = eventOnSale();
    Visitor alice = new Visitor(guichet.http(), "alice", "10.0.0.1");
    for (int i = 0; i < 3; i++) {
      alice.hold(eventId, Visitor.standing(1), null, null).expectStatus().isCreated();
    }
    Map<?, ?> problem =
        alice
            .hold(eventId, Visitor.standing(1), null, null)
            .expectStatus()
            .isEqualTo(429)
            .expectHeader()
            .contentType(MediaType.APPLICATION_PROBLEM_JSON)
            .expectHeader()
            .value("Retry-After", value -> assertThat(Long.parseLong(value)).isBetween(1L, 60L))
            .expectBody(Map.class)
            .returnResult()
            .getResponseBody();
    assertThat(problem.get("code")).isEqualTo("rate-limited");
    assertThat(problem.get("limitedBy")).isEqualTo("account");
    assertThat(guichet.payloads(eventId)).filteredOn(PlacesHeldEvent.class::isInstance).hasSize(3);
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () -> assertThat(signals(eventId)).extracting("kind").contains("rate-limited"));
  }

  @Test
  void one_address_is_limited_across_its_accounts_and_flagged_for_using_many() {
    String eventId = eventOnSale();
    // A neighbour holds first: another address's bucket, and the platform's first hold (which may
    // take seconds on a loaded machine) is over before the farm's minute starts refilling.
    new Visitor(guichet.http(), "neighbour", "10.0.0.99")
        .hold(eventId, Visitor.standing(1), null, null)
        .expectStatus()
        .isCreated();
    for (int i = 0; i < 8; i++) {
      new Visitor(guichet.http(), "farm-" + i, "10.0.0.2")
          .hold(eventId, Visitor.standing(1), null, null)
          .expectStatus()
          .isCreated();
    }
    new Visitor(guichet.http(), "farm-9", "10.0.0.2")
        .hold(eventId, Visitor.standing(1), null, null)
        .expectStatus()
        .isEqualTo(429)
        .expectBody()
        .jsonPath("$.limitedBy")
        .isEqualTo("address");
    new Visitor(guichet.http(), "neighbour-2", "10.0.0.99")
        .hold(eventId, Visitor.standing(1), null, null)
        .expectStatus()
        .isCreated();
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(signals(eventId))
                    .anySatisfy(
                        s -> {
                          assertThat(s).containsEntry("kind", "many-accounts-one-ip");
                          assertThat(s).containsEntry("subject", "10.0.0.2");
                        }));
  }

  @Test
  @SuppressWarnings("unchecked")
  void holding_and_releasing_again_and_again_is_flagged() {
    String eventId = eventOnSale();
    Visitor bob = new Visitor(guichet.http(), "bob", "10.0.0.3");
    for (int i = 0; i < 3; i++) {
      Map<String, Object> held =
          bob.hold(eventId, Visitor.standing(2), null, null)
              .expectStatus()
              .isCreated()
              .expectBody(Map.class)
              .returnResult()
              .getResponseBody();
      bob.release(eventId, (String) held.get("orderId")).expectStatus().isOk();
    }
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(signals(eventId))
                    .anySatisfy(
                        s -> {
                          assertThat(s).containsEntry("kind", "hold-release-cycling");
                          assertThat(s).containsEntry("subject", "bob");
                        }));
    guichet
        .http()
        .get()
        .uri("/api/abuse-signals")
        .header("X-Actor-Id", "bob")
        .exchange()
        .expectStatus()
        .isForbidden();
  }

  @Test
  void when_the_manager_turns_the_challenge_on_holds_need_a_fresh_solution() throws Exception {
    String eventId = eventOnSale();
    Onsale onsale = new Onsale(guichet.http());
    onsale.configure(eventId, challenge(false, 5_000));

    // A new account and address per attempt: the rate limits stay out of the way.
    assertThat(code(visitor(1).hold(eventId, Visitor.standing(1), null, null)))
        .isEqualTo("challenge-missing");

    String solution = solve(eventId, "hold");
    visitor(2).hold(eventId, Visitor.standing(1), null, solution).expectStatus().isCreated();
    assertThat(code(visitor(3).hold(eventId, Visitor.standing(1), null, solution)))
        .isEqualTo("challenge-replayed");
    String wrongPurpose = solve(eventId, "join");
    assertThat(code(visitor(4).hold(eventId, Visitor.standing(1), null, wrongPurpose)))
        .isEqualTo("challenge-other-event");
    String forged = tamper(solve(eventId, "hold"));
    assertThat(code(visitor(5).hold(eventId, Visitor.standing(1), null, forged)))
        .isEqualTo("challenge-invalid");

    // Under attack the manager raises the difficulty: solutions of easier challenges stop working.
    String easy = solve(eventId, "hold");
    onsale.configure(eventId, challenge(false, 20_000));
    assertThat(code(visitor(6).hold(eventId, Visitor.standing(1), null, easy)))
        .isEqualTo("challenge-too-easy");
    Altcha.Challenge harder = challengeFor(eventId, "hold");
    assertThat(harder.maxnumber).isEqualTo(20_000L);
    visitor(7).hold(eventId, Visitor.standing(1), null, solve(harder)).expectStatus().isCreated();
    assertThat(guichet.payloads(eventId)).filteredOn(PlacesHeldEvent.class::isInstance).hasSize(2);
  }

  @Test
  void joining_the_queue_needs_a_solution_when_the_challenge_is_on() throws Exception {
    String eventId = eventOnSale();
    new Onsale(guichet.http()).configure(eventId, challenge(true, 5_000));
    Visitor erin = new Visitor(guichet.http(), "erin", "10.0.0.6");
    erin.join(eventId, null)
        .expectStatus()
        .isForbidden()
        .expectBody()
        .jsonPath("$.code")
        .isEqualTo("challenge-missing");
    erin.join(eventId, solve(eventId, "join"))
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.state")
        .value(state -> assertThat(state).isIn("QUEUED", "ADMITTED"));
  }

  private static Visitor visitor(int n) {
    return new Visitor(guichet.http(), "solver-" + n, "10.0.4." + n);
  }

  private static Map<String, Object> challenge(boolean room, long difficulty) {
    Map<String, Object> settings = new LinkedHashMap<>(Onsale.room(6000, null));
    settings.put("enabled", room);
    settings.put("challengeRequired", true);
    settings.put("challengeDifficulty", difficulty);
    return settings;
  }

  private static String code(
      org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec response) {
    Map<?, ?> problem =
        response
            .expectStatus()
            .isForbidden()
            .expectBody(Map.class)
            .returnResult()
            .getResponseBody();
    return (String) problem.get("code");
  }

  private static Altcha.Challenge challengeFor(String eventId, String purpose) {
    return guichet
        .http()
        .get()
        .uri("/api/events/" + eventId + "/challenge?purpose=" + purpose)
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody(Altcha.Challenge.class)
        .returnResult()
        .getResponseBody();
  }

  private static String solve(String eventId, String purpose) throws Exception {
    return solve(challengeFor(eventId, purpose));
  }

  /** What the ALTCHA widget does in the browser: find the number, send the base64 payload. */
  static String solve(Altcha.Challenge challenge) throws Exception {
    Altcha.Solution solution =
        Altcha.solveChallenge(
            challenge.challenge, challenge.salt, Altcha.Algorithm.SHA256, challenge.maxnumber, 0);
    return payload(challenge, solution.number);
  }

  private static String payload(Altcha.Challenge challenge, long number) {
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("algorithm", challenge.algorithm);
    payload.put("challenge", challenge.challenge);
    payload.put("number", number);
    payload.put("salt", challenge.salt);
    payload.put("signature", challenge.signature);
    return Base64.getEncoder().encodeToString(JsonMapper.shared().writeValueAsBytes(payload));
  }

  private static String tamper(String solution) {
    Map<?, ?> payload =
        JsonMapper.shared().readValue(Base64.getDecoder().decode(solution), Map.class);
    Map<String, Object> changed = new LinkedHashMap<>();
    payload.forEach((k, v) -> changed.put((String) k, v));
    changed.put("number", ((Number) payload.get("number")).longValue() + 1);
    return Base64.getEncoder()
        .encodeToString(
            JsonMapper.shared().writeValueAsString(changed).getBytes(StandardCharsets.UTF_8));
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> signals(String eventId) {
    return guichet
        .http()
        .get()
        .uri("/api/abuse-signals?eventId=" + eventId)
        .header("X-Actor-Id", "manager-1")
        .header("X-Actor-Role", "MANAGER")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody(List.class)
        .returnResult()
        .getResponseBody();
  }
}
