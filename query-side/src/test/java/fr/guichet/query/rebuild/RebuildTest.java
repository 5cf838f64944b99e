package fr.guichet.query.rebuild;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fr.guichet.api.event.EventDomainEvent.EventCreatedEvent;
import fr.guichet.api.event.EventDomainEvent.HeldPlacesSoldEvent;
import fr.guichet.api.event.EventDomainEvent.HoldReleasedEvent;
import fr.guichet.api.event.EventDomainEvent.PlacesBlockedEvent;
import fr.guichet.api.event.EventDomainEvent.PlacesHeldEvent;
import fr.guichet.api.event.EventDomainEvent.SalesApprovedEvent;
import fr.guichet.api.event.EventDomainEvent.SalesOpenedEvent;
import fr.guichet.api.event.EventDomainEvent.SeatingPlanConfiguredEvent;
import fr.guichet.api.order.OrderDomainEvent.OrderCancelledEvent;
import fr.guichet.api.order.OrderDomainEvent.OrderConfirmedEvent;
import fr.guichet.api.order.OrderDomainEvent.OrderCreatedEvent;
import fr.guichet.api.order.OrderPricingEvent.OrderPricedEvent;
import fr.guichet.api.order.OrderPricingEvent.Reason;
import fr.guichet.api.order.PricedTicket;
import fr.guichet.api.order.PricingContext;
import fr.guichet.api.order.RateChoice.Rate;
import fr.guichet.query.Plans;
import fr.guichet.query.QueryApp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import reactor.core.publisher.Mono;

/** A view rebuilt from the event history into fresh collections equals the live one. */
class RebuildTest {

  private static final Map<String, List<String>> COLLECTIONS =
      Map.of(
          "seat-map", List.of("seatmap_layouts", "seatmap_availability"),
          "catalog", List.of("catalog_events"),
          "orders", List.of("orders", "orders_events"),
          "dashboard", List.of("dashboard_events", "dashboard_order_prices"),
          "event-setup", List.of("event_setups"));
  private static final Instant AT = Instant.parse("2026-11-26T15:00:00Z");
  private static QueryApp app;

