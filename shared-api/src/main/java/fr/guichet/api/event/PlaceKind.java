package fr.guichet.api.event;

public enum PlaceKind {
  SEAT,
  STANDING
}
