package fr.guichet.query.waitinglist;

import static org.awaitility.Awaitility.await;

import fr.guichet.api.event.EventDomainEvent.EventCreatedEvent;
import fr.guichet.api.event.EventDomainEvent.WaitingListJoinedEvent;
import fr.guichet.api.event.PlaceSelection;
import fr.guichet.query.QueryApp;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** A buyer reads their own place on the list, the staff the list in numbers; no one else. */
class WaitingListApiTest {

  private static QueryApp app;

  @BeforeAll
  static void start() {
    app = new QueryApp();
    app.append(
        "Event",
        "ev-w",
        0,
        new EventCreatedEvent(
            "ev-w", "Tosca", "Bastille", Instant.parse("2027-02-01T20:00:00Z"), ""));
    app.append(
        "Event",
        "ev-w",
        1,
        new WaitingListJoinedEvent(
            "ev-w", "carol", "o-carol", PlaceSelection.bestAvailable("OR", 2, false), "fr"));
    app.append(
        "Event",
        "ev-w",
        2,
        new WaitingListJoinedEvent(
            "ev-w", "dave", "o-dave", PlaceSelection.standing("FOSSE", 1), "en"));
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                as("dave", "SPECTATOR")
                    .get()
                    .uri("/api/events/ev-w/waiting-list/me")
                    .exchange()
                    .expectStatus()
                    .isOk());
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  private static WebTestClient as(String actor, String role) {
    return app.http()
        .mutate()
        .defaultHeader("X-Actor-Id", actor)
        .defaultHeader("X-Actor-Role", role)
        .build();
  }

  @Test
  void a_buyer_reads_their_position_and_how_many_wait() {
    as("dave", "SPECTATOR")
        .get()
        .uri("/api/events/ev-w/waiting-list/me")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.status")
        .isEqualTo("WAITING")
        .jsonPath("$.position")
        .isEqualTo(2)
        .jsonPath("$.waiting")
        .isEqualTo(2)
        .jsonPath("$.orderId")
        .isEqualTo("o-dave")
        .jsonPath("$.wanted.area")
        .isEqualTo("FOSSE");
  }

  @Test
  void a_buyer_who_never_joined_gets_a_problem_404() {
    as("erin", "SPECTATOR")
        .get()
        .uri("/api/events/ev-w/waiting-list/me")
        .exchange()
        .expectStatus()
        .isNotFound()
        .expectHeader()
        .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
        .expectBody()
        .jsonPath("$.code")
        .isEqualTo("not-on-waiting-list");
    app.http().get().uri("/api/events/ev-w/waiting-list/me").exchange().expectStatus().isNotFound();
  }

  @Test
  void the_summary_is_for_the_staff_only() {
    as("manager-1", "MANAGER")
        .get()
        .uri("/api/events/ev-w/waiting-list")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.waiting")
        .isEqualTo(2)
        .jsonPath("$.placesWantedByArea.OR")
        .isEqualTo(2)
        .jsonPath("$.placesWantedByArea.FOSSE")
        .isEqualTo(1);
    as("auditor-1", "AUDITOR")
        .get()
        .uri("/api/events/ev-w/waiting-list")
        .exchange()
        .expectStatus()
        .isOk();
    as("carol", "SPECTATOR")
        .get()
        .uri("/api/events/ev-w/waiting-list")
        .exchange()
        .expectStatus()
        .isForbidden();
  }
}
