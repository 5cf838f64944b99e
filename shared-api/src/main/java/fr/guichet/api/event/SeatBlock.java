package fr.guichet.api.event;

import java.util.Set;

/**
 * A rectangle of seats generated in bulk: every row in {@code rows} × seat numbers {@code
 * firstSeat}..{@code lastSeat}, all in one category and with the same attributes.
 *
 * @param rows row labels: a comma-separated list of labels or ranges, e.g. {@code "A-Z"}, {@code
 *     "A,C,E"}, {@code "1-30"}
 */
public record SeatBlock(
    String rows, int firstSeat, int lastSeat, String category, Set<SeatAttribute> attributes) {
  public SeatBlock {
    attributes = attributes == null ? Set.of() : Set.copyOf(attributes);
  }
}
