package fr.guichet.query.waitinglist;

/** Where a buyer stands on an Event's waiting list. */
public enum WaitingListStatus {
  /** On the list, in join order. */
  WAITING,
  /** Places came back and are held for the buyer's order until {@code heldUntil}. */
  OFFERED,
  /** The buyer left the list. */
  LEFT,
  /** When places came back the buyer already had as many as one buyer may have. */
  CUSTOMER_LIMIT,
  /** Sales closed while the buyer was waiting: the list is void. */
  CLOSED
}
