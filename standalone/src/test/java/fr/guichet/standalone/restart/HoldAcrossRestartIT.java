package fr.guichet.standalone.restart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fr.guichet.api.event.EventDomainEvent.HoldExpiredEvent;
import fr.guichet.api.order.OrderDomainEvent.OrderExpiredEvent;
import fr.guichet.standalone.support.Api;
import fr.guichet.standalone.support.GuichetInstance;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A hold outlives the process that took it: close the application, start a new one on the same data
 * directory, and the hold still ends exactly once, by the event's persisted expiry sweep (ADR
 * 0707).
 */
class HoldAcrossRestartIT {

  @TempDir Path dataDir;

  @SuppressWarnings("unchecked")
  private static String holdSeat(
      GuichetInstance guichet, String eventId, String buyer, String key) {
    Map<String, Object> held =
        new Api(guichet)
            .as(
                buyer,
                "SPECTATOR",
                "POST",
                "/api/events/" + eventId + "/holds",
                Map.of("placeIds", List.of("ORCH-A-1")),
                key)
            .expectStatus()
            .isCreated()
            .expectBody(Map.class)
            .returnResult()
            .getResponseBody();
    return (String) held.get("orderId");
  }

  @Test
  void a_hold_taken_before_a_restart_expires_on_time_after_it() {
    String eventId;
    String orderId;
    try (GuichetInstance first = GuichetInstance.start(dataDir)) {
      eventId = new Api(first).eventOnSale("PT6S", 4, 4);
      orderId = holdSeat(first, eventId, "alice", "restart-hold-01");
    }
    try (GuichetInstance second = GuichetInstance.start(dataDir)) {
      await()
          .atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(250))
          .untilAsserted(
              () ->
                  assertThat(second.payloads(eventId))
                      .filteredOn(HoldExpiredEvent.class::isInstance)
                      .hasSize(1));
      await()
          .atMost(Duration.ofSeconds(15))
          .untilAsserted(
              () ->
                  assertThat(second.payloads(orderId))
                      .filteredOn(OrderExpiredEvent.class::isInstance)
                      .hasSize(1));
      holdSeat(second, eventId, "bob", "after-restart-01");
    }
  }

  @Test
  void a_hold_whose_deadline_passed_while_the_platform_was_down_expires_once_at_start()
      throws InterruptedException {
    String eventId;
    try (GuichetInstance first = GuichetInstance.start(dataDir)) {
      eventId = new Api(first).eventOnSale("PT2S", 4, 4);
      holdSeat(first, eventId, "alice", "downtime-hold-1");
    }
    Thread.sleep(3_000);
    try (GuichetInstance second = GuichetInstance.start(dataDir)) {
      await()
          .atMost(Duration.ofSeconds(20))
          .pollInterval(Duration.ofMillis(250))
          .untilAsserted(
              () ->
                  assertThat(second.payloads(eventId))
                      .filteredOn(HoldExpiredEvent.class::isInstance)
                      .hasSize(1));
      holdSeat(second, eventId, "bob", "after-downtime-1");
      Thread.sleep(1_500);
      assertThat(second.payloads(eventId))
          .filteredOn(HoldExpiredEvent.class::isInstance)
          .hasSize(1);
    }
  }
}
