package fr.guichet.api.event;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The layout of one performance: its price categories, its seated sections and its standing zones.
 * Compact by design: a 50,000-place hall is a few blocks, expanded by {@link #places()} identically
 * on both sides.
 */
public record SeatingPlan(
    List<PriceCategory> categories, List<Section> sections, List<StandingZone> zones) {

  public static final int MAX_PLACES = 100_000;
  private static final Pattern CODE = Pattern.compile("[A-Z0-9_]{1,16}");
  private static final Pattern ROW_LABEL = Pattern.compile("[A-Z0-9]{1,4}");

  public SeatingPlan {
    categories = categories == null ? List.of() : List.copyOf(categories);
    sections = sections == null ? List.of() : List.copyOf(sections);
    zones = zones == null ? List.of() : List.copyOf(zones);
  }

  /** Every place of the plan, seats first (section by section, front row first), then zones. */
  public List<PlaceDefinition> places() {
    List<PlaceDefinition> places = new ArrayList<>();
    for (Section section : sections) {
      List<String> rowOrder = rowOrder(section);
      for (SeatBlock block : section.blocks()) {
        for (String row : rowLabels(block.rows())) {
          for (int seat = block.firstSeat(); seat <= block.lastSeat(); seat++) {
            places.add(
                new PlaceDefinition(
                    section.code() + "-" + row + "-" + seat,
                    PlaceKind.SEAT,
                    section.code(),
                    row,
                    rowOrder.indexOf(row),
                    seat,
                    block.category(),
                    block.attributes()));
          }
        }
      }
    }
    for (StandingZone zone : zones) {
      for (int spot = 1; spot <= zone.capacity(); spot++) {
        places.add(
            new PlaceDefinition(
                zone.code() + "-" + spot,
                PlaceKind.STANDING,
                zone.code(),
                null,
                0,
                spot,
                zone.category(),
                Set.of()));
      }
    }
    return places;
  }

  /** Capacity without expanding: the sum of every block and zone. */
  public long capacity() {
    long total = 0;
    for (Section section : sections) {
      for (SeatBlock block : section.blocks()) {
        long seats = Math.max(0, (long) block.lastSeat() - block.firstSeat() + 1);
        total += seats * rowLabels(block.rows()).size();
      }
    }
    for (StandingZone zone : zones) {
      total += Math.max(0, zone.capacity());
    }
    return total;
  }

  /**
   * What is wrong with this plan, one sentence per problem; empty when the plan is valid. Checks
   * codes, ranges, that every place lies in a defined category and that place ids are unique.
   */
  public List<String> problems() {
    List<String> problems = new ArrayList<>();
    Set<String> categoryCodes = new HashSet<>();
    for (PriceCategory category : categories) {
      if (category.code() == null || !CODE.matcher(category.code()).matches()) {
        problems.add("Category code '" + category.code() + "' must be 1-16 of A-Z, 0-9, _.");
      } else if (!categoryCodes.add(category.code())) {
        problems.add("Category '" + category.code() + "' is defined twice.");
      }
      if (category.tiers().isEmpty()) {
        problems.add("Category '" + category.code() + "' needs at least one price tier.");
      }
      Set<String> tierCodes = new HashSet<>();
      for (PriceTier tier : category.tiers()) {
        if (tier.code() == null || !CODE.matcher(tier.code()).matches()) {
          problems.add("Tier code '" + tier.code() + "' must be 1-16 of A-Z, 0-9, _.");
        } else if (!tierCodes.add(tier.code())) {
          problems.add("Tier '" + tier.code() + "' appears twice in '" + category.code() + "'.");
        }
        if (tier.priceCents() < 0) {
          problems.add("Tier '" + tier.code() + "' has a negative price.");
        }
      }
    }
    Set<String> areaCodes = new HashSet<>();
    for (Section section : sections) {
      checkArea(section.code(), "Section", areaCodes, problems);
      if (section.blocks().isEmpty()) {
        problems.add("Section '" + section.code() + "' has no seats.");
      }
      for (SeatBlock block : section.blocks()) {
        String where = "Section '" + section.code() + "' rows '" + block.rows() + "'";
        try {
          rowLabels(block.rows());
        } catch (IllegalArgumentException e) {
          problems.add(where + ": " + e.getMessage());
        }
        if (block.firstSeat() < 1 || block.lastSeat() < block.firstSeat()) {
          problems.add(where + ": seat numbers must run from 1 upwards (first <= last).");
        }
        if (!categoryCodes.contains(block.category())) {
          problems.add(where + ": category '" + block.category() + "' is not defined.");
        }
      }
    }
    for (StandingZone zone : zones) {
      checkArea(zone.code(), "Zone", areaCodes, problems);
      if (zone.capacity() < 1) {
        problems.add("Zone '" + zone.code() + "' needs a capacity of at least 1.");
      }
      if (!categoryCodes.contains(zone.category())) {
        problems.add(
            "Zone '" + zone.code() + "': category '" + zone.category() + "' is not defined.");
      }
    }
    if (!problems.isEmpty()) {
      return problems;
    }
    long capacity = capacity();
    if (capacity == 0) {
      problems.add("The plan has no place.");
    } else if (capacity > MAX_PLACES) {
      problems.add("The plan has " + capacity + " places; at most " + MAX_PLACES + " are allowed.");
    } else {
      Set<String> ids = new HashSet<>();
      Set<String> duplicates = new LinkedHashSet<>();
      for (PlaceDefinition place : places()) {
        if (!ids.add(place.id())) {
          duplicates.add(place.id());
        }
      }
      if (!duplicates.isEmpty()) {
        problems.add(
            "Place ids are not unique: "
                + String.join(", ", duplicates.stream().limit(20).toList())
                + (duplicates.size() > 20 ? " and " + (duplicates.size() - 20) + " more" : "")
                + ".");
      }
    }
    return problems;
  }

  private static void checkArea(String code, String what, Set<String> seen, List<String> out) {
    if (code == null || !CODE.matcher(code).matches()) {
      out.add(what + " code '" + code + "' must be 1-16 of A-Z, 0-9, _.");
    } else if (!seen.add(code)) {
      out.add("Area code '" + code + "' is used twice.");
    }
  }

  private static List<String> rowOrder(Section section) {
    List<String> order = new ArrayList<>();
    for (SeatBlock block : section.blocks()) {
      for (String row : rowLabels(block.rows())) {
        if (!order.contains(row)) {
          order.add(row);
        }
      }
    }
    return order;
  }

  /** Expands a row specification such as {@code "A-Z"}, {@code "A,C,E"} or {@code "1-30"}. */
  public static List<String> rowLabels(String spec) {
    if (spec == null || spec.isBlank()) {
      throw new IllegalArgumentException("row specification is empty");
    }
    List<String> labels = new ArrayList<>();
    for (String item : spec.split(",")) {
      String part = item.trim();
      int dash = part.indexOf('-');
      if (dash < 0) {
        if (!ROW_LABEL.matcher(part).matches()) {
          throw new IllegalArgumentException("row label '" + part + "' must be 1-4 of A-Z, 0-9");
        }
        labels.add(part);
        continue;
      }
      String from = part.substring(0, dash).trim();
      String to = part.substring(dash + 1).trim();
      if (from.matches("\\d{1,4}") && to.matches("\\d{1,4}")) {
        int a = Integer.parseInt(from);
        int b = Integer.parseInt(to);
        if (b < a) {
          throw new IllegalArgumentException("row range '" + part + "' runs backwards");
        }
        for (int i = a; i <= b; i++) {
          labels.add(Integer.toString(i));
        }
      } else if (from.matches("[A-Z]") && to.matches("[A-Z]")) {
        if (to.charAt(0) < from.charAt(0)) {
          throw new IllegalArgumentException("row range '" + part + "' runs backwards");
        }
        for (char c = from.charAt(0); c <= to.charAt(0); c++) {
          labels.add(String.valueOf(c));
        }
      } else {
        throw new IllegalArgumentException(
            "row range '" + part + "' must join two letters (A-Z) or two numbers (1-30)");
      }
    }
    return labels;
  }
}
