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
import fr.guichet.api.event.EventDomainEvent.WaitingListExit;
import fr.guichet.api.event.EventDomainEvent.WaitingListJoinedEvent;
import fr.guichet.api.event.EventDomainEvent.WaitingListLeftEvent;
import fr.guichet.api.event.PlaceSelection;
import fr.guichet.api.order.OrderDomainEvent.OrderCancelledEvent;
import fr.guichet.api.order.OrderDomainEvent.OrderConfirmedEvent;
import fr.guichet.api.order.OrderDomainEvent.OrderCreatedEvent;
import fr.guichet.api.order.OrderDomainEvent.OrderPaidAfterExpiryEvent;
import fr.guichet.query.Plans;
import fr.guichet.query.QueryApp;
import fr.guichet.query.orders.FindOrderQuery;
import fr.guichet.query.orders.OrderView;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.queryhandling.QueryGateway;
import org.axonframework.queryhandling.SubscriptionQueryResult;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

/**
 * Every view rebuilt from the event history into fresh collections beside the live one: the live
 * view keeps serving everything and following new events meanwhile, the rebuild sends nothing to
 * anyone watching, the comparison with the live view shows no difference (and shows a live document
 * altered by hand), and after the switch the view serves the rebuilt generation and follows new
 * events. The tests run in order on one history.
 */
