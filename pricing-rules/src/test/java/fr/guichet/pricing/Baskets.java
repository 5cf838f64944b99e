package fr.guichet.pricing;

import fr.guichet.pricing.PricingRequest.TicketRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Builds baskets for pricing tests: categories of a typical hall and a sales opening time. */
public final class Baskets {

  public static final Instant SALES_OPENED = Instant.parse("2026-03-02T10:00:00Z");
  public static final List<TierPrice> CARRE_OR =
      List.of(new TierPrice("STANDARD", "Plein", 9000), new TierPrice("EARLY", "Lève-tôt", 7500));
  public static final List<TierPrice> CAT1 =
      List.of(new TierPrice("STANDARD", "Plein", 5500), new TierPrice("LAUNCH", "Lancement", 4500));
  public static final List<TierPrice> FOSSE = List.of(new TierPrice("STANDARD", "Fosse", 3000));

  private final List<TicketRequest> tickets = new ArrayList<>();
  private Duration afterOpening = Duration.ofDays(30);
  private Map<String, Integer> takenBefore = Map.of("CAT1", 100);

  public static Baskets basket() {
    return new Baskets();
  }

  public Baskets at(Duration afterSalesOpened) {
    this.afterOpening = afterSalesOpened;
    return this;
  }

  public Baskets taken(String category, int places) {
    this.takenBefore = Map.of(category, places);
    return this;
  }

  public Baskets add(int count, String category, Rate rate) {
    for (int i = 0; i < count; i++) {
      String id = category + "-" + (tickets.size() + 1);
      tickets.add(
          new TicketRequest(
              id,
              category,
              category,
              tiersOf(category),
              rate,
              rate == Rate.STUDENT ? "CARTE-" + id : null,
              rate == Rate.SUBSCRIBER ? "AB-" + id : null,
              rate == Rate.SUBSCRIBER));
    }
    return this;
  }

  public Baskets add(TicketRequest ticket) {
    tickets.add(ticket);
    return this;
  }

  public PricingRequest build() {
    return new PricingRequest(
        SALES_OPENED.plus(afterOpening), SALES_OPENED, takenBefore, List.copyOf(tickets));
  }

  static List<TierPrice> tiersOf(String category) {
    return switch (category) {
      case "CARRE_OR" -> CARRE_OR;
      case "CAT1" -> CAT1;
      case "FOSSE" -> FOSSE;
      default -> List.of();
    };
  }

  private Baskets() {}
}
