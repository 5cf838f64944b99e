package fr.guichet.command.order;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Asks an order what the box office sold at its counter. Answers {@link BoxOfficeSale}; refuses
 * (404) when the box office took no payment for it. Changes nothing.
 */
public record DescribeBoxOfficeSaleCommand(@TargetAggregateIdentifier String orderId) {}
