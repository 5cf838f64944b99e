package fr.guichet.pricing;

import java.util.List;

/**
 * The price of each ticket, and why.
 *
 * @param firings how many rule activations fired in total
 */
public record PricingResult(List<TicketPrice> tickets, long totalCents, int firings) {

  public PricingResult {
    tickets = List.copyOf(tickets);
  }

  /**
   * One ticket's price.
   *
   * @param tier the tier its full price comes from
   * @param baseRule the rule that chose that tier
   * @param appliedRules the discount rules applied (one unless a rule allows stacking)
   * @param discountPercent the total discount, in percent of the base price (rounded)
   * @param explanation one sentence per rule that fired for this ticket, in English
   */
  public record TicketPrice(
      String ticketId,
      String category,
      Rate rate,
      String tier,
      long baseCents,
      String baseRule,
      List<String> appliedRules,
      int discountPercent,
      long discountCents,
      long finalCents,
      List<String> explanation) {

    public TicketPrice {
      appliedRules = List.copyOf(appliedRules);
      explanation = List.copyOf(explanation);
    }
  }
}
