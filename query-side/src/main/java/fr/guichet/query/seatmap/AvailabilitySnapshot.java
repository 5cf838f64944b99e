package fr.guichet.query.seatmap;

import fr.guichet.api.query.PlaceState;
import java.util.Map;

/**
 * Every place's state in one string, one character per place in the layout's index order: {@code
 * F}ree, {@code H}eld, {@code S}old, {@code B}locked. Apply the stream's changes with a version
 * above {@code version}.
 */
public record AvailabilitySnapshot(
    String eventId,
    long version,
    long layoutVersion,
    String states,
    Map<PlaceState, Integer> counts) {

  public String etag() {
    return "\"availability-" + eventId + "-" + layoutVersion + "-" + version + "\"";
  }

  static char code(PlaceState state) {
    return state.name().charAt(0);
  }
}
