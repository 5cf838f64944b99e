package fr.guichet.query.catalog;

import fr.guichet.api.event.SalesState;
import fr.guichet.api.event.SeatingPlan;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.data.annotation.Id;

/**
 * One event in the catalog collection. Counts are kept per category in {@code counts} (and in
 * total) by conditional increments; the plan is kept to know each place's category.
 *
 * @param version sequence number of the last event of this Event applied here
 */
record CatalogDocument(
    @Id String eventId,
    long version,
    String title,
    String venue,
    Instant startsAt,
    String description,
    String searchText,
    SalesState salesState,
    Instant opensAt,
    long planVersion,
    SeatingPlan plan,
    List<CategoryInfo> categories,
    Map<String, Counts> counts,
    List<String> blockedPlaces,
    long capacity,
    long free,
    long held,
    long sold,
    long blocked) {

  record CategoryInfo(String code, String name, long minPriceCents, long maxPriceCents) {}

  record Counts(long capacity, long free, long held, long sold, long blocked) {}

  CatalogDocument {
    categories = categories == null ? List.of() : categories;
    counts = counts == null ? Map.of() : counts;
    blockedPlaces = blockedPlaces == null ? List.of() : blockedPlaces;
  }
}
