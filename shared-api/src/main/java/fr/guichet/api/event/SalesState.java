package fr.guichet.api.event;

/** The sales lifecycle of an event: DRAFT → APPROVED → ON_SALE ⇄ PAUSED → CLOSED. */
public enum SalesState {
  DRAFT,
  APPROVED,
  ON_SALE,
  PAUSED,
  CLOSED
}
