package fr.guichet.api.event;

import java.util.List;

/**
 * What a buyer asks to hold: specific places, a quantity in a standing zone, or the best N
 * available seats in a category.
 *
 * @param placeIds for {@link Kind#SPECIFIC}
 * @param area the zone code for {@link Kind#STANDING}, the category code for {@link
 *     Kind#BEST_AVAILABLE}
 * @param accessibleOnly for {@link Kind#BEST_AVAILABLE}: only seats marked accessible
 */
public record PlaceSelection(
    Kind kind, List<String> placeIds, String area, int quantity, boolean accessibleOnly) {

  public enum Kind {
    SPECIFIC,
    STANDING,
    BEST_AVAILABLE
  }

  public PlaceSelection {
    placeIds = placeIds == null ? List.of() : List.copyOf(placeIds);
  }

  public static PlaceSelection specific(List<String> placeIds) {
    return new PlaceSelection(Kind.SPECIFIC, placeIds, null, placeIds.size(), false);
  }

  public static PlaceSelection standing(String zone, int quantity) {
    return new PlaceSelection(Kind.STANDING, List.of(), zone, quantity, false);
  }

  public static PlaceSelection bestAvailable(String category, int quantity, boolean accessible) {
    return new PlaceSelection(Kind.BEST_AVAILABLE, List.of(), category, quantity, accessible);
  }

  /** How many places this selection asks for. */
  public int size() {
    return kind == Kind.SPECIFIC ? placeIds.size() : quantity;
  }
}
