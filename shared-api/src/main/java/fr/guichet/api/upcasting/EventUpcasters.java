package fr.guichet.api.upcasting;

import org.axonframework.serialization.upcasting.event.EventUpcasterChain;

/**
 * Every upcaster of the platform's events, oldest change first: what turns an event as it was
 * stored, whatever its revision, into the current class. Both sides read the store through this one
 * chain (the command side to load aggregates, the query side to feed views), so an event loads the
 * same everywhere. Add an upcaster at the end when an event class changes shape and its
 * {@code @Revision} goes up; never edit or remove one, and never rewrite stored events
 * (docs/adr/0703).
 */
public final class EventUpcasters {

  private EventUpcasters() {}

  /** A new chain of all upcasters, in the order they must run. */
  public static EventUpcasterChain chain() {
    return new EventUpcasterChain(new SalesPausedEventUpcaster());
  }
}
