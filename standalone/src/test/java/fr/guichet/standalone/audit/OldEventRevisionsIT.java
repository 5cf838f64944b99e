package fr.guichet.standalone.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fr.guichet.api.event.EventDomainEvent.SalesPausedEvent;
import fr.guichet.standalone.support.Api;
import fr.guichet.standalone.support.GuichetInstance;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.axonframework.common.caching.Cache;
import org.axonframework.eventhandling.DomainEventMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * An event stored by an older version of the platform, in its old shape, still loads: a revision 1
 * {@code SalesPausedEvent} (no reason) written straight into the event store's table, as that
 * version wrote it, is read by the Event aggregate, by the event-setup view and by the auditor's
 * stream as the current class, with the reason "no reason given" (docs/adr/0703).
 */
class OldEventRevisionsIT {

  @TempDir static Path dataDir;
  static GuichetInstance guichet;
  static Api api;
  static String eventId;

  @BeforeAll
  static void storeAnOldPause() {
    guichet = GuichetInstance.start(dataDir);
    api = new Api(guichet);
    eventId = api.eventOnSale("PT10M", 4, 4);
    JdbcTemplate sql = new JdbcTemplate(guichet.bean(DataSource.class));
    long next =
        sql.queryForObject(
            "select max(sequence_number) + 1 from domain_event_entry where aggregate_identifier = ?",
            Long.class,
            eventId);
    sql.update(
        "insert into domain_event_entry (global_index, event_identifier, type,"
            + " aggregate_identifier, sequence_number, time_stamp, payload_type, payload_revision,"
            + " payload, meta_data) values (next value for domain_event_entry_seq,"
            + " ?, 'Event', ?, ?, ?, ?, '1', ?, ?)",
        UUID.randomUUID().toString(),
        eventId,
        next,
        Instant.now().toString(),
        SalesPausedEvent.class.getName(),
        ("{\"eventId\":\"" + eventId + "\"}").getBytes(StandardCharsets.UTF_8),
        "{\"actorId\":\"manager-1\",\"actorRole\":\"MANAGER\"}".getBytes(StandardCharsets.UTF_8));
    // The aggregate cached from the commands above does not know of the row: load it again.
    guichet.bean("eventAggregateCache", Cache.class).removeAll();
  }

  @AfterAll
  static void stop() {
    guichet.close();
  }

  @Test
  void the_event_store_reads_the_old_pause_as_the_current_class() {
    List<DomainEventMessage<?>> history = guichet.history(eventId);
    DomainEventMessage<?> last = history.get(history.size() - 1);
    assertThat(last.getPayload())
        .isEqualTo(new SalesPausedEvent(eventId, SalesPausedEvent.REASON_NOT_GIVEN));
    assertThat(last.getMetaData()).containsEntry("actorId", "manager-1");
  }

  @Test
  void the_aggregate_loads_the_old_pause_refuses_holds_with_its_reason_and_resumes() {
    api.as(
            "spectator-old",
            "SPECTATOR",
            "POST",
            "/api/events/" + eventId + "/holds",
            Map.of("placeIds", List.of("ORCH-A-1")))
        .expectStatus()
        .isEqualTo(422)
        .expectBody()
        .jsonPath("$.code")
        .isEqualTo("sales-not-open")
        .jsonPath("$.detail")
        .isEqualTo("Sales are not open for this event (paused: no reason given).");

    api.as("manager-1", "MANAGER", "GET", "/api/event-setups/" + eventId, null)
        .expectStatus()
        .isOk();
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () ->
                api.as("manager-1", "MANAGER", "GET", "/api/event-setups/" + eventId, null)
                    .expectStatus()
                    .isOk()
                    .expectBody()
                    .jsonPath("$.stage")
                    .isEqualTo("PAUSED")
                    .jsonPath("$.pauseReason")
                    .isEqualTo(SalesPausedEvent.REASON_NOT_GIVEN));
    api.as("auditor-1", "AUDITOR", "GET", "/api/audit/aggregates/" + eventId + "/events", null)
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$[?(@.type == 'SalesPausedEvent')].payload.reason")
        .isEqualTo(List.of(SalesPausedEvent.REASON_NOT_GIVEN));

    api.as("manager-1", "MANAGER", "POST", "/api/events/" + eventId + "/resumption", null)
        .expectStatus()
        .isNoContent();
    api.as(
            "spectator-old",
            "SPECTATOR",
            "POST",
            "/api/events/" + eventId + "/holds",
            Map.of("placeIds", List.of("ORCH-A-1")))
        .expectStatus()
        .isCreated();
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () ->
                api.as("manager-1", "MANAGER", "GET", "/api/event-setups/" + eventId, null)
                    .expectStatus()
                    .isOk()
                    .expectBody()
                    .jsonPath("$.stage")
                    .isEqualTo("ON_SALE")
                    .jsonPath("$.pauseReason")
                    .doesNotExist());
  }

  @Test
  void a_pause_with_a_reason_is_stored_as_revision_2() {
    String other = api.eventOnSale("PT10M", 4, 4);
    api.as(
            "manager-1",
            "MANAGER",
            "POST",
            "/api/events/" + other + "/pause",
            Map.of("reason", "alerte orage"))
        .expectStatus()
        .isNoContent();
    String revision =
        new JdbcTemplate(guichet.bean(DataSource.class))
            .queryForObject(
                "select payload_revision from domain_event_entry where aggregate_identifier = ?"
                    + " and payload_type = ?",
                String.class,
                other,
                SalesPausedEvent.class.getName());
    assertThat(revision).isEqualTo("2");
    assertThat(guichet.payloads(other)).contains(new SalesPausedEvent(other, "alerte orage"));
  }
}
