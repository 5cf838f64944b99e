package fr.guichet.command.order;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Asks an order what its buyer must pay, refusing unless it awaits payment and has a recorded
 * price. Answers {@link PaymentTerms}; changes nothing.
 */
public record PreparePaymentCommand(@TargetAggregateIdentifier String orderId, String customerId) {}
