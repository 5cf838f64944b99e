package fr.guichet.query.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fr.guichet.api.event.EventDomainEvent.EventCreatedEvent;
import fr.guichet.api.event.EventDomainEvent.PlacesHeldEvent;
import fr.guichet.api.event.EventDomainEvent.SalesApprovedEvent;
import fr.guichet.api.event.EventDomainEvent.SalesOpenedEvent;
import fr.guichet.api.event.EventDomainEvent.SeatingPlanConfiguredEvent;
import fr.guichet.query.Plans;
import fr.guichet.query.QueryApp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.http.MediaType;

class CatalogApiTest {

  private static QueryApp app;

  @BeforeAll
  static void start() {
    app = new QueryApp();
    app.append(
        "Event",
        "carmen",
        0,
        new EventCreatedEvent(
            "carmen", "Carmen", "Opéra Garnier", Instant.parse("2027-03-14T20:00:00Z"), "Bizet"));
    app.append(
        "Event", "carmen", 1, new SeatingPlanConfiguredEvent("carmen", Plans.smallHall(), 24));
    app.append("Event", "carmen", 2, new SalesApprovedEvent("carmen"));
    app.append("Event", "carmen", 3, new SalesOpenedEvent("carmen"));
    app.append(
        "Event",
        "carmen",
        4,
        new PlacesHeldEvent(
            "carmen",
            "o-1",
            "c-1",
            List.of("ORCH-A-1"),
            Instant.parse("2026-11-26T15:00:00Z"),
            "d"));
    app.append(
        "Event",
        "tosca",
        0,
        new EventCreatedEvent(
            "tosca", "Tosca", "Bastille", Instant.parse("2027-05-01T19:30:00Z"), "Puccini"));
    app.append("Event", "tosca", 1, new SalesApprovedEvent("tosca"));
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                app.http()
                    .get()
                    .uri("/api/events/carmen")
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody()
                    .jsonPath("$.held")
                    .isEqualTo(1));
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  @Test
  void lists_public_events_sorted_and_paginated() {
    app.http()
        .get()
        .uri("/api/events?sort=-startsAt&size=1")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.total")
        .isEqualTo(2)
        .jsonPath("$.items[0].eventId")
        .isEqualTo("tosca");
  }

  @Test
  void filters_by_text_category_and_availability() {
    app.http()
        .get()
        .uri("/api/events?q=bizet&category=CARRE_OR&available=true")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.items.length()")
        .isEqualTo(1)
        .jsonPath("$.items[0].categories[0].held")
        .isEqualTo(1)
        .jsonPath("$.items[0].categories[0].free")
        .isEqualTo(9);
  }

  @Test
  void a_page_size_over_the_maximum_is_a_400_problem() {
    app.http()
        .get()
        .uri("/api/events?size=500")
        .exchange()
        .expectStatus()
        .isBadRequest()
        .expectHeader()
        .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
        .expectBody()
        .jsonPath("$.code")
        .isEqualTo("invalid-page-size");
  }

  @Test
  void a_malformed_date_filter_is_a_400_problem() {
    app.http()
        .get()
        .uri("/api/events?from=yesterday")
        .exchange()
        .expectStatus()
        .isBadRequest()
        .expectHeader()
        .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
  }

  @Test
  void an_unknown_event_is_a_404_problem() {
    app.http()
        .get()
        .uri("/api/events/nope")
        .exchange()
        .expectStatus()
        .isNotFound()
        .expectBody()
        .jsonPath("$.code")
        .isEqualTo("unknown-event");
  }

  @Test
  void graphql_serves_the_same_catalog_and_seat_map() {
    HttpGraphQlTester graphQl =
        HttpGraphQlTester.create(
            app.http().mutate().baseUrl("http://127.0.0.1:" + app.port() + "/graphql").build());
    graphQl
        .document(
            """
            { catalog(text: "bizet") { total items { eventId free categories { code held } } }
              seatMap(eventId: "carmen") { placeCount sections { code rows { label seats { id x y } } } }
              availability(eventId: "carmen") { version states held } }
            """)
        .execute()
        .path("catalog.total")
        .entity(Integer.class)
        .isEqualTo(1)
        .path("catalog.items[0].categories[0].held")
        .entity(Integer.class)
        .isEqualTo(1)
        .path("seatMap.placeCount")
        .entity(Integer.class)
        .isEqualTo(24)
        .path("seatMap.sections[0].rows[0].seats[0].id")
        .entity(String.class)
        .isEqualTo("ORCH-A-1")
        .path("availability.held")
        .entity(Integer.class)
        .isEqualTo(1);
  }

  @Test
  void graphql_reports_unknown_ids_and_bad_filters_as_errors() {
    HttpGraphQlTester graphQl =
        HttpGraphQlTester.create(
            app.http().mutate().baseUrl("http://127.0.0.1:" + app.port() + "/graphql").build());
    graphQl
        .document("{ event(id: \"nope\") { title } }")
        .execute()
        .errors()
        .satisfy(
            errors ->
                assertThat(errors)
                    .singleElement()
                    .satisfies(
                        e -> assertThat(e.getErrorType().toString()).isEqualTo("NOT_FOUND")));
    graphQl
        .document("{ catalog(size: 1000) { total } }")
        .execute()
        .errors()
        .satisfy(
            errors ->
                assertThat(errors)
                    .singleElement()
                    .satisfies(e -> assertThat(e.getMessage()).contains("100")));
  }

  @Test
  void malformed_graphql_is_a_400() {
    app.http()
        .post()
        .uri("/graphql")
        .contentType(MediaType.APPLICATION_JSON)
        .accept(MediaType.parseMediaType("application/graphql-response+json"))
        .bodyValue("{\"query\": \"{ catalog( \"}")
        .exchange()
        .expectStatus()
        .isBadRequest();
  }
}
