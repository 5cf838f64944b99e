package fr.guichet.query.setup;

import fr.guichet.query.support.NotFoundException;
import fr.guichet.query.support.Reader;
import java.util.List;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** Event configurations for the box office and the programming director. */
@RestController
@RequestMapping("/api/event-setups")
class EventSetupController {

  private final QueryGateway queries;

  EventSetupController(QueryGateway queries) {
    this.queries = queries;
  }

  /** Events at the given stages (all when none), soonest first, without their plans. */
  @GetMapping
  Mono<EventSetupPage> list(
      @RequestParam(required = false) List<SetupStage> stage,
      @RequestParam(defaultValue = "0") int page,
      @RequestParam(defaultValue = "50") int size,
      ServerHttpRequest request) {
    allow(request);
    ListEventSetupsQuery query = new ListEventSetupsQuery(stage, page, size);
    return Mono.fromFuture(() -> queries.query(query, EventSetupPage.class));
  }

  /** Drafts, plans and rejection reasons are the staff's business (403 for anyone else). */
  private static void allow(ServerHttpRequest request) {
    Reader reader = Reader.from(request.getHeaders());
    (reader == null ? Reader.ANONYMOUS : reader).requireStaff("Event configurations");
  }

  @GetMapping("/{eventId}")
  Mono<EventSetup> setup(@PathVariable String eventId, ServerHttpRequest request) {
    allow(request);
    return Mono.fromFuture(() -> queries.query(new FindEventSetupQuery(eventId), EventSetup.class))
        .switchIfEmpty(
            Mono.error(() -> new NotFoundException("unknown-event", "No event " + eventId + ".")));
  }
}
