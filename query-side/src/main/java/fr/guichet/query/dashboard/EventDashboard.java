package fr.guichet.query.dashboard;

import fr.guichet.query.dashboard.DashboardDocument.CategoryStats;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the director watches for one event: per category and in total, capacity, held, sold, free,
 * revenue and fill rate; sales per minute; and how long after the opening each category reached 50,
 * 80 and 100% sold.
 *
 * @param revenueCents what the buyers paid for the sold places (discounts deducted, refunds taken
 *     back)
 */
public record EventDashboard(
    String eventId,
    long version,
    String title,
    Instant startsAt,
    Instant salesOpenedAt,
    long capacity,
    long held,
    long sold,
    long blocked,
    long free,
    long revenueCents,
    double fillRate,
    List<CategoryDashboard> categories,
    List<MinuteSales> salesPerMinute,
    List<DiscountUse> discounts) {

  static final List<Integer> MILESTONES = List.of(50, 80, 100);

  /**
   * @param priceCents the category's list price (its first tier); sales without recorded pricing
   *     count at it
   * @param revenueCents what the buyers paid for this category's sold places
   */
  public record CategoryDashboard(
      String code,
      String name,
      long priceCents,
      long capacity,
      long held,
      long sold,
      long blocked,
      long free,
      long revenueCents,
      double fillRate,
      List<Milestone> milestones,
      List<MinuteSales> salesPerMinute) {}

  /**
   * @param afterSeconds time from the sales opening to {@code reachedAt}; null if either is unknown
   */
  public record Milestone(int percent, Instant reachedAt, Long afterSeconds) {}

  public record MinuteSales(Instant minute, long sold) {}

  /** A discount rule's use in the sold orders: tickets it reduced and the amount taken off. */
  public record DiscountUse(String rule, long tickets, long cents) {}

  static EventDashboard of(DashboardDocument doc) {
    List<CategoryDashboard> categories = new ArrayList<>();
    for (String code : doc.categoryOrder()) {
      CategoryStats stats = doc.categories().get(code);
      if (stats == null) {
        continue;
      }
      List<Milestone> milestones = new ArrayList<>();
      for (int percent : MILESTONES) {
        Instant reachedAt = stats.reached().get(Integer.toString(percent));
        Long after =
            reachedAt == null || doc.salesOpenedAt() == null
                ? null
                : Duration.between(doc.salesOpenedAt(), reachedAt).toSeconds();
        milestones.add(new Milestone(percent, reachedAt, after));
      }
      categories.add(
          new CategoryDashboard(
              code,
              stats.name(),
              stats.priceCents(),
              stats.capacity(),
              stats.held(),
              stats.sold(),
              stats.blocked(),
              stats.capacity() - stats.held() - stats.sold() - stats.blocked(),
              stats.revenueCents(),
              rate(stats.sold(), stats.capacity()),
              milestones,
              series(stats.salesPerMinute())));
    }
    return new EventDashboard(
        doc.eventId(),
        doc.version(),
        doc.title(),
        doc.startsAt(),
        doc.salesOpenedAt(),
        doc.capacity(),
        doc.held(),
        doc.sold(),
        doc.blocked(),
        doc.capacity() - doc.held() - doc.sold() - doc.blocked(),
        doc.revenueCents(),
        rate(doc.sold(), doc.capacity()),
        categories,
        series(doc.salesPerMinute()),
        doc.discounts().values().stream()
            .filter(d -> d.tickets() > 0)
            .map(d -> new DiscountUse(d.rule(), d.tickets(), d.cents()))
            .sorted(Comparator.comparingLong(DiscountUse::tickets).reversed())
            .toList());
  }

  static double rate(long sold, long capacity) {
    return capacity == 0 ? 0 : Math.round(sold * 10_000.0 / capacity) / 10_000.0;
  }

  private static List<MinuteSales> series(Map<String, Long> perMinute) {
    List<MinuteSales> series = new ArrayList<>();
    new TreeMap<>(perMinute)
        .forEach((minute, sold) -> series.add(new MinuteSales(Instant.parse(minute), sold)));
    return series;
  }
}
