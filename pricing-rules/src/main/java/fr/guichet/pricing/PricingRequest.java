package fr.guichet.pricing;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A basket to price.
 *
 * @param saleTime when the buyer took the places (the hold time), for date tiers and exclusions
 * @param salesOpenedAt when the event's sales opened; null when unknown (then taken as saleTime)
 * @param takenBeforeByCategory places of each category already held or sold before this basket, for
 *     tiers by quantity sold
 * @param tickets the tickets, in the order of the basket
 */
public record PricingRequest(
    Instant saleTime,
    Instant salesOpenedAt,
    Map<String, Integer> takenBeforeByCategory,
    List<TicketRequest> tickets) {

  public PricingRequest {
    takenBeforeByCategory =
        takenBeforeByCategory == null ? Map.of() : Map.copyOf(takenBeforeByCategory);
    tickets = List.copyOf(tickets);
  }

  /**
   * One ticket of the basket.
   *
   * @param ticketId the place id
   * @param tiers the tiers of the ticket's category, the first one being the default
   * @param studentProof the reference of the student proof, required for {@link Rate#STUDENT}
   * @param subscriptionNumber the subscription number given for {@link Rate#SUBSCRIBER}
   * @param subscriptionValid whether the registry found that number valid at sale time
   */
  public record TicketRequest(
      String ticketId,
      String category,
      String categoryName,
      List<TierPrice> tiers,
      Rate rate,
      String studentProof,
      String subscriptionNumber,
      boolean subscriptionValid) {

    public TicketRequest {
      tiers = tiers == null ? List.of() : List.copyOf(tiers);
      rate = rate == null ? Rate.FULL : rate;
    }

    public static TicketRequest full(String id, String category, List<TierPrice> tiers) {
      return new TicketRequest(id, category, category, tiers, Rate.FULL, null, null, false);
    }
  }
}
