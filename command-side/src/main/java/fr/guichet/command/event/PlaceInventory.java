package fr.guichet.command.event;

import fr.guichet.api.event.PlaceDefinition;
import fr.guichet.api.event.PlaceKind;
import fr.guichet.api.event.SeatAttribute;
import fr.guichet.api.event.SeatingPlan;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The state of every place of one Event, kept in flat arrays so that a 50,000-place hall stays
 * small and a hold costs a few array reads. Mutated only from the Event's event-sourcing handlers.
 */
final class PlaceInventory {

  enum State {
    FREE,
    HELD,
    SOLD,
    BLOCKED
  }

  private static final State[] STATES = State.values();

  private final String[] ids;
  private final String[] categories;
  private final boolean[] accessible;
  private final byte[] states;
  private final String[] owners;
  private final Map<String, Integer> indexById;
  private final List<Places> seatRows;
  private final Map<String, Places> zoneSpots;
  private final Set<String> categoryCodes;
  private final int[] seatNumbers;
  private final Map<String, Integer> takenByCategory = new HashMap<>();

  /** The standing zone of each place; null for a seat. */
  private final String[] zones;

  /** Free seats per category and free spots per zone, counted as places change state. */
  private final Map<String, Integer> freeSeatsByCategory = new HashMap<>();

  private final Map<String, Integer> freeSpotsByZone = new HashMap<>();
  private int free;

  private PlaceInventory(SeatingPlan plan) {
    List<PlaceDefinition> places = plan.places();
    int size = places.size();
    ids = new String[size];
    categories = new String[size];
    accessible = new boolean[size];
    states = new byte[size];
    owners = new String[size];
    seatNumbers = new int[size];
    zones = new String[size];
    free = size;
    indexById = new HashMap<>(size * 2);
    Map<String, List<Integer>> rows = new LinkedHashMap<>();
    Map<String, List<Integer>> spotsByZone = new LinkedHashMap<>();
    for (int i = 0; i < size; i++) {
      PlaceDefinition place = places.get(i);
      ids[i] = place.id();
      categories[i] = place.category();
      accessible[i] = place.attributes().contains(SeatAttribute.ACCESSIBLE);
      seatNumbers[i] = place.number();
      indexById.put(place.id(), i);
      if (place.kind() == PlaceKind.SEAT) {
        freeSeatsByCategory.merge(place.category(), 1, Integer::sum);
        rows.computeIfAbsent(place.area() + "\u0000" + place.rowIndex(), k -> new ArrayList<>())
            .add(i);
      } else {
        zones[i] = place.area();
        freeSpotsByZone.merge(place.area(), 1, Integer::sum);
        spotsByZone.computeIfAbsent(place.area(), k -> new ArrayList<>()).add(i);
      }
    }
    seatRows = new ArrayList<>();
    plan.sections()
        .forEach(
            section ->
                rows.entrySet().stream()
                    .filter(e -> e.getKey().startsWith(section.code() + "\u0000"))
                    .sorted(
                        (a, b) -> Integer.compare(rowIndexOf(a.getKey()), rowIndexOf(b.getKey())))
                    .forEach(
                        e ->
                            seatRows.add(
                                new Places(
                                    e.getValue().stream()
                                        .sorted(
                                            (x, y) ->
                                                Integer.compare(seatNumbers[x], seatNumbers[y]))
                                        .mapToInt(Integer::intValue)
                                        .toArray()))));
    zoneSpots = new HashMap<>();
    spotsByZone.forEach(
        (code, spots) ->
            zoneSpots.put(code, new Places(spots.stream().mapToInt(i -> i).toArray())));
    categoryCodes =
        plan.categories().stream().map(c -> c.code()).collect(Collectors.toUnmodifiableSet());
  }

  /** Place indexes of one row or zone, compared by content. */
  private record Places(int[] indexes) {
    @Override
    public boolean equals(Object other) {
      return other instanceof Places p && Arrays.equals(indexes, p.indexes);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(indexes);
    }

    @Override
    public String toString() {
      return Arrays.toString(indexes);
    }
  }

  private static int rowIndexOf(String key) {
    return Integer.parseInt(key.substring(key.indexOf('\u0000') + 1));
  }

  static PlaceInventory of(SeatingPlan plan) {
    return new PlaceInventory(plan);
  }

  /** A new inventory for {@code plan} carrying over the state of places that still exist. */
  PlaceInventory replacedBy(SeatingPlan plan) {
    PlaceInventory next = new PlaceInventory(plan);
    for (int i = 0; i < ids.length; i++) {
      if (states[i] != State.FREE.ordinal()) {
        Integer j = next.indexById.get(ids[i]);
        if (j != null) {
          next.setState(j, STATES[states[i]]);
          next.owners[j] = owners[i];
        }
      }
    }
    return next;
  }

  /** Held or sold places that {@code plan} would remove or move to another category. */
  List<String> takenPlacesChangedBy(SeatingPlan plan) {
    Map<String, String> categoryById = new HashMap<>();
    plan.places().forEach(p -> categoryById.put(p.id(), p.category()));
    List<String> touched = new ArrayList<>();
    for (int i = 0; i < ids.length; i++) {
      State state = STATES[states[i]];
      if ((state == State.HELD || state == State.SOLD)
          && !categories[i].equals(categoryById.get(ids[i]))) {
        touched.add(ids[i]);
      }
    }
    return touched;
  }

  int capacity() {
    return ids.length;
  }

  boolean hasCategory(String code) {
    return categoryCodes.contains(code);
  }

  boolean hasZone(String code) {
    return zoneSpots.containsKey(code);
  }

  Integer indexOf(String placeId) {
    return indexById.get(placeId);
  }

  String idOf(int index) {
    return ids[index];
  }

