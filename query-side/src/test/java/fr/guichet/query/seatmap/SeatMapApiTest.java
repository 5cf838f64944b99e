package fr.guichet.query.seatmap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fr.guichet.api.event.EventDomainEvent.PlacesHeldEvent;
import fr.guichet.api.event.EventDomainEvent.SeatingPlanConfiguredEvent;
import fr.guichet.api.event.PriceCategory;
import fr.guichet.api.event.PriceTier;
import fr.guichet.api.event.SeatBlock;
import fr.guichet.api.event.SeatingPlan;
import fr.guichet.api.event.Section;
import fr.guichet.query.Plans;
import fr.guichet.query.QueryApp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

class SeatMapApiTest {

  private static QueryApp app;
  private static final Instant AT = Instant.parse("2026-11-26T15:00:00Z");

  @BeforeAll
  static void start() {
    app = new QueryApp();
    app.append(
        "Event", "ev-map", 1, new SeatingPlanConfiguredEvent("ev-map", Plans.smallHall(), 24));
    app.append(
        "Event",
        "ev-map",
        2,
        new PlacesHeldEvent("ev-map", "o-1", "c-1", List.of("ORCH-A-1"), AT, "d-1"));
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                app.http()
                    .get()
                    .uri("/api/events/ev-map/availability")
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody()
                    .jsonPath("$.version")
                    .isEqualTo(2));
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  @Test
  void the_layout_is_served_with_an_etag_and_not_sent_again_while_unchanged() {
    String etag =
        app.http()
            .get()
            .uri("/api/events/ev-map/seat-map")
            .exchange()
            .expectStatus()
            .isOk()
            .expectHeader()
            .valueMatches("Cache-Control", ".*no-cache.*")
            .expectBody()
            .jsonPath("$.placeCount")
            .isEqualTo(24)
            .jsonPath("$.sections[0].rows[0].seats[0].id")
            .isEqualTo("ORCH-A-1")
            .jsonPath("$.categories[0].minPriceCents")
            .isEqualTo(6000)
            .returnResult()
            .getResponseHeaders()
            .getETag();
    assertThat(etag).isNotBlank();
    app.http()
        .get()
        .uri("/api/events/ev-map/seat-map")
        .header("If-None-Match", etag)
        .exchange()
        .expectStatus()
        .isNotModified();
  }

  @Test
  void every_browser_without_the_layout_gets_the_same_json_as_application_json() {
    byte[] first = layoutBody("ev-map");
    byte[] second = layoutBody("ev-map");

    assertThat(second).isEqualTo(first);
    assertThat(new String(first, java.nio.charset.StandardCharsets.UTF_8))
        .startsWith("{")
        .contains("\"placeCount\":24");
  }

  @Test
  void a_new_plan_is_served_as_a_new_layout() {
    app.append(
        "Event",
        "ev-replan",
        1,
        new SeatingPlanConfiguredEvent("ev-replan", Plans.smallHall(), 24));
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> new String(layoutBody("ev-replan")).contains("\"placeCount\":24"));
    SeatingPlan smaller =
        new SeatingPlan(
            List.of(new PriceCategory("CARRE_OR", "Carré Or", List.of(new PriceTier("F", "F", 1)))),
            List.of(
                new Section(
                    "ORCH", "Orchestre", List.of(new SeatBlock("A", 1, 3, "CARRE_OR", Set.of())))),
            List.of());

