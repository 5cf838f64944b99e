package fr.guichet.query.seatmap;

import fr.guichet.api.event.PlaceDefinition;
import fr.guichet.api.event.PlaceKind;
import fr.guichet.api.event.PriceCategory;
import fr.guichet.api.event.PriceTier;
import fr.guichet.api.event.SeatAttribute;
import fr.guichet.api.event.SeatingPlan;
import fr.guichet.api.event.Section;
import fr.guichet.api.event.StandingZone;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The static drawing of an event's hall, computed from its seating plan: sections stacked from the
 * stage, rows centred, one seat every {@value #SEAT_PITCH} units; standing zones as boxes below.
 * Every place carries its index {@code i} in {@link SeatingPlan#places()} order, the order of the
 * availability snapshot's state string.
 *
 * @param version sequence number of the SeatingPlanConfiguredEvent this layout comes from
 */
public record SeatMapLayout(
    String eventId,
    long version,
    int width,
    int height,
    int placeCount,
    List<Category> categories,
    List<Area> sections,
    List<Zone> zones) {

  static final int SEAT_PITCH = 10;
  static final int ROW_PITCH = 12;
  static final int MARGIN = 20;
  static final int HEADER = 20;
  static final int GAP = 20;
  static final int ZONE_HEIGHT = 60;

  public record Category(
      String code, String name, long minPriceCents, long maxPriceCents, List<PriceTier> tiers) {}

  public record Area(
      String code, String name, int x, int y, int width, int height, List<Row> rows) {}

  public record Row(String label, int index, int y, List<Seat> seats) {}

  public record Seat(
      String id, int i, int number, int x, int y, String category, Set<SeatAttribute> attributes) {}

  public record Zone(
      String code,
      String name,
      String category,
      int capacity,
      int firstIndex,
      int x,
      int y,
      int width,
      int height) {}

  /** The ETag of this layout: it changes only when the plan is configured again. */
  public String etag() {
    return etag(eventId, version);
  }

  static String etag(String eventId, long version) {
    return "\"layout-" + eventId + "-" + version + "\"";
  }

  public static SeatMapLayout of(String eventId, long version, SeatingPlan plan) {
    List<PlaceDefinition> places = plan.places();
    Map<String, Map<Integer, List<Integer>>> rowsByArea = new LinkedHashMap<>();
    Map<String, Integer> zoneFirstIndex = new LinkedHashMap<>();
    for (int i = 0; i < places.size(); i++) {
      PlaceDefinition place = places.get(i);
      if (place.kind() == PlaceKind.SEAT) {
        rowsByArea
            .computeIfAbsent(place.area(), a -> new TreeMap<>())
            .computeIfAbsent(place.rowIndex(), r -> new ArrayList<>())
            .add(i);
      } else {
        zoneFirstIndex.putIfAbsent(place.area(), i);
      }
    }
    int widestRow = 1;
    for (Map<Integer, List<Integer>> rows : rowsByArea.values()) {
      for (List<Integer> row : rows.values()) {
        widestRow = Math.max(widestRow, span(places, row));
      }
    }
    int width = 2 * MARGIN + widestRow * SEAT_PITCH;
    int top = MARGIN;
    List<Area> sections = new ArrayList<>();
    for (Section section : plan.sections()) {
      Map<Integer, List<Integer>> rows = rowsByArea.getOrDefault(section.code(), Map.of());
      List<Row> drawnRows = new ArrayList<>();
      int rowTop = top + HEADER;
      for (Map.Entry<Integer, List<Integer>> entry : rows.entrySet()) {
        List<Integer> row = entry.getValue();
        int first = row.stream().mapToInt(i -> places.get(i).number()).min().orElse(1);
        int offset = MARGIN + (widestRow - span(places, row)) * SEAT_PITCH / 2;
        int y = rowTop + entry.getKey() * ROW_PITCH;
        List<Seat> seats = new ArrayList<>(row.size());
        for (int i : row) {
          PlaceDefinition place = places.get(i);
          seats.add(
              new Seat(
                  place.id(),
                  i,
                  place.number(),
                  offset + (place.number() - first) * SEAT_PITCH,
                  y,
                  place.category(),
                  place.attributes()));
        }
        drawnRows.add(new Row(places.get(row.get(0)).row(), entry.getKey(), y, seats));
      }
      int height = HEADER + rows.size() * ROW_PITCH;
      sections.add(
          new Area(
              section.code(), section.name(), MARGIN, top, width - 2 * MARGIN, height, drawnRows));
      top += height + GAP;
    }
    List<Zone> zones = new ArrayList<>();
    for (StandingZone zone : plan.zones()) {
      zones.add(
          new Zone(
              zone.code(),
              zone.name(),
              zone.category(),
              zone.capacity(),
              zoneFirstIndex.getOrDefault(zone.code(), -1),
              MARGIN,
              top,
              width - 2 * MARGIN,
              ZONE_HEIGHT));
      top += ZONE_HEIGHT + GAP;
    }
    List<Category> categories = new ArrayList<>();
    for (PriceCategory category : plan.categories()) {
      long min = category.tiers().stream().mapToLong(PriceTier::priceCents).min().orElse(0);
      long max = category.tiers().stream().mapToLong(PriceTier::priceCents).max().orElse(0);
      categories.add(new Category(category.code(), category.name(), min, max, category.tiers()));
    }
    return new SeatMapLayout(
        eventId, version, width, top - GAP + MARGIN, places.size(), categories, sections, zones);
  }

  private static int span(List<PlaceDefinition> places, List<Integer> row) {
    int min = Integer.MAX_VALUE;
    int max = Integer.MIN_VALUE;
    for (int i : row) {
      min = Math.min(min, places.get(i).number());
      max = Math.max(max, places.get(i).number());
    }
    return max - min + 1;
  }
}
