package fr.guichet.command.event;

import fr.guichet.api.order.PricingContext;
import fr.guichet.api.rejection.CommandRejectedException;

/**
 * Asked by the Event before it grants a hold: can the rules in force price these places at full
 * rate? A basket no rule can price is then refused at once with the rules' reason (422), instead of
 * being held and given back after its order failed to price. The order is still priced, and its
 * price recorded, by the order's own pricing step.
 */
public interface HoldPricing {

  /**
   * @throws CommandRejectedException (kind RULE) when no rule in force prices one of the places
   */
  void requirePriceable(PricingContext places);
}
