package fr.guichet.command.order;

import fr.guichet.api.order.OrderDomainEvent.BoxOfficePaymentMethod;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * The box office took an order's recorded price at its counter. Answers the amount taken, in cents.
 * Recording it again with the same method and reference changes nothing.
 *
 * @param eventId the event the manager believes the order is for (another event: no such order)
 * @param reference the card terminal's or cheque's reference; optional for cash
 * @param recordedBy the manager who took the money
 */
record RecordBoxOfficePaymentCommand(
    @TargetAggregateIdentifier String orderId,
    String eventId,
    BoxOfficePaymentMethod method,
    String reference,
    String note,
    String recordedBy) {}
