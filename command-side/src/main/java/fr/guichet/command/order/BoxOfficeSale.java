package fr.guichet.command.order;

import fr.guichet.api.payment.PaidPlace;
import java.util.List;

/**
 * What the box office sold at its counter, for issuing the order's tickets: the places at their
 * recorded price with their holders, and where the tickets are e-mailed (if anywhere).
 *
 * @param paymentReference what the places were sold with ({@link #reference(String)}); the tickets
 *     name it as their payment
 * @param holderName the buyer's name for tickets not named one by one (null when not given)
 * @param email null when the buyer gave none: the box office prints the tickets
 * @param locale fr or en
 */
public record BoxOfficeSale(
    String orderId,
    String eventId,
    String paymentReference,
    String holderName,
    String email,
    String locale,
    List<PaidPlace> places) {

  private static final String PREFIX = "box-office:";

  public BoxOfficeSale {
    places = List.copyOf(places);
  }

  /** The reference a box-office payment sells an order's places with, on the Event and order. */
  public static String reference(String orderId) {
    return PREFIX + orderId;
  }

  /** Whether {@code paymentReference} is the box office's for {@code orderId}. */
  public static boolean isReference(String orderId, String paymentReference) {
    return reference(orderId).equals(paymentReference);
  }
}
