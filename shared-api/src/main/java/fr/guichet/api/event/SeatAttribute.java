package fr.guichet.api.event;

/** What a buyer may want to know about a seat before choosing it. */
public enum SeatAttribute {
  ACCESSIBLE,
  RESTRICTED_VIEW
}
