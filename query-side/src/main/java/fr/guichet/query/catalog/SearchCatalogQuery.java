package fr.guichet.query.catalog;

import fr.guichet.api.event.SalesState;
import fr.guichet.query.support.BadQueryException;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A catalog search. Without {@code states} the public catalog is meant: events approved, on sale or
 * paused (drafts and closed sales are left out).
 *
 * @param text words that must all appear in the title, venue or description (case-insensitive)
 * @param from only events starting at or after this instant
 * @param to only events starting before this instant
 * @param available only events (or, with {@code category}, categories) with free places
 * @param sort {@code startsAt}, {@code -startsAt}, {@code title}, {@code -title}, {@code free},
 *     {@code -free}
 */
public record SearchCatalogQuery(
    String text,
    Instant from,
    Instant to,
    String venue,
    String category,
    Boolean available,
    List<SalesState> states,
    String sort,
    int page,
    int size) {

  public static final int MAX_PAGE_SIZE = 100;
  public static final int DEFAULT_PAGE_SIZE = 20;
  private static final Pattern CATEGORY_CODE = Pattern.compile("[A-Z0-9_]{1,16}");
  static final Set<String> SORTS = Set.of("startsAt", "title", "free");
  static final List<SalesState> PUBLIC_STATES =
      List.of(SalesState.APPROVED, SalesState.ON_SALE, SalesState.PAUSED);

  public SearchCatalogQuery {
    if (page < 0) {
      throw new BadQueryException("invalid-page", "page must be 0 or more.");
    }
    if (size < 1 || size > MAX_PAGE_SIZE) {
      throw new BadQueryException(
          "invalid-page-size", "size must be between 1 and " + MAX_PAGE_SIZE + ".");
    }
    if (from != null && to != null && !from.isBefore(to)) {
      throw new BadQueryException("invalid-date-range", "from must be before to.");
    }
    sort = sort == null || sort.isBlank() ? "startsAt" : sort.trim();
    if (!SORTS.contains(sort.startsWith("-") ? sort.substring(1) : sort)) {
      throw new BadQueryException(
          "invalid-sort", "sort must be one of startsAt, title, free (prefix - for descending).");
    }
    if (text != null && text.length() > 200) {
      throw new BadQueryException("invalid-text", "Search text is limited to 200 characters.");
    }
    if (category != null && !category.isBlank() && !CATEGORY_CODE.matcher(category).matches()) {
      throw new BadQueryException(
          "invalid-category", "category must be a category code (1-16 of A-Z, 0-9, _).");
    }
    states = states == null || states.isEmpty() ? PUBLIC_STATES : List.copyOf(states);
  }
}
