package fr.guichet.standalone.booking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fr.guichet.api.event.EventDomainEvent.HeldPlacesSoldEvent;
import fr.guichet.api.event.EventDomainEvent.HoldExpiredEvent;
import fr.guichet.api.event.EventDomainEvent.HoldReleasedEvent;
import fr.guichet.api.event.EventDomainEvent.PlacesHeldEvent;
import fr.guichet.api.order.OrderDomainEvent;
import fr.guichet.api.order.OrderDomainEvent.BoxOfficePaymentMethod;
import fr.guichet.api.order.OrderDomainEvent.BoxOfficePaymentRecordedEvent;
import fr.guichet.api.order.OrderDomainEvent.OrderCancelledEvent;
import fr.guichet.api.order.OrderDomainEvent.OrderConfirmedEvent;
import fr.guichet.api.order.OrderDomainEvent.OrderCreatedEvent;
import fr.guichet.api.order.OrderDomainEvent.OrderExpiredEvent;
import fr.guichet.standalone.support.Api;
import fr.guichet.standalone.support.GuichetInstance;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.axonframework.eventhandling.DomainEventMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.http.MediaType;

/**
 * The reference scenario over HTTP, up to the hold, its expiry and a box-office payment: the
 * director approves, the manager configures and opens, a spectator holds two "Carré Or" seats.
 */
class ReferenceScenarioIT {

  @TempDir static Path dataDir;
  static GuichetInstance guichet;
  static Api api;

  @BeforeAll
  static void start() {
    guichet = GuichetInstance.start(dataDir);
    api = new Api(guichet);
  }

  @AfterAll
  static void stop() {
    guichet.close();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> hold(String eventId, String buyer, String key, Object body) {
    return api.as(buyer, "SPECTATOR", "POST", "/api/events/" + eventId + "/holds", body, key)
        .expectStatus()
        .isCreated()
        .expectBody(Map.class)
        .returnResult()
        .getResponseBody();
  }

  @Test
  void a_spectator_holds_two_carre_or_seats_and_the_box_office_confirms_them() {
    String eventId = api.eventOnSale("PT10M", 6, 6);

    Map<String, Object> held =
        hold(eventId, "spectator-1", "first-hold-001", Map.of("category", "OR", "quantity", 2));
    assertThat(held.get("placeIds")).isEqualTo(List.of("ORCH-A-5", "ORCH-A-6"));
    assertThat(held.get("status")).isEqualTo("HELD");
    String orderId = (String) held.get("orderId");

    Map<String, Object> retried =
        hold(eventId, "spectator-1", "first-hold-001", Map.of("category", "OR", "quantity", 2));
    assertThat(retried).isEqualTo(held);

    api.as(
            "spectator-2",
            "SPECTATOR",
            "POST",
            "/api/events/" + eventId + "/holds",
            Map.of("placeIds", List.of("ORCH-A-4", "ORCH-A-5")))
        .expectStatus()
        .isEqualTo(409)
        .expectHeader()
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .expectBody()
        .jsonPath("$.code")
        .isEqualTo("places-not-free")
        .jsonPath("$.places")
        .isEqualTo(List.of("ORCH-A-5"));

    api.as(
            "manager-1",
            "MANAGER",
            "POST",
            "/api/events/" + eventId + "/holds/" + orderId + "/box-office-payment",
            Map.of(
                "method",
                "CARD_TERMINAL",
                "reference",
                "test-payment-1",
                "note",
                "paid at the counter"))
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.status")
        .isEqualTo("SOLD");

    assertThat(guichet.payloads(eventId))
        .filteredOn(HeldPlacesSoldEvent.class::isInstance)
        .singleElement()
        .isEqualTo(
            new HeldPlacesSoldEvent(
                eventId,
                orderId,
                "spectator-1",
                List.of("ORCH-A-5", "ORCH-A-6"),
                "box-office:" + orderId));
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(lifecycleOf(orderId))
                    .hasExactlyElementsOfTypes(
                        OrderCreatedEvent.class,
                        BoxOfficePaymentRecordedEvent.class,
                        OrderConfirmedEvent.class));
    assertThat(guichet.history(orderId))
        .filteredOn(m -> m.getPayload() instanceof BoxOfficePaymentRecordedEvent)
        .singleElement()
        .satisfies(
            m -> {
              assertThat(m.getPayload())
                  .isEqualTo(
                      new BoxOfficePaymentRecordedEvent(
                          orderId,
                          eventId,
                          BoxOfficePaymentMethod.CARD_TERMINAL,
                          "test-payment-1",
                          18000,
                          "EUR",
                          "paid at the counter",
                          "manager-1"));
              assertThat(m.getMetaData().get("actorId")).isEqualTo("manager-1");
            });
    // The buyer's receipt says the box office took the money, how and who.
    api.as("spectator-1", "SPECTATOR", "GET", "/api/orders/" + orderId + "/price-explanation", null)
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.boxOfficePayment.method")
        .isEqualTo("CARD_TERMINAL")
        .jsonPath("$.boxOfficePayment.reference")
        .isEqualTo("test-payment-1")
        .jsonPath("$.boxOfficePayment.recordedBy")
        .isEqualTo("manager-1")
        .jsonPath("$.boxOfficePayment.amountCents")
        .isEqualTo(18000);
  }

