package fr.guichet.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fr.guichet.api.event.EventDomainEvent.HeldPlacesSoldEvent;
import fr.guichet.api.event.EventDomainEvent.HoldExpiredEvent;
import fr.guichet.api.event.EventDomainEvent.HoldExpirySweepScheduledEvent;
import fr.guichet.api.event.EventDomainEvent.HoldExpirySweepsStoppedEvent;
import fr.guichet.api.event.EventDomainEvent.PlacesHeldEvent;
import fr.guichet.api.event.HoldOutcome;
import fr.guichet.api.event.HoldOutcome.HoldStatus;
import fr.guichet.api.order.OrderDomainEvent.BoxOfficePaymentRecordedEvent;
import fr.guichet.api.order.OrderDomainEvent.OrderConfirmedEvent;
import fr.guichet.api.order.OrderDomainEvent.OrderCreatedEvent;
import fr.guichet.api.order.OrderDomainEvent.OrderExpiredEvent;
import fr.guichet.api.order.OrderPricingEvent;
import fr.guichet.standalone.support.Api;
import fr.guichet.standalone.support.GuichetInstance;
import fr.guichet.standalone.support.PostgresCluster;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.dbscheduler.DbSchedulerDeadlineManager;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec;

/**
 * The core flow over HTTP on the whole standalone application with the {@code postgres} profile:
 * event store, tracking tokens and the hold expiry sweep's deadlines (db-scheduler) all on a real
 * PostgreSQL 15.
 */
class PostgresCoreFlowIT {

  @RegisterExtension static final PostgresCluster postgres = new PostgresCluster();

  @TempDir static Path dataDir;

  private static GuichetInstance guichet;
  private static Api api;

  @BeforeAll
  static void startApplication() {
    guichet =
        GuichetInstance.start(
            dataDir,
            "--spring.profiles.active=postgres",
            "--GUICHET_DB_URL=" + postgres.jdbcUrl(),
            "--GUICHET_DB_USER=" + postgres.username(),
            "--GUICHET_DB_PASSWORD=" + postgres.password(),
            // The postgres profile takes the token key and the public address from the environment.
            "--GUICHET_JWT_SECRET=" + randomKey(),
            "--GUICHET_PUBLIC_URL=http://localhost");
    api = new Api(guichet.http());
  }

  private static String randomKey() {
    byte[] key = new byte[32];
    new java.security.SecureRandom().nextBytes(key);
    return java.util.Base64.getEncoder().encodeToString(key);
  }

  @AfterAll
  static void stopApplication() {
    if (guichet != null) {
      guichet.close();
    }
  }

