package fr.guichet.query.catalog;

import java.util.List;

/** One page of catalog results; {@code total} counts every match. */
public record CatalogPage(List<CatalogEvent> items, int page, int size, long total) {}
