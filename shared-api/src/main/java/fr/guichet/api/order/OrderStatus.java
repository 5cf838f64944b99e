package fr.guichet.api.order;

/** AWAITING_PAYMENT → CONFIRMED | EXPIRED | CANCELLED. */
public enum OrderStatus {
  AWAITING_PAYMENT,
  CONFIRMED,
  EXPIRED,
  CANCELLED
}
