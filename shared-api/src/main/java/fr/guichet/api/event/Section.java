package fr.guichet.api.event;

import java.util.List;

/** A seated section of the hall (e.g. {@code ORCH}), described by blocks of seats. */
public record Section(String code, String name, List<SeatBlock> blocks) {
  public Section {
    blocks = blocks == null ? List.of() : List.copyOf(blocks);
  }
}
