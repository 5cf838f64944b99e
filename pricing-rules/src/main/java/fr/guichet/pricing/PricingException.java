package fr.guichet.pricing;

import java.util.List;

/**
 * The rules could not price the basket: no full price for a ticket, conflicting full prices, a
 * loop, a time-out or a failing rule. Never answered with a price of 0.
 *
 * @see #code()
 */
public class PricingException extends RuntimeException {

  private final String code;
  private final List<String> ticketIds;

  public PricingException(String code, String message, List<String> ticketIds) {
    super(message);
    this.code = code;
    this.ticketIds = List.copyOf(ticketIds);
  }

  /** Stable name of the failure: no-full-price, ambiguous-full-price, rules-loop, … */
  public String code() {
    return code;
  }

  public List<String> ticketIds() {
    return ticketIds;
  }
}
