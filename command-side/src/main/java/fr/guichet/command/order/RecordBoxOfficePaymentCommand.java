package fr.guichet.command.order;

import fr.guichet.api.order.OrderDomainEvent.BoxOfficePaymentMethod;
import fr.guichet.api.order.OrderDomainEvent.TicketHolder;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * The box office took an order's recorded price at its counter. Answers the amount taken, in cents.
 * Recording it again with the same method and reference changes nothing (the names and e-mail first
 * recorded stay).
 *
 * @param eventId the event the manager believes the order is for (another event: no such order)
 * @param reference the card terminal's or cheque's reference; optional for cash
 * @param recordedBy the manager who took the money
 * @param holderName optionally, the buyer's name, printed on the tickets {@code holders} does not
 *     name
 * @param holders optionally, the person each ticket is for (places of this order, once each)
 * @param email optionally, where the tickets are e-mailed
 * @param locale the e-mail's language: fr (default) or en
 */
record RecordBoxOfficePaymentCommand(
    @TargetAggregateIdentifier String orderId,
    String eventId,
    BoxOfficePaymentMethod method,
    String reference,
    String note,
    String recordedBy,
    String holderName,
    List<TicketHolder> holders,
    String email,
    String locale) {

  /** A payment taken without names nor e-mail: the box office prints anonymous tickets. */
  RecordBoxOfficePaymentCommand(
      String orderId,
      String eventId,
      BoxOfficePaymentMethod method,
      String reference,
      String note,
      String recordedBy) {
    this(orderId, eventId, method, reference, note, recordedBy, null, List.of(), null, null);
  }
}
