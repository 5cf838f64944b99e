package fr.guichet.command.order;

import fr.guichet.api.event.EventCommand.ReleaseHoldCommand;
import fr.guichet.api.order.OrderDomainEvent.OrderCreatedEvent;
import fr.guichet.api.order.OrderPricingEvent.OrderPricingFailedEvent;
import fr.guichet.api.order.PricingContext;
import fr.guichet.api.rejection.CommandRejectedException;
import fr.guichet.command.event.DescribeOrderPlacesCommand;
import fr.guichet.command.order.OrderCommands.PriceNewOrderCommand;
import fr.guichet.command.pricing.RuleSets;
import java.time.Instant;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Prices every new order at full rate: asks its Event about the places, then lets the order price
 * itself and record the result. An order no rule can price gives its places back. Tracking, with a
 * persisted token; every step is idempotent.
 */
@Component
@ProcessingGroup(OrderPricingProcess.NAME)
class OrderPricingProcess {

  static final String NAME = "order-pricing";
  private static final Logger log = LoggerFactory.getLogger(OrderPricingProcess.class);

  private final CommandGateway commands;
  private final RuleSets ruleSets;

  OrderPricingProcess(CommandGateway commands, RuleSets ruleSets) {
    this.commands = commands;
    this.ruleSets = ruleSets;
  }

  @EventHandler
  void on(OrderCreatedEvent event, @Timestamp Instant createdAt) {
    ruleSets.ensurePublished();
    PricingContext context;
    try {
      context =
          commands.sendAndWait(
              new DescribeOrderPlacesCommand(event.eventId(), event.orderId(), createdAt));
    } catch (CommandRejectedException | CommandExecutionException e) {
      log.warn("Order {} cannot be priced: its event refused to describe it", event.orderId(), e);
      return;
    }
    if (context != null) {
      commands.sendAndWait(new PriceNewOrderCommand(event.orderId(), context));
    }
  }

  @EventHandler
  void on(OrderPricingFailedEvent event) {
    try {
      commands.sendAndWait(
          new ReleaseHoldCommand(event.eventId(), event.orderId(), event.customerId()));
    } catch (CommandRejectedException | CommandExecutionException e) {
      log.warn("Hold of unpriceable order {} could not be released", event.orderId(), e);
    }
  }
}