  @Test
  void holds_are_exclusive_confirmed_or_expired_by_a_persistent_deadline_on_postgresql()
      throws Exception {
    // Plans.FESTIVAL: "Carré Or" rows A-B and row C, seats 1-10; a standing pit. 10-second holds.
    String eventId = api.eventOnSale("PT10S", 4, 6);

    HoldOutcome heldByA = hold(eventId, "buyer-a", "hold-a-1", List.of("ORCH-A-5", "ORCH-A-6"));
    assertThat(heldByA.status()).isEqualTo(HoldStatus.HELD);
    assertThat(heldByA.placeIds()).containsExactly("ORCH-A-5", "ORCH-A-6");

    HoldOutcome retriedByA = hold(eventId, "buyer-a", "hold-a-1", List.of("ORCH-A-5", "ORCH-A-6"));
    assertThat(retriedByA.orderId()).isEqualTo(heldByA.orderId());
    assertThat(retriedByA.placeIds()).isEqualTo(heldByA.placeIds());

    Map<?, ?> conflict =
        holdRequest(eventId, "buyer-b", "hold-b-1", List.of("ORCH-A-6", "ORCH-A-7"))
            .expectStatus()
            .isEqualTo(HttpStatus.CONFLICT)
            .expectHeader()
            .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
            .expectBody(Map.class)
            .returnResult()
            .getResponseBody();
    assertThat(conflict.get("code")).isEqualTo("places-not-free");
    assertThat(conflict.get("places")).isEqualTo(List.of("ORCH-A-6"));

    HoldOutcome confirmed =
        api.as(
                "manager-1",
                "MANAGER",
                "POST",
                "/api/events/" + eventId + "/holds/" + heldByA.orderId() + "/box-office-payment",
                Map.of("method", "CARD_TERMINAL", "reference", "bank-ref-1"))
            .expectStatus()
            .isOk()
            .expectBody(HoldOutcome.class)
            .returnResult()
            .getResponseBody();
    assertThat(confirmed.status()).isEqualTo(HoldStatus.SOLD);

    HoldOutcome heldByC = hold(eventId, "buyer-c", "hold-c-1", List.of("ORCH-B-1", "ORCH-B-2"));
    assertThat(heldByC.heldUntil()).isAfter(Instant.now()).isBefore(Instant.now().plusSeconds(11));

    // No hold has a deadline of its own (ADR 0707): A's hold scheduled the event's expiry sweep,
    // a row of db-scheduler's table in PostgreSQL, and that sweep (or the next) serves C too.
    EventStore eventStore = guichet.eventStore();
    assertThat(guichet.bean(DeadlineManager.class)).isInstanceOf(DbSchedulerDeadlineManager.class);
    assertThat(heldEvents(eventStore, eventId))
        .hasSize(2)
        .allSatisfy(held -> assertThat(held.expiryDeadlineId()).isNull());
    assertThat(sweeps(eventStore, eventId).get(0).at()).isEqualTo(heldByA.heldUntil());

    // Nothing else touches this event now: only the db-scheduler deadline can expire C's hold.
    await()
        .atMost(Duration.ofSeconds(40))
        .pollInterval(Duration.ofMillis(500))
        .until(() -> payloadTypes(eventStore, eventId).contains(HoldExpiredEvent.class));
    HoldExpiredEvent expired =
        events(eventStore, eventId).stream()
            .map(DomainEventMessage::getPayload)
            .filter(HoldExpiredEvent.class::isInstance)
            .map(HoldExpiredEvent.class::cast)
            .findFirst()
            .orElseThrow();
    assertThat(expired.orderId()).isEqualTo(heldByC.orderId());
    assertThat(expired.placeIds()).containsExactly("ORCH-B-1", "ORCH-B-2");
    assertThat(payloadTypes(eventStore, eventId))
        .containsSubsequence(
            PlacesHeldEvent.class,
            HoldExpirySweepScheduledEvent.class,
            HeldPlacesSoldEvent.class,
            PlacesHeldEvent.class,
            HoldExpiredEvent.class,
            HoldExpirySweepsStoppedEvent.class);

    // With no hold left, the sweeps stopped and their rows are gone.
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () -> {
              for (HoldExpirySweepScheduledEvent sweep : sweeps(eventStore, eventId)) {
                if (scheduledTasks(sweep.deadlineId()) != 0) {
                  return false;
                }
              }
              return true;
            });

