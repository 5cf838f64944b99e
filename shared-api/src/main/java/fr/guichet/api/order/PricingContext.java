package fr.guichet.api.order;

import fr.guichet.api.event.PriceTier;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What pricing an order needs to know about its places, taken from the order's Event when the order
 * is created and kept in the order's events, so that prices never depend on a read model.
 *
 * @param saleTime when the order was created (date tiers and exclusions compare with it)
 * @param salesOpenedAt when the Event's sales opened; null if unknown
 * @param takenBeforeByCategory places of each category held or sold by other orders at that time
 * @param places one entry per place of the order, in the order's place order
 */
public record PricingContext(
    Instant saleTime,
    Instant salesOpenedAt,
    Map<String, Integer> takenBeforeByCategory,
    List<PlacePricing> places) {

  public PricingContext {
    takenBeforeByCategory =
        takenBeforeByCategory == null ? Map.of() : Map.copyOf(takenBeforeByCategory);
    places = places == null ? List.of() : List.copyOf(places);
  }

  /** A place, its category and the tiers of that category (first tier = default). */
  public record PlacePricing(
      String placeId, String category, String categoryName, List<PriceTier> tiers) {
    public PlacePricing {
      tiers = tiers == null ? List.of() : List.copyOf(tiers);
    }
  }
}
