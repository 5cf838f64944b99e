package fr.guichet.query.dashboard;

import fr.guichet.query.support.BadQueryException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SubscriptionMapping;
import org.springframework.stereotype.Controller;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Dashboards over GraphQL, through the same query handlers as REST. */
@Controller
class DashboardGraphQl {

  private final QueryGateway queries;
  private final DashboardFeed feed;

  DashboardGraphQl(QueryGateway queries, DashboardFeed feed) {
    this.queries = queries;
    this.feed = feed;
  }

  @QueryMapping
  Mono<EventDashboard> dashboard(@Argument String eventId) {
    return DashboardController.find(queries, eventId);
  }

  @QueryMapping
  Mono<SeasonTotals> season(@Argument String from, @Argument String to) {
    return DashboardController.season(queries, instant("from", from), instant("to", to));
  }

  @SubscriptionMapping
  Flux<EventDashboard> dashboardUpdates(@Argument String eventId) {
    return feed.updates(eventId);
  }

  private static Instant instant(String name, String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return Instant.parse(value.trim());
    } catch (DateTimeParseException e) {
      throw new BadQueryException("invalid-" + name, name + " must be an ISO-8601 instant.");
    }
  }
}
