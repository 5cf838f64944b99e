package fr.guichet.command.event;

import fr.guichet.api.order.PricingContext;
import fr.guichet.api.rejection.CommandRejectedException;
import java.time.Instant;
import java.util.List;

/**
 * Opens the order of a hold in the hold's own unit of work: one transaction stores the held places,
 * the new order and its full-rate price, so a hold never exists without its priced order and no
 * second step has to lock the Event again to describe the places.
 *
 * <p>The Event first asks for a price ({@link #price}), before it decides anything, and opens the
 * order ({@link Priced#open}) only after it has recorded the hold.
 */
public interface OrderOpening {

  /**
   * Prices {@code basket} at full rate with the rules in force.
   *
   * @throws CommandRejectedException kind RULE when no rule in force prices one of the places
   *     (nothing is held), kind UNAVAILABLE when prices cannot be computed right now
   */
  Priced price(NewOrder order, PricingContext basket);

  /** A basket with its price, ready to become an order. */
  @FunctionalInterface
  interface Priced {

    /**
     * Creates the order, priced, in the current unit of work; call it after the hold is applied.
     */
    void open();
  }

  /** What the Event decided for the order: whose it is and which places it holds until when. */
  record NewOrder(
      String orderId,
      String eventId,
      String customerId,
      List<String> placeIds,
      Instant heldUntil) {}
}
