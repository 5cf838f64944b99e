package fr.guichet.command.audit;

import fr.guichet.api.rejection.CommandRejectedException;
import fr.guichet.api.rejection.Rejection;
import fr.guichet.command.audit.SeatingReplay.PlaceAtTime;
import fr.guichet.command.audit.SeatingReplay.PlaceState;
import fr.guichet.command.web.Actor;
import fr.guichet.command.web.Actor.Role;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.json.JsonMapper;

/** The auditor's reading of the history: streams, searches, exports and seating at an instant. */
@RestController
@RequestMapping("/api/audit")
@Tag(name = "Audit", description = "Read and replay the full event history")
class AuditController {

  static final int MAX_PAGE = 1000;
  private final AuditTrail trail;
  private final JsonMapper json;

  AuditController(AuditTrail trail, JsonMapper json) {
    this.trail = trail;
    this.json = json;
  }

  record EventPage(List<AuditedEvent> events, Long next) {}

  record SeatingAtTime(
      String eventId,
      Instant at,
      long lastSequence,
      Map<PlaceState, Integer> counts,
      List<PlaceAtTime> places) {}

  @GetMapping("/aggregates/{aggregateId}/events")
  @Operation(summary = "Every event of one aggregate (event, order, rule set), in order")
  Mono<List<AuditedEvent>> aggregate(@PathVariable String aggregateId, ServerHttpRequest request) {
    reader(request);
    return blocking(() -> trail.aggregate(aggregateId))
        .doOnNext(
            events -> {
              if (events.isEmpty()) {
                throw new CommandRejectedException(
                    Rejection.notFound("unknown-aggregate", "No history for " + aggregateId + "."));
              }
            });
  }

  @GetMapping("/events")
  @Operation(summary = "The global stream, filtered by type, time range and actor; paged by index")
  Mono<EventPage> search(
      @RequestParam(required = false) String type,
      @RequestParam(required = false) Instant from,
      @RequestParam(required = false) Instant to,
      @RequestParam(required = false) String actor,
      @RequestParam(required = false) Long after,
      @RequestParam(defaultValue = "100") int limit,
      ServerHttpRequest request) {
    reader(request);
    if (limit < 1 || limit > MAX_PAGE) {
      throw new CommandRejectedException(
          Rejection.invalid("limit", "limit must be between 1 and " + MAX_PAGE + "."));
    }
    AuditTrail.Filter filter = new AuditTrail.Filter(type, from, to, actor, after);
    return blocking(() -> trail.search(filter, limit))
        .map(
            events ->
                new EventPage(
                    events,
                    events.size() == limit ? events.get(events.size() - 1).globalIndex() : null));
  }

  @GetMapping(value = "/events/export", produces = "application/x-ndjson")
  @Operation(summary = "Export the matching stream as JSON Lines")
  Flux<String> export(
      @RequestParam(required = false) String type,
      @RequestParam(required = false) Instant from,
      @RequestParam(required = false) Instant to,
      @RequestParam(required = false) String actor,
      ServerHttpRequest request) {
    reader(request);
    AuditTrail.Filter filter = new AuditTrail.Filter(type, from, to, actor, null);
    return Flux.<AuditedEvent>create(
            sink -> {
              trail.export(filter, sink::next);
              sink.complete();
            })
        .subscribeOn(Schedulers.boundedElastic())
        .map(event -> json.writeValueAsString(event) + "\n");
  }

  @GetMapping("/performances/{eventId}/seating")
  @Operation(summary = "Who held or bought which place of an event at a given instant")
  Mono<SeatingAtTime> seating(
      @PathVariable String eventId,
      @RequestParam(required = false) Instant at,
      ServerHttpRequest request) {
    reader(request);
    Instant instant = at == null ? Instant.now() : at;
    return blocking(() -> trail.domainHistory(eventId))
        .map(
            history -> {
              if (history.isEmpty()) {
                throw new CommandRejectedException(
                    Rejection.notFound("unknown-event", "No event " + eventId + "."));
              }
              SeatingReplay replay = SeatingReplay.until(history, instant);
              Map<PlaceState, Integer> counts = new EnumMap<>(PlaceState.class);
              for (PlaceState state : PlaceState.values()) {
                counts.put(state, replay.count(state));
              }
              return new SeatingAtTime(
                  eventId, instant, replay.lastSequence(), counts, replay.places());
            });
  }

  private static void reader(ServerHttpRequest request) {
    Actor.from(request).require(Role.AUDITOR, Role.DIRECTOR, Role.MANAGER);
  }

  private static <T> Mono<T> blocking(java.util.concurrent.Callable<T> read) {
    return Mono.fromCallable(read).subscribeOn(Schedulers.boundedElastic());
  }
}
