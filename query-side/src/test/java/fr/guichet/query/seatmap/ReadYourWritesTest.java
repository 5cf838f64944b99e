package fr.guichet.query.seatmap;

import static org.assertj.core.api.Assertions.assertThat;

import fr.guichet.api.event.EventDomainEvent.PlacesHeldEvent;
import fr.guichet.api.event.EventDomainEvent.SeatingPlanConfiguredEvent;
import fr.guichet.api.query.FindPlaceAvailabilityQuery;
import fr.guichet.api.query.PlaceAvailability;
import fr.guichet.api.query.PlaceState;
import fr.guichet.query.Plans;
import fr.guichet.query.QueryApp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.axonframework.queryhandling.QueryGateway;
import org.axonframework.queryhandling.SubscriptionQueryResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

/**
 * A buyer who just held places waits, through a subscription query, until the seat map shows them.
 */
class ReadYourWritesTest {

  private static QueryApp app;

  @BeforeAll
  static void start() {
    app = new QueryApp();
    app.append(
        "Event", "ev-ryw", 1, new SeatingPlanConfiguredEvent("ev-ryw", Plans.smallHall(), 24));
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  @Test
  void a_subscription_query_reports_the_hold_once_the_seat_map_has_it() {
    QueryGateway queries = app.bean(QueryGateway.class);
    org.awaitility.Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .ignoreExceptions()
        .until(
            () ->
                queries
                        .query(
                            new FindPlaceAvailabilityQuery("ev-ryw", List.of("ORCH-B-2")),
                            PlaceAvailability.class)
                        .join()
                    != null);
    SubscriptionQueryResult<PlaceAvailability, PlaceAvailability> result =
        queries.subscriptionQuery(
            new FindPlaceAvailabilityQuery("ev-ryw", List.of("ORCH-B-2")),
            PlaceAvailability.class,
            PlaceAvailability.class);
    try {
      assertThat(result.initialResult().block(Duration.ofSeconds(5)).states())
          .containsEntry("ORCH-B-2", PlaceState.FREE);
      app.append(
          "Event",
          "ev-ryw",
          2,
          new PlacesHeldEvent(
              "ev-ryw",
              "o-1",
              "c-1",
              List.of("ORCH-B-2"),
              Instant.parse("2026-11-26T16:00:00Z"),
              "d"));
      StepVerifier.create(result.updates())
          .assertNext(
              update -> {
                assertThat(update.version()).isEqualTo(2);
                assertThat(update.states()).containsEntry("ORCH-B-2", PlaceState.HELD);
              })
          .thenCancel()
          .verify(Duration.ofSeconds(5));
    } finally {
      result.close();
    }
  }
}
