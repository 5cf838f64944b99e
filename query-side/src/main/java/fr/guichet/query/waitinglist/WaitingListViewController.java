package fr.guichet.query.waitinglist;

import fr.guichet.query.support.NotFoundException;
import fr.guichet.query.support.Reader;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * A buyer's own place on an Event's waiting list, and the list in numbers for the staff (MANAGER,
 * DIRECTOR, AUDITOR, as the dashboards). Joining and leaving are commands (command side).
 */
@RestController
class WaitingListViewController {

  private final QueryGateway queries;

  WaitingListViewController(QueryGateway queries) {
    this.queries = queries;
  }

  /** The caller's place; 404 when they never joined this event's list. */
  @GetMapping("/api/events/{eventId}/waiting-list/me")
  Mono<WaitingListView> mine(@PathVariable String eventId, ServerHttpRequest request) {
    Reader reader = Reader.from(request.getHeaders());
    if (reader.anonymous()) {
      return Mono.error(notOnTheList(eventId));
    }
    return Mono.fromFuture(
            () ->
                queries.query(
                    new FindWaitingListPlaceQuery(eventId, reader.id()), WaitingListView.class))
        .switchIfEmpty(Mono.error(() -> notOnTheList(eventId)));
  }

  @GetMapping("/api/events/{eventId}/waiting-list")
  Mono<WaitingListSummary> summary(@PathVariable String eventId, ServerHttpRequest request) {
    Reader.from(request.getHeaders()).requireStaff("The waiting list");
    return Mono.fromFuture(
        () -> queries.query(new FindWaitingListSummaryQuery(eventId), WaitingListSummary.class));
  }

  private static NotFoundException notOnTheList(String eventId) {
    return new NotFoundException(
        "not-on-waiting-list", "You are not on the waiting list of event " + eventId + ".");
  }
}
