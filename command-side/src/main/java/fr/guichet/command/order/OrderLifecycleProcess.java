package fr.guichet.command.order;

import fr.guichet.api.event.EventDomainEvent.HeldPlacesSoldEvent;
import fr.guichet.api.event.EventDomainEvent.HoldExpiredEvent;
import fr.guichet.api.event.EventDomainEvent.HoldReleasedEvent;
import fr.guichet.api.event.EventDomainEvent.LatePaymentAcceptedEvent;
import fr.guichet.api.event.EventDomainEvent.PaymentAfterHoldEndedEvent;
import fr.guichet.api.event.EventDomainEvent.SaleCancelledEvent;
import fr.guichet.api.event.EventDomainEvent.SoldPlacesCancelledEvent;
import fr.guichet.api.rejection.CommandRejectedException;
import fr.guichet.command.order.OrderCommands.AcceptLatePaymentCommand;
import fr.guichet.command.order.OrderCommands.CancelOrderCommand;
import fr.guichet.command.order.OrderCommands.CancelSoldOrderCommand;
import fr.guichet.command.order.OrderCommands.ConfirmOrderCommand;
import fr.guichet.command.order.OrderCommands.ExpireOrderCommand;
import fr.guichet.command.order.OrderCommands.RecordPaymentAfterExpiryCommand;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Carries each decision an Event takes about an order's places, after the hold, over to that order
 * (the order itself is created with the hold, in the same transaction: {@link PricedOrderOpening}).
 * It runs as a tracking processor with a persisted token, so a crash between the two aggregates
 * only delays the order: the step is retried, and every order command is idempotent.
 */
@Component
@ProcessingGroup(OrderLifecycleProcess.NAME)
class OrderLifecycleProcess {

  static final String NAME = "order-lifecycle";
  private static final Logger log = LoggerFactory.getLogger(OrderLifecycleProcess.class);

  private final CommandGateway commands;

  OrderLifecycleProcess(CommandGateway commands) {
    this.commands = commands;
  }

  @EventHandler
  void on(HeldPlacesSoldEvent event) {
    commands.sendAndWait(new ConfirmOrderCommand(event.orderId(), event.paymentReference()));
  }

  @EventHandler
  void on(LatePaymentAcceptedEvent event) {
    commands.sendAndWait(new AcceptLatePaymentCommand(event.orderId(), event.paymentReference()));
  }

  @EventHandler
  void on(HoldExpiredEvent event) {
    commands.sendAndWait(new ExpireOrderCommand(event.orderId()));
  }

  @EventHandler
  void on(HoldReleasedEvent event) {
    commands.sendAndWait(new CancelOrderCommand(event.orderId()));
  }

  @EventHandler
  void on(SaleCancelledEvent event, @MetaDataValue("actorId") String actorId) {
    commands.sendAndWait(new CancelSoldOrderCommand(event.orderId(), event.reason(), actorId));
  }

  /**
   * Some places of a sold order were cancelled: the order gives back what they were paid (the
   * manager's request usually did this already; the same cancellation id changes nothing).
   */
  @EventHandler
  void on(SoldPlacesCancelledEvent event) {
    try {
      commands.sendAndWait(
          GenericCommandMessage.asCommandMessage(
                  new CancelOrderPlacesCommand(
                      event.orderId(),
                      event.cancellationId(),
                      event.placeIds(),
                      event.reason(),
                      event.cancelledBy()))
              .andMetaData(
                  MetaData.with("actorId", event.cancelledBy()).and("actorRole", "MANAGER")));
    } catch (CommandRejectedException | CommandExecutionException refused) {
      log.warn(
          "Order {} did not follow the cancellation of {}: {}",
          event.orderId(),
          event.placeIds(),
          refused.getMessage());
    }
  }

  @EventHandler
  void on(PaymentAfterHoldEndedEvent event) {
    commands.sendAndWait(
        new RecordPaymentAfterExpiryCommand(event.orderId(), event.paymentReference()));
  }
}