    app.append("Event", "ev-replan", 2, new SeatingPlanConfiguredEvent("ev-replan", smaller, 3));

    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> new String(layoutBody("ev-replan")).contains("\"placeCount\":3"));
  }

  private static byte[] layoutBody(String eventId) {
    return app.http()
        .get()
        .uri("/api/events/" + eventId + "/seat-map")
        .exchange()
        .expectStatus()
        .isOk()
        .expectHeader()
        .contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
        .expectBody()
        .returnResult()
        .getResponseBody();
  }

  @Test
  void the_snapshot_shows_held_places_and_its_version() {
    app.http()
        .get()
        .uri("/api/events/ev-map/availability")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.states")
        .value(states -> assertThat((String) states).startsWith("HFFFF").hasSize(24))
        .jsonPath("$.counts.HELD")
        .isEqualTo(1);
    app.http()
        .get()
        .uri("/api/events/ev-map/availability/places?ids=ORCH-A-1,ORCH-A-2")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.states.ORCH-A-1")
        .isEqualTo("HELD")
        .jsonPath("$.states.ORCH-A-2")
        .isEqualTo("FREE");
  }

  @Test
  void an_unknown_event_is_a_404_problem() {
    app.http()
        .get()
        .uri("/api/events/nope/availability")
        .exchange()
        .expectStatus()
        .isNotFound()
        .expectHeader()
        .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
        .expectBody()
        .jsonPath("$.code")
        .isEqualTo("unknown-event");
  }

  @Test
  void the_stream_of_an_unknown_event_is_a_404() {
    app.http()
        .get()
        .uri("/api/events/nope/availability/changes")
        .accept(MediaType.TEXT_EVENT_STREAM)
        .exchange()
        .expectStatus()
        .isNotFound();
  }

  @Test
  void the_stream_replays_what_the_client_missed_then_sends_live_changes() {
    Flux<ServerSentEvent<AvailabilityChange>> stream =
        WebClient.create("http://127.0.0.1:" + app.port())
            .get()
            .uri("/api/events/ev-map/availability/changes?fromVersion=1")
            .accept(MediaType.TEXT_EVENT_STREAM)
            .retrieve()
            .bodyToFlux(new ParameterizedTypeReference<ServerSentEvent<AvailabilityChange>>() {})
            .filter(sse -> sse.data() != null);
    StepVerifier.create(stream)
        .assertNext(
            sse -> {
              assertThat(sse.id()).isEqualTo("2");
              assertThat(sse.data().placeIds()).containsExactly("ORCH-A-1");
            })
        .then(
            () ->
                app.append(
                    "Event",
                    "ev-map",
                    3,
                    new PlacesHeldEvent("ev-map", "o-2", "c-2", List.of("BALC-A-2"), AT, "d-2")))
        .assertNext(
            sse -> {
              assertThat(sse.event()).isEqualTo("change");
              assertThat(sse.data().version()).isEqualTo(3);
              assertThat(sse.data().placeIds()).containsExactly("BALC-A-2");
            })
        .thenCancel()
        .verify(Duration.ofSeconds(5));
  }

  /**
   * An up-to-date client with nothing new to hear still gets its stream opened at once (a
   * heartbeat), so that the page can say it is live: before, the first heartbeat came after 15
   * seconds and the browser's EventSource stayed "connecting" until then.
   */
  @Test
  void the_stream_opens_at_once_even_when_nothing_changes() {
    Flux<ServerSentEvent<String>> stream =
        WebClient.create("http://127.0.0.1:" + app.port())
            .get()
            .uri("/api/events/ev-map/availability/changes")
            .accept(MediaType.TEXT_EVENT_STREAM)
            .retrieve()
            .bodyToFlux(new ParameterizedTypeReference<ServerSentEvent<String>>() {});
    StepVerifier.create(stream)
        .assertNext(heartbeat -> assertThat(heartbeat.data()).isNull())
        .thenCancel()
        .verify(SeatMapController.HEARTBEAT.dividedBy(3));
  }

  @Test
  void graphql_subscribers_get_the_changes_over_server_sent_events() {
    Flux<String> stream =
        WebClient.create("http://127.0.0.1:" + app.port())
            .post()
            .uri("/graphql")
            .contentType(MediaType.APPLICATION_JSON)
            .accept(MediaType.TEXT_EVENT_STREAM)
            .bodyValue(
                Map.of(
                    "query",
                    "subscription { availabilityChanges(eventId: \"ev-map\", fromVersion: 1)"
                        + " { version kind placeIds } }"))
            .retrieve()
            .bodyToFlux(new ParameterizedTypeReference<ServerSentEvent<String>>() {})
            .filter(sse -> sse.data() != null && sse.data().contains("availabilityChanges"))
            .map(ServerSentEvent::data);
    StepVerifier.create(stream)
        .assertNext(data -> assertThat(data).contains("\"version\":2").contains("ORCH-A-1"))
        .thenCancel()
        .verify(Duration.ofSeconds(5));
  }

  @Test
  void a_client_too_far_behind_is_told_to_reload() {
    Flux<ServerSentEvent<AvailabilityChange>> stream =
        WebClient.create("http://127.0.0.1:" + app.port())
            .get()
            .uri("/api/events/ev-map/availability/changes")
            .header("Last-Event-ID", "0")
            .accept(MediaType.TEXT_EVENT_STREAM)
            .retrieve()
            .bodyToFlux(new ParameterizedTypeReference<ServerSentEvent<AvailabilityChange>>() {})
            .filter(sse -> sse.data() != null);
    StepVerifier.create(stream)
        .assertNext(sse -> assertThat(sse.event()).isEqualTo("reload"))
        .verifyComplete();
  }

  @Test
  void the_processor_keeps_its_tracking_token_in_mongodb() {
    List<Document> tokens =
        app.bean(ReactiveMongoTemplate.class)
            .findAll(Document.class, "tracking_tokens")
            .collectList()
            .block();
    assertThat(tokens)
        .extracting(d -> d.getString("processorName"))
        .contains(SeatMapProjection.NAME);
  }
}
