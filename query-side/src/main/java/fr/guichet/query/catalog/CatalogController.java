package fr.guichet.query.catalog;

import fr.guichet.api.event.SalesState;
import fr.guichet.query.support.NotFoundException;
import java.time.Instant;
import java.util.List;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** The public catalog: search, filter, sort and page through events, or read one. */
@RestController
@RequestMapping("/api/events")
class CatalogController {

  private final QueryGateway queries;

  CatalogController(QueryGateway queries) {
    this.queries = queries;
  }

  /**
   * Events on sale and upcoming (approved, on sale or paused) unless {@code state} says otherwise.
   * {@code available=true} keeps events (or the {@code category}) with free places, {@code false}
   * the sold-out ones.
   */
  @GetMapping
  Mono<CatalogPage> search(
      @RequestParam(required = false) String q,
      @RequestParam(required = false) Instant from,
      @RequestParam(required = false) Instant to,
      @RequestParam(required = false) String venue,
      @RequestParam(required = false) String category,
      @RequestParam(required = false) Boolean available,
      @RequestParam(required = false) List<SalesState> state,
      @RequestParam(required = false) String sort,
      @RequestParam(defaultValue = "0") int page,
      @RequestParam(defaultValue = "" + SearchCatalogQuery.DEFAULT_PAGE_SIZE) int size) {
    SearchCatalogQuery query =
        new SearchCatalogQuery(q, from, to, venue, category, available, state, sort, page, size);
    return search(queries, query);
  }

  @GetMapping("/{eventId}")
  Mono<CatalogEvent> event(@PathVariable String eventId) {
    return find(queries, eventId);
  }

  static Mono<CatalogPage> search(QueryGateway queries, SearchCatalogQuery query) {
    return Mono.fromFuture(() -> queries.query(query, CatalogPage.class));
  }

  static Mono<CatalogEvent> find(QueryGateway queries, String eventId) {
    return Mono.fromFuture(
            () -> queries.query(new FindCatalogEventQuery(eventId), CatalogEvent.class))
        .switchIfEmpty(
            Mono.error(
                () ->
                    new NotFoundException(
                        "unknown-event", "No event " + eventId + " in the catalog.")));
  }
}
