package fr.guichet.query.dashboard;

import fr.guichet.api.event.SeatingPlan;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.data.annotation.Id;

/**
 * The sales figures of one event. Revenue ({@code revenueCents}, per category and in total) is what
 * the buyers paid: each sold ticket at the final price of its order's latest pricing, discounts
 * deducted; a sale whose order has no recorded pricing (histories from before pricing) counts at
 * the category's list price ({@link CategoryStats#priceCents()}, its first tier). A refund takes
 * back what its sale added. {@code reached} maps 50/80/100 to when that share of a category was
 * sold.
 *
 * @param version sequence number of the last event of this Event applied here
 */
record DashboardDocument(
    @Id String eventId,
    long version,
    String title,
    Instant startsAt,
    Instant salesOpenedAt,
    long planVersion,
    SeatingPlan plan,
    List<String> categoryOrder,
    Map<String, CategoryStats> categories,
    List<String> blockedPlaces,
    long capacity,
    long held,
    long sold,
    long blocked,
    long revenueCents,
    Map<String, Long> salesPerMinute,
    Map<String, Discount> discounts) {

  /** Tickets of sold orders a discount rule reduced, and the amount it took off. */
  record Discount(String rule, long tickets, long cents) {}

  record CategoryStats(
      String name,
      long priceCents,
      long capacity,
      long held,
      long sold,
      long blocked,
      long revenueCents,
      Map<String, Instant> reached,
      Map<String, Long> salesPerMinute) {
    CategoryStats {
      reached = reached == null ? Map.of() : reached;
      salesPerMinute = salesPerMinute == null ? Map.of() : salesPerMinute;
    }
  }

  DashboardDocument {
    categoryOrder = categoryOrder == null ? List.of() : categoryOrder;
    categories = categories == null ? Map.of() : categories;
    blockedPlaces = blockedPlaces == null ? List.of() : blockedPlaces;
    salesPerMinute = salesPerMinute == null ? Map.of() : salesPerMinute;
    discounts = discounts == null ? Map.of() : discounts;
  }
}