  State stateOf(int index) {
    return STATES[states[index]];
  }

  String categoryOf(int index) {
    return categories[index];
  }

  /** Places held or sold per category. */
  /** Held and sold places per category, counted as places change state (a hold reads it). */
  Map<String, Integer> takenByCategory() {
    Map<String, Integer> taken = new HashMap<>(takenByCategory);
    taken.values().removeIf(count -> count == 0);
    return taken;
  }

  void mark(List<String> placeIds, State state, String owner) {
    for (String id : placeIds) {
      int i = indexById.get(id);
      setState(i, state);
      owners[i] = owner;
    }
  }

  private void setState(int i, State state) {
    boolean wasTaken = isTaken(STATES[states[i]]);
    boolean isTaken = isTaken(state);
    if (wasTaken != isTaken) {
      takenByCategory.merge(categories[i], isTaken ? 1 : -1, Integer::sum);
    }
    boolean wasFree = states[i] == State.FREE.ordinal();
    if (wasFree != (state == State.FREE)) {
      int change = wasFree ? -1 : 1;
      free += change;
      if (zones[i] == null) {
        freeSeatsByCategory.merge(categories[i], change, Integer::sum);
      } else {
        freeSpotsByZone.merge(zones[i], change, Integer::sum);
      }
    }
    states[i] = (byte) state.ordinal();
  }

  private static boolean isTaken(State state) {
    return state == State.HELD || state == State.SOLD;
  }

  /** How many places are free, all areas together. */
  int free() {
    return free;
  }

  /** Free seats of a category (accessible or not), a count kept as places change state. */
  int freeSeatsIn(String category) {
    return freeSeatsByCategory.getOrDefault(category, 0);
  }

  /** Free spots of a standing zone, a count kept as places change state. */
  int freeSpotsIn(String zone) {
    return freeSpotsByZone.getOrDefault(zone, 0);
  }

  int[] count() {
    int[] counts = new int[STATES.length];
    for (byte s : states) {
      counts[s]++;
    }
    return counts;
  }

  /** The first {@code quantity} free spots of a standing zone, or null when there are fewer. */
  List<String> freeSpots(String zone, int quantity) {
    List<String> chosen = new ArrayList<>(quantity);
    for (int i : zoneSpots.get(zone).indexes()) {
      if (states[i] == State.FREE.ordinal()) {
        chosen.add(ids[i]);
        if (chosen.size() == quantity) {
          return chosen;
        }
      }
    }
    return null;
  }

  /**
   * The best {@code quantity} free seats of a category: adjacent seats in one row, front rows first
   * and nearest the row's centre, never leaving a single seat stranded when another choice avoids
   * it; failing that, adjacent seats that strand one; failing that, the best free seats of the
   * category wherever they are. Null when the category has fewer free seats.
   */
  List<String> bestAvailable(String category, int quantity, boolean accessibleOnly) {
    int[] best = null;
    for (boolean allowOrphans : new boolean[] {false, true}) {
      for (Places row : seatRows) {
        int[] run = bestRunInRow(row.indexes(), category, quantity, accessibleOnly, allowOrphans);
        if (run != null) {
          best = run;
          break;
        }
      }
      if (best != null) {
        break;
      }
    }
    if (best != null) {
      return Arrays.stream(best).mapToObj(i -> ids[i]).toList();
    }
    List<String> scattered = new ArrayList<>(quantity);
    for (Places row : seatRows) {
      for (int i : row.indexes()) {
        if (eligible(i, category, accessibleOnly)) {
          scattered.add(ids[i]);
          if (scattered.size() == quantity) {
            return scattered;
          }
        }
      }
    }
    return null;
  }

  private boolean eligible(int i, String category, boolean accessibleOnly) {
    return states[i] == State.FREE.ordinal()
        && categories[i].equals(category)
        && (!accessibleOnly || accessible[i]);
  }

  private int[] bestRunInRow(
      int[] row, String category, int quantity, boolean accessibleOnly, boolean allowOrphans) {
    if (row.length < quantity) {
      return null;
    }
    double centre = (row.length - 1) / 2.0;
    int bestStart = -1;
    double bestDistance = Double.MAX_VALUE;
    int runLength = 0;
    for (int k = 0; k < row.length; k++) {
      boolean ok = eligible(row[k], category, accessibleOnly);
      boolean contiguous = k > 0 && seatNumbers[row[k]] == seatNumbers[row[k - 1]] + 1;
      if (!ok) {
        runLength = 0;
        continue;
      }
      if (runLength == 0 || !contiguous) {
        runLength = 1;
      } else {
        runLength++;
      }
      if (runLength >= quantity) {
        int start = k - quantity + 1;
        if (allowOrphans || !strandsOneSeat(row, start, k)) {
          double distance = Math.abs((start + k) / 2.0 - centre);
          if (distance < bestDistance) {
            bestDistance = distance;
            bestStart = start;
          }
        }
      }
    }
    if (bestStart < 0) {
      return null;
    }
    return Arrays.copyOfRange(row, bestStart, bestStart + quantity);
  }

  private boolean strandsOneSeat(int[] row, int start, int end) {
    return isLoneFreeSeat(row, start - 1, -1) || isLoneFreeSeat(row, end + 1, +1);
  }

  private boolean isLoneFreeSeat(int[] row, int k, int direction) {
    if (k < 0 || k >= row.length || states[row[k]] != State.FREE.ordinal()) {
      return false;
    }
    int beyond = k + direction;
    boolean adjacentBeyond =
        beyond >= 0
            && beyond < row.length
            && Math.abs(seatNumbers[row[beyond]] - seatNumbers[row[k]]) == 1;
    return !adjacentBeyond || states[row[beyond]] != State.FREE.ordinal();
  }
}