  @BeforeAll
  static void start() {
    app = new QueryApp();
    for (String ev : List.of("ev-a", "ev-b")) {
      app.append(
          "Event",
          ev,
          0,
          new EventCreatedEvent(
              ev, "Show " + ev, "Garnier", Instant.parse("2027-01-01T20:00:00Z"), ""));
      app.append("Event", ev, 1, new SeatingPlanConfiguredEvent(ev, Plans.smallHall(), 24));
      app.append("Event", ev, 2, new SalesApprovedEvent(ev));
      app.append("Event", ev, 3, new SalesOpenedEvent(ev));
      app.append(
          "Event",
          ev,
          4,
          new PlacesHeldEvent(ev, "o1-" + ev, "c1", List.of("ORCH-A-1", "ORCH-A-2"), AT, "d"));
      app.append(
          "Order",
          "o1-" + ev,
          0,
          new OrderCreatedEvent("o1-" + ev, ev, "c1", List.of("ORCH-A-1", "ORCH-A-2"), AT));
      app.append(
          "Order",
          "o1-" + ev,
          1,
          priced("o1-" + ev, ev, ticket("ORCH-A-1", 0), ticket("ORCH-A-2", 0)));
      app.append(
          "Order",
          "o1-" + ev,
          2,
          priced("o1-" + ev, ev, ticket("ORCH-A-1", 1600), ticket("ORCH-A-2", 0)));
      app.append(
          "Event",
          ev,
          5,
          new HeldPlacesSoldEvent(ev, "o1-" + ev, "c1", List.of("ORCH-A-1", "ORCH-A-2"), "p"));
      app.append("Order", "o1-" + ev, 3, new OrderConfirmedEvent("o1-" + ev, ev, "p"));
      app.append(
          "Event", ev, 6, new PlacesHeldEvent(ev, "o2-" + ev, "c2", List.of("FOSSE-1"), AT, "d"));
      app.append(
          "Order",
          "o2-" + ev,
          0,
          new OrderCreatedEvent("o2-" + ev, ev, "c2", List.of("FOSSE-1"), AT));
      app.append("Event", ev, 7, new HoldReleasedEvent(ev, "o2-" + ev, "c2", List.of("FOSSE-1")));
      app.append("Order", "o2-" + ev, 1, new OrderCancelledEvent("o2-" + ev, ev));
      app.append("Event", ev, 8, new PlacesBlockedEvent(ev, List.of("BALC-A-1"), "camera"));
    }
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () -> {
              assertThat(documents("dashboard_events_g1")).hasSize(2);
              assertThat(documents("dashboard_events_g1").get(1).getLong("version")).isEqualTo(8);
              assertThat(documents("dashboard_events_g1"))
                  .as("paid: 80 € and 64 € at the student rate")
                  .allSatisfy(d -> assertThat(d.getLong("revenueCents")).isEqualTo(14_400));
              assertThat(documents("seatmap_availability_g1").get(1).getLong("version"))
                  .isEqualTo(8);
              assertThat(documents("catalog_events_g1").get(1).getLong("version")).isEqualTo(8);
              assertThat(documents("orders_g1")).hasSize(4);
              assertThat(documents("orders_g1"))
                  .allSatisfy(
                      d ->
                          assertThat(d.getLong("version"))
                              .isEqualTo(d.getString("_id").startsWith("o1-") ? 3 : 1));
            });
  }

  /** A "Carré Or" ticket (80 €) with {@code discountCents} taken off by the student rate. */
  private static PricedTicket ticket(String placeId, long discountCents) {
    return new PricedTicket(
        placeId,
        "CARRE_OR",
        discountCents == 0 ? Rate.FULL : Rate.STUDENT,
        null,
        null,
        "FULL",
        8000,
        "full-price",
        discountCents == 0 ? List.of() : List.of("student-discount"),
        discountCents == 0 ? 0 : 20,
        discountCents,
        8000 - discountCents,
        List.of());
  }

  private static OrderPricedEvent priced(String orderId, String eventId, PricedTicket... tickets) {
    return new OrderPricedEvent(
        orderId,
        eventId,
        Reason.RATES_CHOSEN,
        "rules",
        1,
        "hash",
        List.of(tickets),
        List.of(tickets).stream().mapToLong(PricedTicket::finalCents).sum(),
        new PricingContext(AT, AT, Map.of(), List.of()));
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  static List<Document> documents(String collection) {
    return app.bean(ReactiveMongoTemplate.class)
        .findAll(Document.class, collection)
        .collectSortedList((a, b) -> a.getString("_id").compareTo(b.getString("_id")))
        .block();
  }

  @Test
  void every_rebuilt_view_equals_the_live_one() {
    String liveSnapshot = snapshot("ev-a");
    for (String view : ViewRebuilder.VIEWS) {
      app.http()
          .post()
          .uri("/api/views/{view}/rebuild", view)
          .header("X-Actor-Role", "MANAGER")
          .exchange()
          .expectStatus()
          .isAccepted()
          .expectBody()
          .jsonPath("$.generation")
          .isEqualTo(2);
    }
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                COLLECTIONS.forEach(
                    (view, bases) ->
                        bases.forEach(
                            base ->
                                assertThat(documents(base + "_g2"))
                                    .as(view + " " + base)
                                    .isNotEmpty()
                                    .isEqualTo(documents(base + "_g1")))));
    assertThat(snapshot("ev-a")).isEqualTo(liveSnapshot);
    for (String view : ViewRebuilder.VIEWS) {
      app.http()
          .get()
          .uri("/api/views/{view}/comparison", view)
          .header("X-Actor-Role", "AUDITOR")
          .exchange()
          .expectStatus()
          .isOk()
          .expectBody()
          .jsonPath("$.rebuilt")
          .isEqualTo(2)
          .jsonPath("$.replaced")
          .isEqualTo(1)
          .jsonPath("$.differences")
          .isEqualTo(0)
          .jsonPath("$.collections[0].same")
          .value(same -> assertThat(((Number) same).longValue()).as(view).isPositive());
    }
    // A document that the rebuild would not have produced is reported, by id.
    app.bean(ReactiveMongoTemplate.class)
        .getCollection("catalog_events_g1")
        .flatMap(
            c ->
                Mono.from(
                    c.updateOne(
                        new Document("_id", "ev-b"),
                        new Document("$set", new Document("title", "Tampered")))))
        .block();
    app.http()
        .get()
        .uri("/api/views/catalog/comparison")
        .header("X-Actor-Role", "MANAGER")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.differences")
        .isEqualTo(1)
        .jsonPath("$.collections[0].differingIds")
        .isEqualTo(List.of("ev-b"))
        .jsonPath("$.collections[0].same")
        .isEqualTo(1);
    app.http()
        .get()
        .uri("/api/views")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$[0].generation")
        .isEqualTo(2);
  }

  @Test
  void rebuilding_needs_a_manager_and_a_known_view() {
    app.http().post().uri("/api/views/catalog/rebuild").exchange().expectStatus().isForbidden();
    app.http()
        .get()
        .uri("/api/views/catalog/comparison")
        .header("X-Actor-Role", "SPECTATOR")
        .exchange()
        .expectStatus()
        .isForbidden();
    app.http()
        .post()
        .uri("/api/views/nope/rebuild")
        .header("X-Actor-Role", "DIRECTOR")
        .exchange()
        .expectStatus()
        .isNotFound();
  }

  private static String snapshot(String eventId) {
    return app.http()
        .get()
        .uri("/api/events/{id}/availability", eventId)
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody(Map.class)
        .returnResult()
        .getResponseBody()
        .get("states")
        .toString();
  }
}
