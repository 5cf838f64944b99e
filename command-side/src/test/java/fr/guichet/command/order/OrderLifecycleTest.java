package fr.guichet.command.order;

import fr.guichet.api.order.OrderDomainEvent.OrderCancelledEvent;
import fr.guichet.api.order.OrderDomainEvent.OrderConfirmedEvent;
import fr.guichet.api.order.OrderDomainEvent.OrderCreatedEvent;
import fr.guichet.api.order.OrderDomainEvent.OrderExpiredEvent;
import fr.guichet.api.order.OrderDomainEvent.OrderPaidAfterExpiryEvent;
import fr.guichet.command.order.OrderCommands.AcceptLatePaymentCommand;
import fr.guichet.command.order.OrderCommands.CancelOrderCommand;
import fr.guichet.command.order.OrderCommands.ConfirmOrderCommand;
import fr.guichet.command.order.OrderCommands.ExpireOrderCommand;
import fr.guichet.command.order.OrderCommands.RecordPaymentAfterExpiryCommand;
import java.time.Instant;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OrderLifecycleTest {

  private static final Instant UNTIL = Instant.parse("2027-03-01T10:10:00Z");
  private static final List<String> SEATS = List.of("ORCH-A-1", "ORCH-A-2");
  private static final OrderCreatedEvent CREATED =
      new OrderCreatedEvent("o1", "festival", "alice", SEATS, UNTIL);
  private FixtureConfiguration<Order> fixture;

  @BeforeEach
  void setUp() {
    fixture = new AggregateTestFixture<>(Order.class);
  }

  @Test
  void a_sale_confirms_the_order_once() {
    fixture
        .given(CREATED)
        .when(new ConfirmOrderCommand("o1", "pay-1"))
        .expectEvents(new OrderConfirmedEvent("o1", "festival", "pay-1"));
    fixture
        .given(CREATED, new OrderConfirmedEvent("o1", "festival", "pay-1"))
        .when(new ConfirmOrderCommand("o1", "pay-1"))
        .expectNoEvents();
  }

  @Test
  void an_expired_hold_expires_the_order_and_a_confirmed_one_stays_confirmed() {
    fixture
        .given(CREATED)
        .when(new ExpireOrderCommand("o1"))
        .expectEvents(new OrderExpiredEvent("o1", "festival"));
    fixture
        .given(CREATED, new OrderConfirmedEvent("o1", "festival", "pay-1"))
        .when(new ExpireOrderCommand("o1"))
        .expectNoEvents();
  }

  @Test
  void an_expired_order_whose_late_payment_the_event_accepted_is_confirmed_once() {
    fixture
        .given(CREATED, new OrderExpiredEvent("o1", "festival"))
        .when(new AcceptLatePaymentCommand("o1", "pay-1"))
        .expectEvents(new OrderConfirmedEvent("o1", "festival", "pay-1"));
    fixture
        .given(
            CREATED,
            new OrderExpiredEvent("o1", "festival"),
            new OrderConfirmedEvent("o1", "festival", "pay-1"))
        .when(new AcceptLatePaymentCommand("o1", "pay-1"))
        .expectNoEvents();
  }

  @Test
  void a_released_hold_cancels_the_order() {
    fixture
        .given(CREATED)
        .when(new CancelOrderCommand("o1"))
        .expectEvents(new OrderCancelledEvent("o1", "festival"));
    fixture
        .given(CREATED, new OrderCancelledEvent("o1", "festival"))
        .when(new CancelOrderCommand("o1"))
        .expectNoEvents();
  }

  @Test
  void a_payment_after_expiry_is_recorded_once_per_payment() {
    fixture
        .given(CREATED, new OrderExpiredEvent("o1", "festival"))
        .when(new RecordPaymentAfterExpiryCommand("o1", "pay-1"))
        .expectEvents(new OrderPaidAfterExpiryEvent("o1", "festival", "pay-1"));
    fixture
        .given(
            CREATED,
            new OrderExpiredEvent("o1", "festival"),
            new OrderPaidAfterExpiryEvent("o1", "festival", "pay-1"))
        .when(new RecordPaymentAfterExpiryCommand("o1", "pay-1"))
        .expectNoEvents();
  }
}
