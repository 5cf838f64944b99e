package fr.guichet.command.order;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import fr.guichet.api.order.OrderDomainEvent.OrderCancelledEvent;
import fr.guichet.api.order.OrderDomainEvent.OrderConfirmedEvent;
import fr.guichet.api.order.OrderDomainEvent.OrderCreatedEvent;
import fr.guichet.api.order.OrderDomainEvent.OrderExpiredEvent;
import fr.guichet.api.order.OrderDomainEvent.OrderPaidAfterExpiryEvent;
import fr.guichet.api.order.OrderStatus;
import fr.guichet.command.order.OrderCommands.CancelOrderCommand;
import fr.guichet.command.order.OrderCommands.ConfirmOrderCommand;
import fr.guichet.command.order.OrderCommands.CreateOrderCommand;
import fr.guichet.command.order.OrderCommands.ExpireOrderCommand;
import fr.guichet.command.order.OrderCommands.RecordPaymentAfterExpiryCommand;
import java.util.HashSet;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A buyer's order. Its lifecycle follows what its Event decided about the places (held, sold,
 * released, expired): every command here is idempotent, because the process that sends them
 * delivers at least once.
 */
@Aggregate
class Order {

  @AggregateIdentifier private String orderId;
  private String eventId;
  private OrderStatus status;
  private final Set<String> latePayments = new HashSet<>();

  Order() {}

  @CommandHandler
  @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
  void handle(CreateOrderCommand command) {
    if (status != null) {
      return;
    }
    apply(
        new OrderCreatedEvent(
            command.orderId(),
            command.eventId(),
            command.customerId(),
            command.placeIds(),
            command.heldUntil()));
  }

  @CommandHandler
  void handle(ConfirmOrderCommand command) {
    if (status == OrderStatus.AWAITING_PAYMENT) {
      apply(new OrderConfirmedEvent(orderId, eventId, command.paymentReference()));
    }
  }

  @CommandHandler
  void handle(ExpireOrderCommand command) {
    if (status == OrderStatus.AWAITING_PAYMENT) {
      apply(new OrderExpiredEvent(orderId, eventId));
    }
  }

  @CommandHandler
  void handle(CancelOrderCommand command) {
    if (status == OrderStatus.AWAITING_PAYMENT) {
      apply(new OrderCancelledEvent(orderId, eventId));
    }
  }

  @CommandHandler
  void handle(RecordPaymentAfterExpiryCommand command) {
    if (status != OrderStatus.CONFIRMED && !latePayments.contains(command.paymentReference())) {
      apply(new OrderPaidAfterExpiryEvent(orderId, eventId, command.paymentReference()));
    }
  }

  @EventSourcingHandler
  void on(OrderCreatedEvent event) {
    orderId = event.orderId();
    eventId = event.eventId();
    status = OrderStatus.AWAITING_PAYMENT;
  }

  @EventSourcingHandler
  void on(OrderConfirmedEvent event) {
    status = OrderStatus.CONFIRMED;
  }

  @EventSourcingHandler
  void on(OrderExpiredEvent event) {
    status = OrderStatus.EXPIRED;
  }

  @EventSourcingHandler
  void on(OrderCancelledEvent event) {
    status = OrderStatus.CANCELLED;
  }

  @EventSourcingHandler
  void on(OrderPaidAfterExpiryEvent event) {
    latePayments.add(event.paymentReference());
  }
}
