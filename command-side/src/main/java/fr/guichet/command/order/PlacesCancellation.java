package fr.guichet.command.order;

import java.util.List;

/**
 * What cancelling some places of an order gave back.
 *
 * @param refundCents what the cancelled places were paid (their recorded final prices)
 * @param remainingCents what the places the order keeps were paid
 * @param orderCancelled true when no place is left: the whole order is cancelled
 * @param boxOfficeRefundId the cash desk's refund (an order paid at the box office's counter), null
 *     for an order paid through the bank
 */
public record PlacesCancellation(
    String orderId,
    String eventId,
    String cancellationId,
    List<String> placeIds,
    long refundCents,
    List<String> remainingPlaceIds,
    long remainingCents,
    boolean orderCancelled,
    String boxOfficeRefundId) {

  public PlacesCancellation {
    placeIds = List.copyOf(placeIds);
    remainingPlaceIds = List.copyOf(remainingPlaceIds);
  }
}
