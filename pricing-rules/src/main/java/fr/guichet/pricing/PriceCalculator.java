package fr.guichet.pricing;

/**
 * The pricing port: prices every ticket of a basket with one compiled rule set. Implementations are
 * thread-safe and never return a price of 0 for a ticket no rule priced: they throw {@link
 * PricingException} instead.
 */
public interface PriceCalculator {

  /**
   * Prices each ticket of the request.
   *
   * @throws PricingException when a ticket has no full price, the rules loop or time out
   */
  PricingResult price(PricingRequest request);
}