    HoldOutcome heldByB = hold(eventId, "buyer-b", "hold-b-2", List.of("ORCH-B-1", "ORCH-B-2"));
    assertThat(heldByB.status()).isEqualTo(HoldStatus.HELD);
    assertThat(heldByB.orderId()).isNotEqualTo(heldByC.orderId());

    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(300))
        .untilAsserted(
            () -> {
              assertThat(payloadTypes(eventStore, heldByA.orderId()))
                  .containsExactly(
                      OrderCreatedEvent.class,
                      BoxOfficePaymentRecordedEvent.class,
                      OrderConfirmedEvent.class);
              assertThat(payloadTypes(eventStore, heldByC.orderId()))
                  .containsExactly(OrderCreatedEvent.class, OrderExpiredEvent.class);
              // B's hold lasts 10 s too: its order may already have expired again.
              assertThat(payloadTypes(eventStore, heldByB.orderId()))
                  .startsWith(OrderCreatedEvent.class);
            });

    assertThat(payloadColumnTypes()).containsOnly("bytea");
    // Nothing of the command side went to an H2 file (the data directory keeps only the read
    // models' Mongo-wire files and the generated development keys).
    try (var files = java.nio.file.Files.walk(dataDir)) {
      assertThat(files.map(f -> f.getFileName().toString()))
          .noneMatch(name -> name.startsWith("guichet.") && name.endsWith(".db"));
    }
  }

  private static HoldOutcome hold(String eventId, String buyer, String key, List<String> places) {
    HoldOutcome outcome =
        holdRequest(eventId, buyer, key, places)
            .expectStatus()
            .isCreated()
            .expectBody(HoldOutcome.class)
            .returnResult()
            .getResponseBody();
    assertThat(outcome).isNotNull();
    return outcome;
  }

  private static ResponseSpec holdRequest(
      String eventId, String buyer, String key, List<String> places) {
    return api.as(
        buyer,
        "SPECTATOR",
        "POST",
        "/api/events/" + eventId + "/holds",
        Map.of("placeIds", places),
        key + "-" + eventId);
  }

  private static List<? extends DomainEventMessage<?>> events(EventStore store, String id) {
    return store.readEvents(id).asStream().toList();
  }

  /** The aggregate's event types, without an order's pricing events (see PricingScenarioIT). */
  private static List<Class<?>> payloadTypes(EventStore store, String aggregateId) {
    return events(store, aggregateId).stream()
        .<Class<?>>map(DomainEventMessage::getPayloadType)
        .filter(type -> !OrderPricingEvent.class.isAssignableFrom(type))
        .toList();
  }

  private static List<PlacesHeldEvent> heldEvents(EventStore store, String eventId) {
    return events(store, eventId).stream()
        .map(DomainEventMessage::getPayload)
        .filter(PlacesHeldEvent.class::isInstance)
        .map(PlacesHeldEvent.class::cast)
        .toList();
  }

  private static List<HoldExpirySweepScheduledEvent> sweeps(EventStore store, String eventId) {
    return events(store, eventId).stream()
        .map(DomainEventMessage::getPayload)
        .filter(HoldExpirySweepScheduledEvent.class::isInstance)
        .map(HoldExpirySweepScheduledEvent.class::cast)
        .toList();
  }

  /** How many db-scheduler tasks in PostgreSQL belong to this deadline. */
  private static int scheduledTasks(String deadlineId) throws Exception {
    try (Connection connection =
            DriverManager.getConnection(
                postgres.jdbcUrl(), postgres.username(), postgres.password());
        PreparedStatement query =
            connection.prepareStatement(
                "SELECT count(*) FROM scheduled_tasks WHERE task_instance LIKE ?")) {
      query.setString(1, "%" + deadlineId + "%");
      try (ResultSet rows = query.executeQuery()) {
        rows.next();
        return rows.getInt(1);
      }
    }
  }

  /** Event payloads and metadata must be stored inline as bytea, not as large objects (oid). */
  private static List<String> payloadColumnTypes() throws Exception {
    try (Connection connection =
            DriverManager.getConnection(
                postgres.jdbcUrl(), postgres.username(), postgres.password());
        PreparedStatement query =
            connection.prepareStatement(
                "SELECT data_type FROM information_schema.columns"
                    + " WHERE table_name IN ('domain_event_entry', 'snapshot_event_entry',"
                    + " 'token_entry') AND column_name IN ('payload', 'meta_data', 'token')")) {
      try (ResultSet rows = query.executeQuery()) {
        List<String> types = new ArrayList<>();
        while (rows.next()) {
          types.add(rows.getString(1));
        }
        assertThat(types).isNotEmpty();
        return types;
      }
    }
  }
}
