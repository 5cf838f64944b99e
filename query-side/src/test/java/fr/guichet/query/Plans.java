package fr.guichet.query;

import fr.guichet.api.event.PriceCategory;
import fr.guichet.api.event.PriceTier;
import fr.guichet.api.event.SeatAttribute;
import fr.guichet.api.event.SeatBlock;
import fr.guichet.api.event.SeatingPlan;
import fr.guichet.api.event.Section;
import fr.guichet.api.event.StandingZone;
import java.util.List;
import java.util.Set;

/** Seating plans used across the query-side tests. */
public final class Plans {

  private Plans() {}

  /**
   * A small hall: ORCH rows A-B seats 1-5 in "Carré Or" (CARRE_OR, 80 € / 60 €), BALC row A seats
   * 1-4 in CAT2 (35 €; seat 1 accessible), and a standing FOSSE of 10 in FOSSE (20 €): 24 places.
   */
  public static SeatingPlan smallHall() {
    return new SeatingPlan(
        List.of(
            new PriceCategory(
                "CARRE_OR",
                "Carré Or",
                List.of(
                    new PriceTier("FULL", "Plein tarif", 8000),
                    new PriceTier("YOUNG", "Jeune", 6000))),
            new PriceCategory("CAT2", "Catégorie 2", List.of(new PriceTier("FULL", "Plein", 3500))),
            new PriceCategory("FOSSE", "Fosse", List.of(new PriceTier("FULL", "Plein", 2000)))),
        List.of(
            new Section(
                "ORCH", "Orchestre", List.of(new SeatBlock("A-B", 1, 5, "CARRE_OR", Set.of()))),
            new Section(
                "BALC",
                "Balcon",
                List.of(
                    new SeatBlock("A", 1, 1, "CAT2", Set.of(SeatAttribute.ACCESSIBLE)),
                    new SeatBlock("A", 2, 4, "CAT2", Set.of())))),
        List.of(new StandingZone("FOSSE", "Fosse", 10, "FOSSE")));
  }
}
