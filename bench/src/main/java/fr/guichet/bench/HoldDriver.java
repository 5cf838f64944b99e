package fr.guichet.bench;

import java.util.List;

/** One way of reaching the hold path: in-process through the command gateway, or over HTTP. */
interface HoldDriver {

  /** What became of one hold attempt. */
  enum Result {
    ACCEPTED,
    CONFLICT,
    ERROR
  }

  /** Holds {@code placeIds} for a new order; the order id is the one the platform gives back. */
  Outcome hold(String eventId, String customerId, String requestKey, List<String> placeIds);

  /** Releases an order this customer holds; true when the platform accepted it. */
  boolean release(String eventId, String customerId, String orderId);

  String name();

  /** The result of one hold attempt, with the order id when it was accepted. */
  record Outcome(Result result, String orderId, String error) {}
}