@TestMethodOrder(OrderAnnotation.class)
class RebuildTest {

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
          "Event",
          ev,
          5,
          new HeldPlacesSoldEvent(ev, "o1-" + ev, "c1", List.of("ORCH-A-1", "ORCH-A-2"), "p"));
      app.append("Order", "o1-" + ev, 1, new OrderConfirmedEvent("o1-" + ev, ev, "p"));
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
    app.append(
        "Event",
        "ev-w",
        0,
        new WaitingListJoinedEvent(
            "ev-w", "c4", "o4-ev-w", PlaceSelection.bestAvailable("OR", 2, false), "fr"));
    app.append(
        "Event",
        "ev-w",
        1,
        new WaitingListJoinedEvent(
            "ev-w", "c5", "o5-ev-w", PlaceSelection.standing("FOSSE", 1), "en"));
    app.append(
        "Event",
        "ev-w",
        2,
        new WaitingListLeftEvent("ev-w", "c5", "o5-ev-w", WaitingListExit.LEFT));
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () -> {
              assertThat(documents("dashboard_events_g1")).hasSize(2);
              assertThat(documents("dashboard_events_g1").get(1).getLong("version")).isEqualTo(8);
              assertThat(documents("seatmap_availability_g1").get(1).getLong("version"))
                  .isEqualTo(8);
              assertThat(documents("catalog_events_g1").get(1).getLong("version")).isEqualTo(8);
              assertThat(documents("event_setups_g1").get(1).getLong("version")).isEqualTo(8);
              assertThat(documents("orders_g1")).hasSize(4);
              assertThat(documents("waiting_list_g1")).hasSize(2);
              assertThat(documents("orders_g1"))
                  .allSatisfy(d -> assertThat(d.getLong("version")).isEqualTo(1));
            });
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  @Test
  @Order(1)
  void the_live_view_keeps_serving_everything_while_its_rebuild_waits_and_replays() {
    StreamingEventProcessor catalog = processor("catalog");
    // The rebuild never applies an event the live processor has not: with the processor paused,
    // it waits at the first events, and the live view still serves everything.
    catalog.shutDown();
    try {
      send("POST", "/api/views/catalog/rebuild", "MANAGER")
          .expectStatus()
          .isAccepted()
          .expectBody()
          .jsonPath("$.state")
          .isEqualTo("REPLAYING")
          .jsonPath("$.generation")
          .isEqualTo(2)
          .jsonPath("$.liveGeneration")
          .isEqualTo(1);
      await()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(
              () -> {
                Map<?, ?> progress = progress("catalog");
                assertThat(progress.get("waitingForLive")).isEqualTo(true);
                assertThat(progress.get("eventsApplied")).isEqualTo(0);
              });
      assertTheLiveCatalogServesBothEvents();
      assertThat(view("catalog"))
          .containsEntry("generation", 1)
          .containsEntry("rebuild", "REPLAYING");
    } finally {
      catalog.start();
    }
    awaitCaughtUp("catalog");
    Map<?, ?> progress = progress("catalog");
    assertThat(((Number) progress.get("eventsApplied")).longValue()).isEqualTo(18);
    assertThat(((Number) progress.get("eventsReplayed")).longValue()).isEqualTo(29);
    assertThat(progress.get("differences")).isEqualTo(0);
    assertThat(progress.get("position")).isEqualTo(progress.get("headPosition"));
    assertTheLiveCatalogServesBothEvents();
    assertThat(documents("catalog_events_g2")).isEqualTo(documents("catalog_events_g1"));
  }

  @Test
  @Order(2)
  void a_rebuild_sends_nothing_to_those_who_watch_the_live_view() {
    List<ServerSentEvent<Map<String, Object>>> seatChanges = new CopyOnWriteArrayList<>();
    List<ServerSentEvent<Map<String, Object>>> dashboards = new CopyOnWriteArrayList<>();
    List<OrderView> orderUpdates = new CopyOnWriteArrayList<>();
    WebClient client = WebClient.create("http://127.0.0.1:" + app.port());
    Disposable seatMap =
        client
            .get()
            .uri("/api/events/ev-a/availability/changes?fromVersion=8")
            .accept(MediaType.TEXT_EVENT_STREAM)
            .retrieve()
            .bodyToFlux(new ParameterizedTypeReference<ServerSentEvent<Map<String, Object>>>() {})
            .filter(sse -> sse.data() != null)
            .subscribe(seatChanges::add);
    Disposable dashboard =
        client
            .get()
            .uri("/api/dashboard/events/ev-a/stream")
            .header("X-Actor-Id", "director-1")
            .header("X-Actor-Role", "DIRECTOR")
            .accept(MediaType.TEXT_EVENT_STREAM)
            .retrieve()
            .bodyToFlux(new ParameterizedTypeReference<ServerSentEvent<Map<String, Object>>>() {})
            .filter(sse -> sse.data() != null)
            .subscribe(dashboards::add);
    SubscriptionQueryResult<OrderView, OrderView> order =
        app.bean(QueryGateway.class)
            .subscriptionQuery(new FindOrderQuery("o1-ev-a"), OrderView.class, OrderView.class);
    Disposable orderWatch = order.updates().subscribe(orderUpdates::add);
    try {
      await().atMost(Duration.ofSeconds(10)).until(() -> dashboards.size() == 1);
      assertThat(order.initialResult().block(Duration.ofSeconds(10))).isNotNull();
      // The watchers are live: a new event reaches each of them.
      app.append(
          "Event",
          "ev-a",
          9,
          new PlacesHeldEvent("ev-a", "o3-ev-a", "c3", List.of("BALC-A-2"), AT, "d"));
      app.append("Order", "o1-ev-a", 2, new OrderPaidAfterExpiryEvent("o1-ev-a", "ev-a", "late-1"));
      await().atMost(Duration.ofSeconds(10)).until(() -> seatChanges.size() == 1);
      await().atMost(Duration.ofSeconds(10)).until(() -> dashboards.size() == 2);
      await().atMost(Duration.ofSeconds(10)).until(() -> orderUpdates.size() == 1);

      // Rebuilt together: one reading of the history feeds the three.
      send("POST", "/api/views/rebuild?views=seat-map,dashboard,orders", "DIRECTOR")
          .expectStatus()
          .isAccepted()
          .expectBody()
          .jsonPath("$.length()")
          .isEqualTo(3)
          .jsonPath("$[0].view")
          .isEqualTo("seat-map")
          .jsonPath("$[0].generation")
          .isEqualTo(2);
      for (String view : List.of("seat-map", "dashboard", "orders")) {
        awaitCaughtUp(view);
        assertThat(((Number) progress(view).get("eventsApplied")).longValue()).isPositive();
      }
      assertThat(documents("seatmap_availability_g2"))
          .isEqualTo(documents("seatmap_availability_g1"));
      assertThat(documents("orders_g2")).isEqualTo(documents("orders_g1"));
      sleep(500);
      assertThat(seatChanges).as("seat-map changes sent during the rebuild").hasSize(1);
      assertThat(dashboards).as("dashboards sent during the rebuild").hasSize(2);
      assertThat(orderUpdates).as("order updates sent during the rebuild").hasSize(1);

      // Once caught up, the rebuild applies new events too, but they reach each watcher once:
      // from the live view alone.
      app.append(
          "Event", "ev-a", 10, new HoldReleasedEvent("ev-a", "o3-ev-a", "c3", List.of("BALC-A-2")));
      app.append("Order", "o1-ev-a", 3, new OrderPaidAfterExpiryEvent("o1-ev-a", "ev-a", "late-2"));
      await().atMost(Duration.ofSeconds(10)).until(() -> seatChanges.size() == 2);
      await().atMost(Duration.ofSeconds(10)).until(() -> dashboards.size() == 3);
      await().atMost(Duration.ofSeconds(10)).until(() -> orderUpdates.size() == 2);
      awaitCaughtUpTo("seat-map", "seatmap_availability", "ev-a", 10);
      awaitCaughtUpTo("orders", "orders", "o1-ev-a", 3);
      sleep(500);
      assertThat(seatChanges).hasSize(2);
      assertThat(seatChanges.get(1).data()).containsEntry("placeIds", List.of("BALC-A-2"));
      assertThat(dashboards).hasSize(3);
      assertThat(orderUpdates).hasSize(2);
    } finally {
      seatMap.dispose();
      dashboard.dispose();
      orderWatch.dispose();
      order.close();
    }
  }

  @Test
  @Order(3)
  void every_view_rebuilt_beside_the_live_one_shows_no_difference_while_sales_go_on() {
    // Views rebuilt together start only if each of them can: catalog is being rebuilt already.
    send("POST", "/api/views/rebuild?views=event-setup,catalog", "MANAGER")
        .expectStatus()
        .isEqualTo(409)
        .expectBody()
        .jsonPath("$.code")
        .isEqualTo("rebuild-running");
    send("POST", "/api/views/rebuild?views=event-setup,no-such-view", "MANAGER")
        .expectStatus()
        .isNotFound();
    send("POST", "/api/views/event-setup/rebuild", "MANAGER").expectStatus().isAccepted();
    send("POST", "/api/views/waiting-list/rebuild", "MANAGER").expectStatus().isAccepted();
    send("POST", "/api/views/catalog/rebuild", "MANAGER")
        .expectStatus()
        .isEqualTo(409)
        .expectBody()
        .jsonPath("$.code")
        .isEqualTo("rebuild-running");
    // Sales go on.
    app.append(
        "Event",
        "ev-b",
        9,
        new PlacesHeldEvent("ev-b", "o3-ev-b", "c3", List.of("ORCH-B-1"), AT, "d"));
    app.append(
        "Order",
        "o3-ev-b",
        0,
        new OrderCreatedEvent("o3-ev-b", "ev-b", "c3", List.of("ORCH-B-1"), AT));
    app.append(
        "Event",
        "ev-b",
        10,
        new HeldPlacesSoldEvent("ev-b", "o3-ev-b", "c3", List.of("ORCH-B-1"), "p3"));
    app.append("Order", "o3-ev-b", 1, new OrderConfirmedEvent("o3-ev-b", "ev-b", "p3"));
    for (String view : ViewRebuilder.VIEWS) {
      awaitCaughtUp(view);
    }
    awaitCaughtUpTo("catalog", "catalog_events", "ev-b", 10);
    awaitCaughtUpTo("orders", "orders", "o3-ev-b", 1);
    for (String view : ViewRebuilder.VIEWS) {
      Map<?, ?> report = comparison(view);
      assertThat(report.get("stage")).as(view).isEqualTo("shadow");
      assertThat(report.get("rebuilt")).as(view).isEqualTo(2);
      assertThat(report.get("reference")).as(view).isEqualTo(1);
      assertThat(report.get("differences")).as(view + ": " + report).isEqualTo(0);
      Map<?, ?> first = (Map<?, ?>) ((List<?>) report.get("collections")).get(0);
      assertThat(((Number) first.get("same")).longValue()).as(view + ": " + report).isPositive();
    }
    Map<?, ?> orders = (Map<?, ?>) ((List<?>) comparison("orders").get("collections")).get(0);
    assertThat(orders.get("same")).isEqualTo(5);
  }

  @Test
  @Order(4)
  void a_live_document_altered_by_hand_is_reported() {
    app.bean(ReactiveMongoTemplate.class)
        .getCollection("catalog_events_g1")
        .flatMap(
            c ->
                Mono.from(
                    c.updateOne(
                        new Document("_id", "ev-b"),
                        new Document("$set", new Document("title", "Tampered")))))
        .block();
    Map<?, ?> report = comparison("catalog");
    assertThat(report.get("differences")).isEqualTo(1);
    Map<?, ?> events = (Map<?, ?>) ((List<?>) report.get("collections")).get(0);
    assertThat(events.get("differingIds")).isEqualTo(List.of("ev-b"));
    assertThat(events.get("same")).isEqualTo(1);
  }

  @Test
  @Order(5)
  void after_the_switch_the_view_serves_the_rebuilt_generation_and_follows_new_events() {
    String seatsBefore = availability("ev-a");
    send("POST", "/api/views/catalog/switch", "AUDITOR").expectStatus().isForbidden();
    for (String view : ViewRebuilder.VIEWS) {
      send("POST", "/api/views/" + view + "/switch", "DIRECTOR")
          .expectStatus()
          .isOk()
          .expectBody()
          .jsonPath("$.state")
          .isEqualTo("SWITCHED")
          .jsonPath("$.liveGeneration")
          .isEqualTo(2);
      assertThat(view(view)).containsEntry("generation", 2).containsEntry("running", true);
    }
    // The rebuilt catalog does not have the altered title; everything else is as before.
    catalogEvent("ev-b").jsonPath("$.title").isEqualTo("Show ev-b").jsonPath("$.sold").isEqualTo(3);
    assertThat(availability("ev-a")).isEqualTo(seatsBefore);
    staff("/api/orders/o3-ev-b").jsonPath("$.status").isEqualTo("CONFIRMED");
    staff("/api/orders/o1-ev-a").jsonPath("$.latePayments[0]").isEqualTo("late-1");

    // New events go to the rebuilt generation, each applied once.
    app.append(
        "Event",
        "ev-b",
        11,
        new PlacesHeldEvent("ev-b", "o4-ev-b", "c4", List.of("BALC-A-3"), AT, "d"));
    app.append(
        "Order",
        "o4-ev-b",
        0,
        new OrderCreatedEvent("o4-ev-b", "ev-b", "c4", List.of("BALC-A-3"), AT));
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () -> {
              staff("/api/orders/o4-ev-b").jsonPath("$.status").isEqualTo("AWAITING_PAYMENT");
              catalogEvent("ev-b").jsonPath("$.held").isEqualTo(1).jsonPath("$.sold").isEqualTo(3);
              assertThat(availability("ev-b")).contains("H");
            });
    assertThat(documents("catalog_events_g2").get(1).getLong("version")).isEqualTo(11);
    assertThat(documents("catalog_events_g1").get(1).getLong("version")).isEqualTo(10);

    Map<?, ?> orders = comparison("orders");
    assertThat(orders.get("stage")).isEqualTo("switched");
    assertThat(orders.get("differences")).isEqualTo(0);
    Map<?, ?> ordersCollection = (Map<?, ?>) ((List<?>) orders.get("collections")).get(0);
    assertThat(ordersCollection.get("added")).isEqualTo(1);
    // The generation replaced still holds the altered document: the report says so.
    Map<?, ?> catalog = comparison("catalog");
    assertThat(catalog.get("stage")).isEqualTo("switched");
    Map<?, ?> catalogEvents = (Map<?, ?>) ((List<?>) catalog.get("collections")).get(0);
    assertThat(catalogEvents.get("advanced")).isEqualTo(1);
    assertThat(catalogEvents.get("same")).isEqualTo(1);
  }

  @Test
  @Order(6)
  void a_discarded_rebuild_leaves_the_live_view_as_it_was_and_drops_its_collections() {
    send("POST", "/api/views/event-setup/rebuild", "MANAGER")
        .expectStatus()
        .isAccepted()
        .expectBody()
        .jsonPath("$.generation")
        .isEqualTo(3);
    awaitCaughtUp("event-setup");
    assertThat(collections()).contains("event_setups_g3");
    send("DELETE", "/api/views/event-setup/rebuild", "AUDITOR").expectStatus().isForbidden();
    send("DELETE", "/api/views/event-setup/rebuild", "MANAGER")
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.state")
        .isEqualTo("DISCARDED");
    assertThat(collections()).doesNotContain("event_setups_g3").contains("event_setups_g2");
    assertThat(view("event-setup"))
        .containsEntry("generation", 2)
        .containsEntry("rebuild", "DISCARDED");
    send("DELETE", "/api/views/event-setup/rebuild", "MANAGER").expectStatus().isNotFound();
    send("POST", "/api/views/event-setup/switch", "MANAGER")
        .expectStatus()
        .isEqualTo(409)
        .expectBody()
        .jsonPath("$.code")
        .isEqualTo("rebuild-not-caught-up");
    assertThat(comparison("event-setup").get("stage")).isEqualTo("switched");
  }

  @Test
  void rebuilding_needs_a_manager_or_director_and_a_known_view_and_auditors_may_follow_it() {
    send("POST", "/api/views/catalog/rebuild", null).expectStatus().isForbidden();
    send("POST", "/api/views/catalog/rebuild", "AUDITOR").expectStatus().isForbidden();
    send("POST", "/api/views/rebuild", "AUDITOR").expectStatus().isForbidden();
    send("POST", "/api/views/catalog/switch", "SPECTATOR").expectStatus().isForbidden();
    send("GET", "/api/views/catalog/comparison", "SPECTATOR").expectStatus().isForbidden();
    send("GET", "/api/views/catalog/rebuild", "DOOR").expectStatus().isForbidden();
    send("POST", "/api/views/nope/rebuild", "DIRECTOR").expectStatus().isNotFound();
    send("GET", "/api/views/nope/rebuild", "AUDITOR").expectStatus().isNotFound();
    send("POST", "/api/views/nope/switch", "MANAGER").expectStatus().isNotFound();
  }

  private static void assertTheLiveCatalogServesBothEvents() {
    catalogEvent("ev-a").jsonPath("$.title").isEqualTo("Show ev-a").jsonPath("$.sold").isEqualTo(2);
    catalogEvent("ev-b").jsonPath("$.title").isEqualTo("Show ev-b").jsonPath("$.sold").isEqualTo(2);
    app.http()
        .get()
        .uri("/api/events")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.total")
        .isEqualTo(2);
  }

  private static org.springframework.test.web.reactive.server.WebTestClient.BodyContentSpec
      catalogEvent(String eventId) {
    return app.http()
        .get()
        .uri("/api/events/{id}", eventId)
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody();
  }

  private static org.springframework.test.web.reactive.server.WebTestClient.BodyContentSpec staff(
      String uri) {
    return app.http()
        .get()
        .uri(uri)
        .header("X-Actor-Id", "manager-1")
        .header("X-Actor-Role", "MANAGER")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody();
  }

  private static org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec send(
      String method, String uri, String role) {
    var request = app.http().method(org.springframework.http.HttpMethod.valueOf(method)).uri(uri);
    if (role != null) {
      request =
          request.header("X-Actor-Id", role.toLowerCase() + "-1").header("X-Actor-Role", role);
    }
    return request.exchange();
  }

  private static Map<?, ?> progress(String view) {
    return send("GET", "/api/views/" + view + "/rebuild", "AUDITOR")
        .expectStatus()
        .isOk()
        .expectBody(Map.class)
        .returnResult()
        .getResponseBody();
  }

  private static Map<?, ?> comparison(String view) {
    return send("GET", "/api/views/" + view + "/comparison", "AUDITOR")
        .expectStatus()
        .isOk()
        .expectBody(Map.class)
        .returnResult()
        .getResponseBody();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> view(String view) {
    return send("GET", "/api/views", "AUDITOR")
        .expectStatus()
        .isOk()
        .expectBodyList(Map.class)
        .returnResult()
        .getResponseBody()
        .stream()
        .filter(v -> view.equals(v.get("view")))
        .map(v -> (Map<String, Object>) v)
        .findFirst()
        .orElseThrow();
  }

  private static void awaitCaughtUp(String view) {
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(() -> assertThat(progress(view).get("state")).isEqualTo("CAUGHT_UP"));
  }

  /** Waits until both generations of a view hold document {@code id} at {@code version}. */
  private static void awaitCaughtUpTo(String view, String base, String id, long version) {
    await()
        .atMost(Duration.ofSeconds(15))
        .untilAsserted(
            () -> {
              for (String collection : List.of(base + "_g1", base + "_g2")) {
                assertThat(
                        documents(collection).stream()
                            .filter(d -> id.equals(d.get("_id")))
                            .map(d -> d.getLong("version"))
                            .toList())
                    .as(view + " " + collection)
                    .containsExactly(version);
              }
            });
  }

  private static String availability(String eventId) {
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

  private static List<String> collections() {
    return app.bean(ReactiveMongoTemplate.class).getCollectionNames().collectList().block();
  }

  private static StreamingEventProcessor processor(String name) {
    return app.bean(EventProcessingConfiguration.class)
        .eventProcessor(name, StreamingEventProcessor.class)
        .orElseThrow();
  }

  static List<Document> documents(String collection) {
    return app.bean(ReactiveMongoTemplate.class)
        .findAll(Document.class, collection)
        .collectSortedList((a, b) -> a.getString("_id").compareTo(b.getString("_id")))
        .block();
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
