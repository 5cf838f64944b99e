package fr.guichet.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.Disposable;

class LiveSeatMapTest {

  @TempDir Path dataDir;

  @Test
  void a_seat_held_on_the_command_side_reaches_a_watching_browser_within_a_second()
      throws Exception {
    try (Guichet guichet = new Guichet(dataDir)) {
      String eventId = guichet.eventOnSale("Carmen");
      long version = snapshotVersion(guichet, eventId);

      BlockingQueue<ServerSentEvent<Map<String, Object>>> seen = new LinkedBlockingQueue<>();
      Disposable stream =
          WebClient.create(guichet.baseUrl())
              .get()
              .uri("/api/events/{id}/availability/changes?fromVersion={v}", eventId, version)
              .accept(MediaType.TEXT_EVENT_STREAM)
              .retrieve()
              .bodyToFlux(new ParameterizedTypeReference<ServerSentEvent<Map<String, Object>>>() {})
              .filter(sse -> sse.data() != null)
              .subscribe(seen::add);
      try {
        guichet.hold(eventId, "spectator-1", List.of("ORCH-A-3"));
        // The one-second goal is measured in bench/; here a loaded CI machine gets some slack.
        ServerSentEvent<Map<String, Object>> change = seen.poll(3, TimeUnit.SECONDS);

        assertThat(change).as("a change promptly after the hold").isNotNull();
        assertThat(change.event()).isEqualTo("change");
        assertThat(change.data()).containsEntry("state", "HELD");
        assertThat(change.data().get("placeIds")).isEqualTo(List.of("ORCH-A-3"));
        assertThat(Long.parseLong(change.id())).isGreaterThan(version);
      } finally {
        stream.dispose();
      }
    }
  }

  @Test
  void the_views_and_their_position_survive_a_restart_on_the_same_data_directory() {
    String eventId;
    long before;
    try (Guichet guichet = new Guichet(dataDir)) {
      eventId = guichet.eventOnSale("Tosca");
      guichet.hold(eventId, "spectator-2", List.of("BALC-A-1", "BALC-A-2"));
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> snapshotStates(guichet, eventId).contains("H"));
      before = snapshotVersion(guichet, eventId);
    }
    try (Guichet again = new Guichet(dataDir)) {
      assertThat(snapshotVersion(again, eventId)).isEqualTo(before);
      assertThat(snapshotStates(again, eventId)).startsWith("FFFFFFFFFFHHF");
    }
  }

  static long snapshotVersion(Guichet guichet, String eventId) {
    return ((Number) snapshot(guichet, eventId).get("version")).longValue();
  }

  static String snapshotStates(Guichet guichet, String eventId) {
    return (String) snapshot(guichet, eventId).get("states");
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> snapshot(Guichet guichet, String eventId) {
    return await()
        .atMost(Duration.ofSeconds(10))
        .ignoreExceptions()
        .until(
            () ->
                guichet
                    .http()
                    .get()
                    .uri("/api/events/{id}/availability", eventId)
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody(Map.class)
                    .returnResult()
                    .getResponseBody(),
            body -> body != null);
  }
}
