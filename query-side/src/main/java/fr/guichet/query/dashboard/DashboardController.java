package fr.guichet.query.dashboard;

import fr.guichet.query.support.NotFoundException;
import java.time.Duration;
import java.time.Instant;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.Disposable;
import reactor.core.publisher.ConnectableFlux;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Sales dashboards for the director: one event, its live updates, and season totals. */
@RestController
@RequestMapping("/api/dashboard")
class DashboardController {

  private final QueryGateway queries;
  private final DashboardFeed feed;

  DashboardController(QueryGateway queries, DashboardFeed feed) {
    this.queries = queries;
    this.feed = feed;
  }

  @GetMapping("/events/{eventId}")
  Mono<EventDashboard> event(@PathVariable String eventId) {
    return find(queries, eventId);
  }

  /** The current dashboard, then a new one at each change (SSE, event name {@code dashboard}). */
  @GetMapping(path = "/events/{eventId}/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
  Flux<ServerSentEvent<EventDashboard>> stream(@PathVariable String eventId) {
    ConnectableFlux<EventDashboard> updates = feed.updates(eventId).replay(16);
    Disposable connection = updates.connect();
    return find(queries, eventId)
        .flatMapMany(
            current ->
                Flux.concat(
                    Mono.just(current), updates.filter(d -> d.version() > current.version())))
        .doFinally(signal -> connection.dispose())
        .map(d -> ServerSentEvent.builder(d).event("dashboard").build())
        .mergeWith(
            Flux.interval(Duration.ofSeconds(15))
                .map(tick -> ServerSentEvent.<EventDashboard>builder().comment("").build()));
  }

  @GetMapping("/season")
  Mono<SeasonTotals> season(
      @RequestParam(required = false) Instant from, @RequestParam(required = false) Instant to) {
    return season(queries, from, to);
  }

  static Mono<EventDashboard> find(QueryGateway queries, String eventId) {
    return Mono.fromFuture(
            () -> queries.query(new FindEventDashboardQuery(eventId), EventDashboard.class))
        .switchIfEmpty(
            Mono.error(
                () ->
                    new NotFoundException(
                        "unknown-event", "No dashboard for event " + eventId + ".")));
  }

  static Mono<SeasonTotals> season(QueryGateway queries, Instant from, Instant to) {
    return Mono.fromFuture(
        () -> queries.query(new FindSeasonTotalsQuery(from, to), SeasonTotals.class));
  }
}
