package fr.guichet.standalone.support;

import fr.guichet.api.event.EventDomainEvent.HeldPlacesSoldEvent;
import fr.guichet.api.event.EventDomainEvent.HoldExpiredEvent;
import fr.guichet.api.event.EventDomainEvent.HoldReleasedEvent;
import fr.guichet.api.event.EventDomainEvent.PlacesBlockedEvent;
import fr.guichet.api.event.EventDomainEvent.PlacesHeldEvent;
import fr.guichet.api.event.EventDomainEvent.PlacesUnblockedEvent;
import fr.guichet.api.event.EventDomainEvent.SeatingPlanConfiguredEvent;
import fr.guichet.api.event.PlaceDefinition;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.axonframework.eventhandling.DomainEventMessage;

/**
 * Replays one Event's stored history place by place and records every moment the booking invariants
 * break: a place taken by two orders, a place freed or sold by an order that did not hold it, an
 * order held twice, counts that do not add up to capacity, a gap in the sequence.
 */
public final class PlaceLedger {

  public enum State {
    FREE,
    HELD,
    SOLD,
    BLOCKED
  }

  private final Map<String, State> states = new HashMap<>();
  private final Map<String, String> owners = new HashMap<>();
  private final Set<String> heldOrders = new HashSet<>();
  private final Map<String, List<String>> soldByOrder = new HashMap<>();
  private final List<String> violations = new ArrayList<>();
  private int capacity;

  public static PlaceLedger replay(List<DomainEventMessage<?>> history) {
    PlaceLedger ledger = new PlaceLedger();
    long expected = 0;
    for (DomainEventMessage<?> message : history) {
      if (message.getSequenceNumber() != expected) {
        ledger.violations.add(
            "sequence gap: expected " + expected + " got " + message.getSequenceNumber());
      }
      expected = message.getSequenceNumber() + 1;
      ledger.apply(message.getPayload(), message.getSequenceNumber());
    }
    return ledger;
  }

  private void apply(Object event, long seq) {
    if (event instanceof SeatingPlanConfiguredEvent e) {
      Map<String, State> next = new HashMap<>();
      for (PlaceDefinition place : e.plan().places()) {
        next.put(place.id(), states.getOrDefault(place.id(), State.FREE));
      }
      states.clear();
      states.putAll(next);
      capacity = e.capacity();
    } else if (event instanceof PlacesHeldEvent e) {
      if (!heldOrders.add(e.orderId())) {
        violations.add("#" + seq + " order " + e.orderId() + " held a second time");
      }
      move(e.placeIds(), State.FREE, State.HELD, null, e.orderId(), seq);
    } else if (event instanceof HoldReleasedEvent e) {
      move(e.placeIds(), State.HELD, State.FREE, e.orderId(), null, seq);
    } else if (event instanceof HoldExpiredEvent e) {
      move(e.placeIds(), State.HELD, State.FREE, e.orderId(), null, seq);
    } else if (event instanceof HeldPlacesSoldEvent e) {
      move(e.placeIds(), State.HELD, State.SOLD, e.orderId(), e.orderId(), seq);
      soldByOrder.put(e.orderId(), e.placeIds());
    } else if (event instanceof PlacesBlockedEvent e) {
      move(e.placeIds(), State.FREE, State.BLOCKED, null, null, seq);
    } else if (event instanceof PlacesUnblockedEvent e) {
      move(e.placeIds(), State.BLOCKED, State.FREE, null, null, seq);
    }
    int[] counts = counts();
    int total = counts[0] + counts[1] + counts[2] + counts[3];
    if (total != capacity) {
      violations.add("#" + seq + " free+held+sold+blocked = " + total + " ≠ " + capacity);
    }
  }

  private void move(
      List<String> places, State from, State to, String expectedOwner, String newOwner, long seq) {
    for (String place : places) {
      State current = states.get(place);
      if (current == null) {
        violations.add("#" + seq + " unknown place " + place);
        continue;
      }
      if (current != from) {
        violations.add("#" + seq + " " + place + " was " + current + ", expected " + from);
      }
      if (expectedOwner != null && !expectedOwner.equals(owners.get(place))) {
        violations.add(
            "#" + seq + " " + place + " owned by " + owners.get(place) + ", not " + expectedOwner);
      }
      states.put(place, to);
      if (newOwner == null) {
        owners.remove(place);
      } else {
        owners.put(place, newOwner);
      }
    }
  }

  public int[] counts() {
    int[] counts = new int[4];
    states.values().forEach(s -> counts[s.ordinal()]++);
    return counts;
  }

  public int count(State state) {
    return counts()[state.ordinal()];
  }

  public List<String> violations() {
    return violations;
  }

  public Map<String, List<String>> soldByOrder() {
    return soldByOrder;
  }

  public Set<String> heldOrders() {
    return heldOrders;
  }

  public int capacity() {
    return capacity;
  }
}
