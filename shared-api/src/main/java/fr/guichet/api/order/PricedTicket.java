package fr.guichet.api.order;

import java.util.List;

/**
 * The recorded price of one ticket: the truth for payment, receipts and audits. Replays read it;
 * they never price again.
 *
 * @param tier the category tier the full price comes from
 * @param baseRule the rule that chose that tier
 * @param appliedRules the discount rules applied (one unless a rule allowed stacking)
 * @param explanation one sentence per rule that fired for this ticket, in English
 */
public record PricedTicket(
    String placeId,
    String category,
    RateChoice.Rate rate,
    String studentProof,
    String subscriptionNumber,
    String tier,
    long baseCents,
    String baseRule,
    List<String> appliedRules,
    int discountPercent,
    long discountCents,
    long finalCents,
    List<String> explanation) {

  public PricedTicket {
    appliedRules = appliedRules == null ? List.of() : List.copyOf(appliedRules);
    explanation = explanation == null ? List.of() : List.copyOf(explanation);
  }
}
