package fr.guichet.command.order;

import fr.guichet.api.payment.PaidPlace;
import java.util.List;

/** What an order's buyer must pay: the order's recorded price, place by place. */
public record PaymentTerms(
    String orderId, String eventId, String customerId, long amountCents, List<PaidPlace> places) {

  public PaymentTerms {
    places = List.copyOf(places);
  }
}
