package fr.guichet.query.orders;

import fr.guichet.api.order.OrderStatus;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;
import reactor.core.publisher.Mono;

/** Orders over GraphQL, through the same query handlers as REST. */
@Controller
class OrdersGraphQl {

  private final QueryGateway queries;

  OrdersGraphQl(QueryGateway queries) {
    this.queries = queries;
  }

  @QueryMapping
  Mono<OrderView> order(@Argument String id) {
    return OrdersController.find(queries, id);
  }

  @QueryMapping
  Mono<OrderPage> orders(
      @Argument String customerId,
      @Argument String eventId,
      @Argument String placeId,
      @Argument OrderStatus status,
      @Argument Integer page,
      @Argument Integer size) {
    return OrdersController.search(
        queries,
        new FindOrdersQuery(
            customerId,
            eventId,
            placeId,
            status,
            page == null ? 0 : page,
            size == null ? 20 : size));
  }
}
