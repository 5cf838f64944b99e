package fr.guichet.query.catalog;

import fr.guichet.api.event.SalesState;
import fr.guichet.query.support.BadQueryException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;
import reactor.core.publisher.Mono;

/** The catalog over GraphQL, through the same query handlers as REST. */
@Controller
class CatalogGraphQl {

  private final QueryGateway queries;

  CatalogGraphQl(QueryGateway queries) {
    this.queries = queries;
  }

  @QueryMapping
  Mono<CatalogPage> catalog(
      @Argument String text,
      @Argument String from,
      @Argument String to,
      @Argument String venue,
      @Argument String category,
      @Argument Boolean available,
      @Argument List<SalesState> states,
      @Argument String sort,
      @Argument Integer page,
      @Argument Integer size) {
    SearchCatalogQuery query =
        new SearchCatalogQuery(
            text,
            instant("from", from),
            instant("to", to),
            venue,
            category,
            available,
            states,
            sort,
            page == null ? 0 : page,
            size == null ? SearchCatalogQuery.DEFAULT_PAGE_SIZE : size);
    return CatalogController.search(queries, query);
  }

  @QueryMapping
  Mono<CatalogEvent> event(@Argument String id) {
    return CatalogController.find(queries, id);
  }

  private static Instant instant(String name, String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return Instant.parse(value.trim());
    } catch (DateTimeParseException e) {
      throw new BadQueryException(
          "invalid-" + name, name + " must be an ISO-8601 instant such as 2027-03-14T20:00:00Z.");
    }
  }
}
