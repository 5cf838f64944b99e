package fr.guichet.api.query;

/** Where one place stands for a buyer looking at the seat map. */
public enum PlaceState {
  FREE,
  HELD,
  SOLD,
  BLOCKED
}
