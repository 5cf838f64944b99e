package fr.guichet.query.orders;

import static org.awaitility.Awaitility.await;

import fr.guichet.api.event.EventDomainEvent.EventCreatedEvent;
import fr.guichet.api.order.OrderDomainEvent.OrderConfirmedEvent;
import fr.guichet.api.order.OrderDomainEvent.OrderCreatedEvent;
import fr.guichet.query.QueryApp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.http.MediaType;

class OrdersApiTest {

  private static QueryApp app;

  @BeforeAll
  static void start() {
    app = new QueryApp();
    app.append(
        "Event",
        "ev-o",
        0,
        new EventCreatedEvent(
            "ev-o", "Nabucco", "Bastille", Instant.parse("2027-02-01T20:00:00Z"), ""));
    app.append(
        "Order",
        "o-10",
        0,
        new OrderCreatedEvent(
            "o-10", "ev-o", "carol", List.of("ORCH-A-1"), Instant.parse("2026-11-26T15:10:00Z")));
    app.append("Order", "o-10", 1, new OrderConfirmedEvent("o-10", "ev-o", "pay-10"));
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                app.http()
                    .get()
                    .uri("/api/orders/o-10")
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody()
                    .jsonPath("$.status")
                    .isEqualTo("CONFIRMED"));
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  @Test
  void a_buyer_sees_their_orders_and_tickets() {
    app.http()
        .get()
        .uri("/api/customers/carol/orders")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.total")
        .isEqualTo(1)
        .jsonPath("$.items[0].eventTitle")
        .isEqualTo("Nabucco")
        .jsonPath("$.items[0].tickets[0]")
        .isEqualTo("ORCH-A-1");
  }

  @Test
  void the_box_office_finds_the_order_holding_a_place() {
    app.http()
        .get()
        .uri("/api/orders?eventId=ev-o&placeId=ORCH-A-1")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.items[0].orderId")
        .isEqualTo("o-10");
  }

  @Test
  void unknown_orders_are_404_and_unbounded_searches_400() {
    app.http()
        .get()
        .uri("/api/orders/nope")
        .exchange()
        .expectStatus()
        .isNotFound()
        .expectHeader()
        .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
    app.http()
        .get()
        .uri("/api/orders")
        .exchange()
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.code")
        .isEqualTo("missing-filter");
  }

  @Test
  void graphql_serves_the_same_orders() {
    HttpGraphQlTester.create(
            app.http().mutate().baseUrl("http://127.0.0.1:" + app.port() + "/graphql").build())
        .document("{ orders(customerId: \"carol\") { total items { orderId status tickets } } }")
        .execute()
        .path("orders.items[0].status")
        .entity(String.class)
        .isEqualTo("CONFIRMED");
  }
}
