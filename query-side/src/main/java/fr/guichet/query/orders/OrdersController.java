package fr.guichet.query.orders;

import fr.guichet.api.order.OrderStatus;
import fr.guichet.query.support.NotFoundException;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** A buyer's orders and tickets; order look-up for the box office (by id, buyer or place). */
@RestController
class OrdersController {

  private final QueryGateway queries;

  OrdersController(QueryGateway queries) {
    this.queries = queries;
  }

  @GetMapping("/api/orders/{orderId}")
  Mono<OrderView> order(@PathVariable String orderId) {
    return find(queries, orderId);
  }

  @GetMapping("/api/orders")
  Mono<OrderPage> orders(
      @RequestParam(required = false) String customerId,
      @RequestParam(required = false) String eventId,
      @RequestParam(required = false) String placeId,
      @RequestParam(required = false) OrderStatus status,
      @RequestParam(defaultValue = "0") int page,
      @RequestParam(defaultValue = "20") int size) {
    return search(queries, new FindOrdersQuery(customerId, eventId, placeId, status, page, size));
  }

  @GetMapping("/api/customers/{customerId}/orders")
  Mono<OrderPage> ordersOf(
      @PathVariable String customerId,
      @RequestParam(required = false) OrderStatus status,
      @RequestParam(defaultValue = "0") int page,
      @RequestParam(defaultValue = "20") int size) {
    return search(queries, new FindOrdersQuery(customerId, null, null, status, page, size));
  }

  static Mono<OrderView> find(QueryGateway queries, String orderId) {
    return Mono.fromFuture(() -> queries.query(new FindOrderQuery(orderId), OrderView.class))
        .switchIfEmpty(
            Mono.error(() -> new NotFoundException("unknown-order", "No order " + orderId + ".")));
  }

  static Mono<OrderPage> search(QueryGateway queries, FindOrdersQuery query) {
    return Mono.fromFuture(() -> queries.query(query, OrderPage.class));
  }
}
