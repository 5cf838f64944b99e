package fr.guichet.query.orders;

import fr.guichet.api.order.OrderStatus;
import fr.guichet.query.support.NotFoundException;
import fr.guichet.query.support.Reader;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * A buyer's orders and tickets; order look-up for the box office (by id, buyer or place). Orders
 * are private: a buyer reads only their own (someone else's answer 404, as unknown ones do), staff
 * (MANAGER, DIRECTOR, AUDITOR) read all of them.
 */
@RestController
class OrdersController {

  private final QueryGateway queries;

  OrdersController(QueryGateway queries) {
    this.queries = queries;
  }

  @GetMapping("/api/orders/{orderId}")
  Mono<OrderView> order(@PathVariable String orderId, ServerHttpRequest request) {
    return find(queries, Reader.from(request.getHeaders()), orderId);
  }

  @GetMapping("/api/orders")
  Mono<OrderPage> orders(
      @RequestParam(required = false) String customerId,
      @RequestParam(required = false) String eventId,
      @RequestParam(required = false) String placeId,
      @RequestParam(required = false) OrderStatus status,
      @RequestParam(defaultValue = "0") int page,
      @RequestParam(defaultValue = "20") int size,
      ServerHttpRequest request) {
    return search(
        queries,
        Reader.from(request.getHeaders()),
        new FindOrdersQuery(customerId, eventId, placeId, status, page, size));
  }

  @GetMapping("/api/customers/{customerId}/orders")
  Mono<OrderPage> ordersOf(
      @PathVariable String customerId,
      @RequestParam(required = false) OrderStatus status,
      @RequestParam(defaultValue = "0") int page,
      @RequestParam(defaultValue = "20") int size,
      ServerHttpRequest request) {
    return search(
        queries,
        Reader.from(request.getHeaders()),
        new FindOrdersQuery(customerId, null, null, status, page, size));
  }

  /** The order, if {@code reader} may see it; else 404, exactly as for an unknown order. */
  static Mono<OrderView> find(QueryGateway queries, Reader reader, String orderId) {
    if (reader.anonymous()) {
      return Mono.error(unknownOrder(orderId));
    }
    return Mono.fromFuture(() -> queries.query(new FindOrderQuery(orderId), OrderView.class))
        .filter(order -> reader.mayReadOrdersOf(order.customerId()))
        .switchIfEmpty(Mono.error(() -> unknownOrder(orderId)));
  }

  /**
   * Staff search every order; anyone else searches their own only: without a customer filter the
   * search is narrowed to them, with someone else's it answers 404.
   */
  static Mono<OrderPage> search(QueryGateway queries, Reader reader, FindOrdersQuery query) {
    FindOrdersQuery allowed = query;
    if (!reader.staff()) {
      if (reader.anonymous()
          || (query.customerId() != null && !reader.mayReadOrdersOf(query.customerId()))) {
        return Mono.error(
            new NotFoundException("unknown-customer", "No orders to show for this customer."));
      }
      allowed =
          new FindOrdersQuery(
              reader.id(),
              query.eventId(),
              query.placeId(),
              query.status(),
              query.page(),
              query.size());
    }
    FindOrdersQuery sent = allowed;
    return Mono.fromFuture(() -> queries.query(sent, OrderPage.class));
  }

  private static NotFoundException unknownOrder(String orderId) {
    return new NotFoundException("unknown-order", "No order " + orderId + ".");
  }
}
