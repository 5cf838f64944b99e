package fr.guichet.command.order;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Asks an order whether {@code customerId} is its buyer: answers the order's event id, or refuses
 * as if the order did not exist (404). Changes nothing. Lets other features show a buyer their own
 * order's data (tickets, receipts) and nobody else's.
 */
public record CheckOrderBuyerCommand(
    @TargetAggregateIdentifier String orderId, String customerId) {}
