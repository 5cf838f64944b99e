package fr.guichet.query.catalog;

import fr.guichet.api.event.SalesState;
import java.time.Instant;
import java.util.List;

/** An event as the catalog shows it: what, where, when, at which prices, and what is left. */
public record CatalogEvent(
    String eventId,
    String title,
    String venue,
    Instant startsAt,
    String description,
    SalesState salesState,
    Instant opensAt,
    long capacity,
    long free,
    long held,
    long sold,
    boolean available,
    List<Category> categories) {

  public record Category(
      String code,
      String name,
      long minPriceCents,
      long maxPriceCents,
      long capacity,
      long free,
      long held,
      long sold,
      long blocked) {}

  static CatalogEvent of(CatalogDocument doc) {
    List<Category> categories =
        doc.categories().stream()
            .map(
                info -> {
                  CatalogDocument.Counts c =
                      doc.counts()
                          .getOrDefault(info.code(), new CatalogDocument.Counts(0, 0, 0, 0, 0));
                  return new Category(
                      info.code(),
                      info.name(),
                      info.minPriceCents(),
                      info.maxPriceCents(),
                      c.capacity(),
                      c.free(),
                      c.held(),
                      c.sold(),
                      c.blocked());
                })
            .toList();
    return new CatalogEvent(
        doc.eventId(),
        doc.title(),
        doc.venue(),
        doc.startsAt(),
        doc.description(),
        doc.salesState(),
        doc.opensAt(),
        doc.capacity(),
        doc.free(),
        doc.held(),
        doc.sold(),
        doc.free() > 0,
        categories);
  }
}
