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
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.Disposable;

/**
 * The reference scenario, end to end: sell 80% of "Carré Or" and watch the director's dashboard.
 */
class DashboardScenarioTest {

  @TempDir Path dataDir;

  @Test
  @SuppressWarnings("unchecked")
  void selling_80_percent_of_carre_or_shows_80_percent_and_the_time_it_took() throws Exception {
    try (Guichet guichet = new Guichet(dataDir)) {
      String eventId = guichet.eventOnSale("Carmen");
      await().atMost(Duration.ofSeconds(10)).until(() -> dashboard(guichet, eventId) != null);

      BlockingQueue<Map<String, Object>> live = new LinkedBlockingQueue<>();
      Disposable stream =
          WebClient.create(guichet.baseUrl())
              .get()
              .uri("/api/dashboard/events/{id}/stream", eventId)
              .accept(MediaType.TEXT_EVENT_STREAM)
              .retrieve()
              .bodyToFlux(new ParameterizedTypeReference<ServerSentEvent<Map<String, Object>>>() {})
              .filter(sse -> sse.data() != null)
              .subscribe(sse -> live.add(sse.data()));
      try {
        String first =
            guichet.hold(eventId, "alice", List.of("ORCH-A-1", "ORCH-A-2", "ORCH-A-3", "ORCH-A-4"));
        guichet.confirm(eventId, first);
        String second =
            guichet.hold(eventId, "bob", List.of("ORCH-A-5", "ORCH-B-1", "ORCH-B-2", "ORCH-B-3"));
        guichet.confirm(eventId, second);

        await()
            .atMost(Duration.ofSeconds(10))
            .until(
                () -> ((Number) carreOr(dashboard(guichet, eventId)).get("sold")).intValue() == 8);
        Map<String, Object> carreOr = carreOr(dashboard(guichet, eventId));
        assertThat(((Number) carreOr.get("fillRate")).doubleValue()).isEqualTo(0.8);
        assertThat(((Number) carreOr.get("revenueCents")).longValue()).isEqualTo(8 * 8000);
        List<Map<String, Object>> milestones =
            (List<Map<String, Object>>) carreOr.get("milestones");
        assertThat(milestones.get(1)).containsEntry("percent", 80);
        assertThat(milestones.get(1).get("reachedAt")).isNotNull();
        long took = ((Number) milestones.get(1).get("afterSeconds")).longValue();
        assertThat(took).as("80% sold, seconds after the opening").isBetween(0L, 3600L);
        assertThat(milestones.get(2).get("reachedAt")).as("not sold out").isNull();

        Map<String, Object> latest = null;
        Map<String, Object> next;
        while ((next = live.poll(2, TimeUnit.SECONDS)) != null) {
          latest = next;
          if (((Number) latest.get("sold")).intValue() == 8) {
            break;
          }
        }
        assertThat(latest).as("the live stream followed the sales").isNotNull();
        assertThat(((Number) latest.get("sold")).intValue()).isEqualTo(8);

        HttpGraphQlTester.create(
                guichet.http().mutate().baseUrl(guichet.baseUrl() + "/graphql").build())
            .document(
                "{ dashboard(eventId: \"%s\") { categories { code fillRate milestones { percent afterSeconds } } }"
                        .formatted(eventId)
                    + " season { sold } }")
            .execute()
            .path("dashboard.categories[0].fillRate")
            .entity(Double.class)
            .isEqualTo(0.8)
            .path("dashboard.categories[0].milestones[1].afterSeconds")
            .entity(Long.class)
            .isEqualTo(took)
            .path("season.sold")
            .entity(Integer.class)
            .isEqualTo(8);
      } finally {
        stream.dispose();
      }
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> carreOr(Map<String, Object> dashboard) {
    return ((List<Map<String, Object>>) dashboard.get("categories")).get(0);
  }

  /** The event's dashboard, or null while the view has not seen the event yet (404). */
  private static Map<String, Object> dashboard(Guichet guichet, String eventId) {
    var result =
        guichet
            .http()
            .get()
            .uri("/api/dashboard/events/{id}", eventId)
            .exchange()
            .returnResult(new ParameterizedTypeReference<Map<String, Object>>() {});
    return result.getStatus().is2xxSuccessful() ? result.getResponseBody().blockFirst() : null;
  }
}
