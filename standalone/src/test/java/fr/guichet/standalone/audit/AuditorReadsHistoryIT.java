package fr.guichet.standalone.audit;

import static org.assertj.core.api.Assertions.assertThat;

import fr.guichet.standalone.support.Api;
import fr.guichet.standalone.support.GuichetInstance;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An auditor reads who did what and replays an event's seating at a past instant. */
class AuditorReadsHistoryIT {

  @TempDir static Path dataDir;
  static GuichetInstance guichet;
  static Api api;
  static String eventId;
  static String orderId;
  static Instant whileHeld;

  @BeforeAll
  @SuppressWarnings("unchecked")
  static void sellTwoSeats() throws InterruptedException {
    guichet = GuichetInstance.start(dataDir);
    api = new Api(guichet);
    eventId = api.eventOnSale("PT10M", 4, 4);
    Map<String, Object> held =
        api.as(
                "spectator-audit",
                "SPECTATOR",
                "POST",
                "/api/events/" + eventId + "/holds",
                Map.of("placeIds", List.of("ORCH-A-1", "ORCH-A-2")),
                "audit-hold-0001")
            .expectStatus()
            .isCreated()
            .expectBody(Map.class)
            .returnResult()
            .getResponseBody();
    orderId = (String) held.get("orderId");
    Thread.sleep(50);
    whileHeld = Instant.now();
    Thread.sleep(50);
    api.as(
            "manager-1",
            "MANAGER",
            "POST",
            "/api/events/" + eventId + "/holds/" + orderId + "/box-office-payment",
            Map.of("method", "CHEQUE", "reference", "audit-pay-1"))
        .expectStatus()
        .isOk();
  }

  @AfterAll
  static void stop() {
    guichet.close();
  }

  @Test
  void the_stream_of_an_event_lists_every_change_with_its_actor() {
    api.as("auditor-1", "AUDITOR", "GET", "/api/audit/aggregates/" + eventId + "/events", null)
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$[0].type")
        .isEqualTo("EventCreatedEvent")
        .jsonPath("$[0].metaData.actorId")
        .isEqualTo("manager-1")
        .jsonPath("$[?(@.type == 'PlacesHeldEvent')].metaData.actorId")
        .isEqualTo(List.of("spectator-audit"))
        .jsonPath("$[?(@.type == 'HeldPlacesSoldEvent')].payload.paymentReference")
        .isEqualTo(List.of("box-office:" + orderId));
  }

  @Test
  void the_global_stream_is_filtered_by_actor_and_type() {
    api.as(
            "auditor-1",
            "AUDITOR",
            "GET",
            "/api/audit/events?actor=spectator-audit&type=PlacesHeldEvent",
            null)
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.events.length()")
        .isEqualTo(1)
        .jsonPath("$.events[0].aggregateId")
        .isEqualTo(eventId)
        .jsonPath("$.events[0].globalIndex")
        .exists();
  }

  @Test
  void the_seating_at_an_instant_says_who_held_each_place() {
    api.as(
            "auditor-1",
            "AUDITOR",
            "GET",
            "/api/audit/performances/" + eventId + "/seating?at=" + whileHeld,
            null)
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.counts.HELD")
        .isEqualTo(2)
        .jsonPath("$.places[?(@.placeId == 'ORCH-A-1')].state")
        .isEqualTo(List.of("HELD"))
        .jsonPath("$.places[?(@.placeId == 'ORCH-A-1')].orderId")
        .isEqualTo(List.of(orderId));
    api.as("auditor-1", "AUDITOR", "GET", "/api/audit/performances/" + eventId + "/seating", null)
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.counts.SOLD")
        .isEqualTo(2)
        .jsonPath("$.counts.FREE")
        .isEqualTo(78);
  }

  @Test
  void the_history_exports_as_json_lines() {
    String body =
        api.as("auditor-1", "AUDITOR", "GET", "/api/audit/events/export?actor=manager-1", null)
            .expectStatus()
            .isOk()
            .expectBody(String.class)
            .returnResult()
            .getResponseBody();
    List<String> lines = body.lines().toList();
    assertThat(lines).isNotEmpty().allMatch(line -> line.startsWith("{") && line.endsWith("}"));
    assertThat(lines).anyMatch(line -> line.contains("\"type\":\"HeldPlacesSoldEvent\""));
  }

  @Test
  void a_spectator_cannot_read_the_audit_trail() {
    api.as("spectator-audit", "SPECTATOR", "GET", "/api/audit/events", null)
        .expectStatus()
        .isForbidden();
  }
}
