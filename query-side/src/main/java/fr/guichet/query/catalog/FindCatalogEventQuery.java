package fr.guichet.query.catalog;

/** One event of the catalog, whatever its sales state; answers a {@link CatalogEvent}. */
public record FindCatalogEventQuery(String eventId) {}
