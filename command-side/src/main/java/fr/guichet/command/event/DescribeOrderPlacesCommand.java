package fr.guichet.command.event;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Asks an Event, without changing it, what pricing needs to know about an order's places: their
 * categories and tiers, when sales opened and how many places each category had taken. Answered
 * with a {@link fr.guichet.api.order.PricingContext}.
 */
public record DescribeOrderPlacesCommand(
    @TargetAggregateIdentifier String eventId, String orderId, Instant saleTime) {}
