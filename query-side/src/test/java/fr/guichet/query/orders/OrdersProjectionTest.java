package fr.guichet.query.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.atLeastOnce;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;

import fr.guichet.api.event.EventDomainEvent.EventCreatedEvent;
import fr.guichet.api.order.OrderDomainEvent.OrderConfirmedEvent;
import fr.guichet.api.order.OrderDomainEvent.OrderCreatedEvent;
import fr.guichet.api.order.OrderDomainEvent.OrderExpiredEvent;
import fr.guichet.api.order.OrderDomainEvent.OrderPaidAfterExpiryEvent;
import fr.guichet.api.order.OrderDomainEvent.OrderPlacesCancelledEvent;
import fr.guichet.api.order.OrderDomainEvent.OrderSaleCancelledEvent;
import fr.guichet.api.order.OrderPricingEvent.OrderPricedEvent;
import fr.guichet.api.order.OrderPricingEvent.Reason;
import fr.guichet.api.order.OrderStatus;
import fr.guichet.api.order.PricingContext;
import fr.guichet.query.support.BadQueryException;
import fr.guichet.query.support.EmbeddedMongo;
import fr.guichet.query.support.ViewGenerations;
import java.time.Instant;
import java.util.List;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OrdersProjectionTest {

  private static final Instant T0 = Instant.parse("2026-11-26T15:00:00Z");
  private final EmbeddedMongo mongo = new EmbeddedMongo();
  private final QueryUpdateEmitter updates = mock(QueryUpdateEmitter.class);
  private final OrdersProjection projection =
      new OrdersProjection(mongo.template(), new ViewGenerations(mongo.template()), updates);

  @AfterEach
  void stop() {
    mongo.close();
  }

  private void history() {
    projection.on(
        new EventCreatedEvent(
            "ev-1", "Carmen", "Garnier", Instant.parse("2027-03-14T20:00:00Z"), ""),
        0);
    projection.on(
        new OrderCreatedEvent(
            "o-1", "ev-1", "alice", List.of("ORCH-A-1", "ORCH-A-2"), T0.plusSeconds(600)),
        0,
        T0);
    projection.on(new OrderConfirmedEvent("o-1", "ev-1", "pay-1"), 1, T0.plusSeconds(60));
    projection.on(
        new OrderCreatedEvent("o-2", "ev-1", "alice", List.of("BALC-A-1"), T0.plusSeconds(700)),
        0,
        T0.plusSeconds(100));
    projection.on(new OrderExpiredEvent("o-2", "ev-1"), 1, T0.plusSeconds(700));
    projection.on(new OrderPaidAfterExpiryEvent("o-2", "ev-1", "pay-late"), 2, T0.plusSeconds(800));
    projection.on(
        new OrderCreatedEvent("o-3", "ev-1", "bob", List.of("BALC-A-1"), T0.plusSeconds(900)),
        0,
        T0.plusSeconds(200));
  }

  @Test
  void an_order_shows_its_event_status_and_tickets_once_confirmed() {
    history();
    OrderView order = projection.handle(new FindOrderQuery("o-1")).join();
    assertThat(order.eventTitle()).isEqualTo("Carmen");
    assertThat(order.status()).isEqualTo(OrderStatus.CONFIRMED);
    assertThat(order.paymentReference()).isEqualTo("pay-1");
    assertThat(order.tickets()).containsExactly("ORCH-A-1", "ORCH-A-2");
    assertThat(order.updatedAt()).isEqualTo(T0.plusSeconds(60));
    OrderView late = projection.handle(new FindOrderQuery("o-2")).join();
    assertThat(late.status()).isEqualTo(OrderStatus.EXPIRED);
    assertThat(late.tickets()).isEmpty();
    assertThat(late.latePayments()).containsExactly("pay-late");
    verify(updates, atLeastOnce()).emit(eq(FindOrderQuery.class), any(), any(OrderView.class));
  }

  @Test
  void a_paid_order_cancelled_by_the_box_office_shows_as_cancelled() {
    history();
    projection.on(
        new OrderSaleCancelledEvent("o-1", "ev-1", "refund on request"), 2, T0.plusSeconds(900));
    OrderView order = projection.handle(new FindOrderQuery("o-1")).join();
    assertThat(order.status()).isEqualTo(OrderStatus.CANCELLED);
    assertThat(order.paymentReference()).isEqualTo("pay-1");
    assertThat(order.updatedAt()).isEqualTo(T0.plusSeconds(900));
  }

  @Test
  void an_order_with_cancelled_places_shows_them_its_valid_tickets_and_what_it_keeps() {
    projection.on(
        new OrderCreatedEvent(
            "o-9", "ev-1", "alice", List.of("ORCH-A-1", "ORCH-A-2"), T0.plusSeconds(600)),
        0,
        T0);
    projection.on(
        new OrderPricedEvent(
            "o-9",
            "ev-1",
            Reason.ORDER_CREATED,
            "rules",
            1,
            "hash",
            List.of(),
            16_200,
            new PricingContext(T0, T0, java.util.Map.of(), List.of())),
        1,
        T0);
    projection.on(new OrderConfirmedEvent("o-9", "ev-1", "pay-9"), 2, T0.plusSeconds(60));
    OrderPlacesCancelledEvent cancelled =
        new OrderPlacesCancelledEvent(
            "o-9",
            "ev-1",
            "c1",
            List.of("ORCH-A-1"),
            7_200,
            List.of("ORCH-A-2"),
            9_000,
            "seat broken",
            "manager-1");
    projection.on(cancelled, 3, T0.plusSeconds(900));
    projection.on(cancelled, 3, T0.plusSeconds(900));

    OrderView order = projection.handle(new FindOrderQuery("o-9")).join();
    assertThat(order.status()).isEqualTo(OrderStatus.CONFIRMED);
    assertThat(order.tickets()).containsExactly("ORCH-A-2");
    assertThat(order.cancelledPlaceIds()).containsExactly("ORCH-A-1");
    assertThat(order.totalCents()).isEqualTo(16_200);
    assertThat(order.refundedCents()).isEqualTo(7_200);
    assertThat(order.remainingCents()).isEqualTo(9_000);
    assertThat(order.cancellations())
        .containsExactly(
            new OrderView.Cancellation(
                "c1", List.of("ORCH-A-1"), 7_200, "seat broken", "manager-1", T0.plusSeconds(900)));

    projection.on(
        new OrderPlacesCancelledEvent(
            "o-9", "ev-1", "c2", List.of("ORCH-A-2"), 9_000, List.of(), 0, "dispute", "m-2"),
        4,
        T0.plusSeconds(1000));
    projection.on(new OrderSaleCancelledEvent("o-9", "ev-1", "dispute"), 5, T0.plusSeconds(1000));
    OrderView cancelledOrder = projection.handle(new FindOrderQuery("o-9")).join();
    assertThat(cancelledOrder.status()).isEqualTo(OrderStatus.CANCELLED);
    assertThat(cancelledOrder.tickets()).isEmpty();
    assertThat(cancelledOrder.refundedCents()).isEqualTo(16_200);
    assertThat(cancelledOrder.remainingCents()).isZero();
  }

  @Test
  void applying_every_event_twice_changes_nothing() {
    history();
    List<Document> once = mongo.all("orders_g1");
    history();
    assertThat(mongo.all("orders_g1")).isEqualTo(once);
  }

  @Test
  void finds_a_buyers_orders_newest_first_and_the_orders_of_a_place() {
    history();
    OrderPage alice =
        projection.handle(new FindOrdersQuery("alice", null, null, null, 0, 20)).join();
    assertThat(alice.items()).extracting(OrderView::orderId).containsExactly("o-2", "o-1");
    OrderPage place =
        projection.handle(new FindOrdersQuery(null, "ev-1", "BALC-A-1", null, 0, 20)).join();
    assertThat(place.items()).extracting(OrderView::orderId).containsExactly("o-3", "o-2");
    OrderPage confirmed =
        projection
            .handle(new FindOrdersQuery(null, "ev-1", null, OrderStatus.CONFIRMED, 0, 20))
            .join();
    assertThat(confirmed.total()).isEqualTo(1);
  }

  @Test
  void refuses_searches_without_a_buyer_or_an_event() {
    assertThatThrownBy(() -> new FindOrdersQuery(null, null, null, null, 0, 20))
        .isInstanceOf(BadQueryException.class);
    assertThatThrownBy(() -> new FindOrdersQuery("alice", null, "ORCH-A-1", null, 0, 20))
        .isInstanceOf(BadQueryException.class);
    assertThatThrownBy(() -> new FindOrdersQuery("alice", null, null, null, 0, 101))
        .isInstanceOf(BadQueryException.class);
  }
}
