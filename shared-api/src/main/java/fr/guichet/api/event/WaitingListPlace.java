package fr.guichet.api.event;

/**
 * A buyer's place on an Event's waiting list, as the Event saw it when it answered.
 *
 * @param orderId the order the offered places are (or will be) held for
 * @param position 1 for the next buyer offered places; 0 once no longer waiting
 */
public record WaitingListPlace(
    String eventId,
    String customerId,
    String orderId,
    PlaceSelection wanted,
    int position,
    Status status) {

  public enum Status {
    WAITING,
    /** Places were held for the buyer: the order {@code orderId} is theirs to pay. */
    OFFERED,
    LEFT
  }
}