  @Test
  void a_box_office_payment_is_for_managers_names_its_method_and_is_recorded_once() {
    String eventId = api.eventOnSale("PT10M", 6, 6);
    String orderId =
        (String)
            hold(eventId, "spectator-9", "counter-hold-1", Map.of("placeIds", List.of("ORCH-B-3")))
                .get("orderId");
    String path = "/api/events/" + eventId + "/holds/" + orderId + "/box-office-payment";

    api.as("spectator-9", "SPECTATOR", "POST", path, Map.of("method", "CASH"))
        .expectStatus()
        .isForbidden();
    api.as("manager-1", "MANAGER", "POST", path, Map.of("reference", "no-method"))
        .expectStatus()
        .isBadRequest();
    api.as("manager-1", "MANAGER", "POST", path, Map.of("method", "CHEQUE"))
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.code")
        .isEqualTo("reference");
    api.as(
            "manager-1",
            "MANAGER",
            "POST",
            "/api/events/"
                + api.eventOnSale("PT10M", 6, 6)
                + "/holds/"
                + orderId
                + "/box-office-payment",
            Map.of("method", "CASH"))
        .expectStatus()
        .isNotFound();
    api.as("manager-2", "MANAGER", "POST", path, Map.of("method", "CASH"))
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.status")
        .isEqualTo("SOLD");
    // A retried request changes nothing; another payment for the same order is refused.
    api.as("manager-2", "MANAGER", "POST", path, Map.of("method", "CASH"))
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.status")
        .isEqualTo("SOLD");
    api.as("manager-3", "MANAGER", "POST", path, Map.of("method", "CHEQUE", "reference", "CHQ-9"))
        .expectStatus()
        .isEqualTo(409)
        .expectBody()
        .jsonPath("$.code")
        .isEqualTo("already-paid-at-box-office");
    assertThat(guichet.payloads(orderId))
        .filteredOn(BoxOfficePaymentRecordedEvent.class::isInstance)
        .singleElement()
        .extracting(p -> ((BoxOfficePaymentRecordedEvent) p).recordedBy())
        .isEqualTo("manager-2");
  }

  @Test
  void every_event_carries_who_did_it() {
    String eventId = api.eventOnSale("PT10M", 6, 6);
    hold(eventId, "spectator-7", "audit-hold-01", Map.of("zone", "FOSSE", "quantity", 2));
    DomainEventMessage<?> heldMessage =
        guichet.history(eventId).stream()
            .filter(m -> m.getPayload() instanceof PlacesHeldEvent)
            .findFirst()
            .orElseThrow();
    assertThat(heldMessage.getMetaData())
        .containsEntry("actorId", "spectator-7")
        .containsEntry("actorRole", "SPECTATOR")
        .containsEntry("idempotencyKey", "audit-hold-01")
        .containsKeys("clientIp", "requestId", "correlationId", "traceId");
  }

