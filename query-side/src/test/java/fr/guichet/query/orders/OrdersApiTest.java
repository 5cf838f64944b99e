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
import org.springframework.graphql.execution.ErrorType;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

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
                boxOffice()
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

  /** Who reads, as the command side's security filter names the signed-in account. */
  private static WebTestClient as(String actor, String role) {
    return app.http()
        .mutate()
        .defaultHeader("X-Actor-Id", actor)
        .defaultHeader("X-Actor-Role", role)
        .build();
  }

  private static WebTestClient boxOffice() {
    return as("box-office-1", "MANAGER");
  }

  @Test
  void an_order_is_private_to_its_buyer_and_the_staff() {
    as("carol", "SPECTATOR").get().uri("/api/orders/o-10").exchange().expectStatus().isOk();
    as("auditor-1", "AUDITOR").get().uri("/api/orders/o-10").exchange().expectStatus().isOk();
    as("dave", "SPECTATOR").get().uri("/api/orders/o-10").exchange().expectStatus().isNotFound();
    as("door-1", "DOOR").get().uri("/api/orders/o-10").exchange().expectStatus().isNotFound();
    app.http().get().uri("/api/orders/o-10").exchange().expectStatus().isNotFound();
    as("dave", "SPECTATOR")
        .get()
        .uri("/api/customers/carol/orders")
        .exchange()
        .expectStatus()
        .isNotFound();
    app.http().get().uri("/api/customers/carol/orders").exchange().expectStatus().isNotFound();
    as("dave", "SPECTATOR")
        .get()
        .uri("/api/orders?eventId=ev-o&placeId=ORCH-A-1")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.total")
        .isEqualTo(0);
  }

  @Test
  void graphql_hides_orders_from_anonymous_callers_and_other_buyers() {
    HttpGraphQlTester anonymous =
        HttpGraphQlTester.create(
            app.http().mutate().baseUrl("http://127.0.0.1:" + app.port() + "/graphql").build());
    anonymous
        .document("{ order(id: \"o-10\") { orderId } }")
        .execute()
        .errors()
        .expect(e -> e.getErrorType() == ErrorType.NOT_FOUND)
        .verify()
        .path("order")
        .valueIsNull();
    anonymous
        .document("{ orders(customerId: \"carol\") { total } }")
        .execute()
        .errors()
        .expect(e -> e.getErrorType() == ErrorType.NOT_FOUND)
        .verify();
    HttpGraphQlTester.create(
            as("dave", "SPECTATOR")
                .mutate()
                .baseUrl("http://127.0.0.1:" + app.port() + "/graphql")
                .build())
        .document("{ order(id: \"o-10\") { orderId } }")
        .execute()
        .errors()
        .expect(e -> e.getErrorType() == ErrorType.NOT_FOUND)
        .verify();
  }

  @Test
  void a_buyer_sees_their_orders_and_tickets() {
    as("carol", "SPECTATOR")
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
    boxOffice()
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
    boxOffice()
        .get()
        .uri("/api/orders/nope")
        .exchange()
        .expectStatus()
        .isNotFound()
        .expectHeader()
        .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
    boxOffice()
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
            as("carol", "SPECTATOR")
                .mutate()
                .baseUrl("http://127.0.0.1:" + app.port() + "/graphql")
                .build())
        .document("{ orders(customerId: \"carol\") { total items { orderId status tickets } } }")
        .execute()
        .path("orders.items[0].status")
        .entity(String.class)
        .isEqualTo("CONFIRMED");
  }
}
