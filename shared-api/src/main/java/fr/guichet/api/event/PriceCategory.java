package fr.guichet.api.event;

import java.util.List;

/** A price category such as "Carré Or", with its price tiers (the first one is the default). */
public record PriceCategory(String code, String name, List<PriceTier> tiers) {
  public PriceCategory {
    tiers = tiers == null ? List.of() : List.copyOf(tiers);
  }
}