  @Test
  void an_unpaid_hold_expires_on_time_and_its_seats_are_free_again() {
    String eventId = api.eventOnSale("PT10S", 6, 6);
    Map<String, Object> held =
        hold(eventId, "spectator-3", "expiring-hold-1", Map.of("placeIds", List.of("ORCH-B-1")));
    String orderId = (String) held.get("orderId");

    await()
        .atMost(Duration.ofSeconds(25))
        .pollInterval(Duration.ofMillis(250))
        .untilAsserted(
            () ->
                assertThat(guichet.payloads(eventId))
                    .filteredOn(HoldExpiredEvent.class::isInstance)
                    .hasSize(1));
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(lifecycleOf(orderId))
                    .hasExactlyElementsOfTypes(OrderCreatedEvent.class, OrderExpiredEvent.class));

    api.as(
            "manager-1",
            "MANAGER",
            "POST",
            "/api/events/" + eventId + "/holds/" + orderId + "/box-office-payment",
            Map.of("method", "CASH"))
        .expectStatus()
        .isEqualTo(409)
        .expectBody()
        .jsonPath("$.code")
        .isEqualTo("hold-ended");

    hold(eventId, "spectator-4", "after-expiry-1", Map.of("placeIds", List.of("ORCH-B-1")));
  }

  @Test
  void a_buyer_releases_a_hold_and_the_order_is_cancelled() {
    String eventId = api.eventOnSale("PT10M", 6, 6);
    Map<String, Object> held =
        hold(eventId, "spectator-5", "release-hold-1", Map.of("placeIds", List.of("ORCH-C-3")));
    String orderId = (String) held.get("orderId");
    api.as(
            "spectator-5",
            "SPECTATOR",
            "POST",
            "/api/events/" + eventId + "/holds/" + orderId + "/release",
            null)
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.status")
        .isEqualTo("RELEASED");
    assertThat(guichet.payloads(eventId))
        .filteredOn(HoldReleasedEvent.class::isInstance)
        .hasSize(1);
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(lifecycleOf(orderId))
                    .hasExactlyElementsOfTypes(OrderCreatedEvent.class, OrderCancelledEvent.class));
    hold(eventId, "spectator-6", "after-release-1", Map.of("placeIds", List.of("ORCH-C-3")));
  }

  @Test
  void rules_and_bad_input_get_clear_problems() {
    String eventId = api.eventOnSale("PT10M", 2, 3);
    api.as(
            "spectator-8",
            "SPECTATOR",
            "POST",
            "/api/events/" + eventId + "/holds",
            Map.of("zone", "FOSSE", "quantity", 3))
        .expectStatus()
        .isEqualTo(422)
        .expectBody()
        .jsonPath("$.code")
        .isEqualTo("order-limit");
    api.as(
            "spectator-8",
            "SPECTATOR",
            "POST",
            "/api/events/" + eventId + "/holds",
            Map.of("quantity", 0, "zone", "FOSSE"))
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.errors.quantity")
        .exists();
    api.as("spectator-8", "SPECTATOR", "POST", "/api/events/" + eventId + "/holds", "{\"zone\":")
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.code")
        .isEqualTo("unreadable-request");
    api.as(
            "spectator-8",
            "SPECTATOR",
            "POST",
            "/api/events/no-such-event/holds",
            Map.of("zone", "FOSSE", "quantity", 1))
        .expectStatus()
        .isNotFound();
    api.as("spectator-8", "SPECTATOR", "POST", "/api/events/" + eventId + "/approval", null)
        .expectStatus()
        .isForbidden();
    api.as(
            "manager-1",
            "MANAGER",
            "PUT",
            "/api/events/" + eventId + "/seating-plan",
            "{\"categories\":[],\"sections\":[],\"zones\":[]}")
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.detail")
        .isEqualTo("The plan has no place.");
  }

  @Test
  void the_api_is_described_by_openapi() {
    guichet
        .http()
        .get()
        .uri("/v3/api-docs")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.paths['/api/events/{eventId}/holds']")
        .exists();
  }

  /** The order's lifecycle events; its pricing events are checked by PricingScenarioIT. */
  private java.util.List<Object> lifecycleOf(String orderId) {
    return guichet.payloads(orderId).stream()
        .filter(OrderDomainEvent.class::isInstance)
        .map(Object.class::cast)
        .toList();
  }
}
