package fr.guichet.command.audit;

import fr.guichet.api.event.EventDomainEvent.HeldPlacesSoldEvent;
import fr.guichet.api.event.EventDomainEvent.HoldExpiredEvent;
import fr.guichet.api.event.EventDomainEvent.HoldReleasedEvent;
import fr.guichet.api.event.EventDomainEvent.LatePaymentAcceptedEvent;
import fr.guichet.api.event.EventDomainEvent.PlacesBlockedEvent;
import fr.guichet.api.event.EventDomainEvent.PlacesHeldEvent;
import fr.guichet.api.event.EventDomainEvent.PlacesUnblockedEvent;
import fr.guichet.api.event.EventDomainEvent.SaleCancelledEvent;
import fr.guichet.api.event.EventDomainEvent.SeatingPlanConfiguredEvent;
import fr.guichet.api.event.EventDomainEvent.SoldPlacesCancelledEvent;
import fr.guichet.api.event.PlaceDefinition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.axonframework.eventhandling.DomainEventMessage;

/**
 * Replays one Event's stored history place by place, independently of the aggregate: which order
 * held or bought which place at any instant, and every moment the booking invariants would break (a
 * place taken by two orders, freed or sold by an order that did not hold it, an order held twice,
 * counts that do not add up to capacity, a gap in the sequence).
 */
public final class SeatingReplay {

  public enum PlaceState {
    FREE,
    HELD,
    SOLD,
    BLOCKED
  }

  /** One place at the replayed instant; {@code orderId} is set while held or sold. */
  public record PlaceAtTime(String placeId, String category, PlaceState state, String orderId) {}

  private final Map<String, PlaceState> states = new LinkedHashMap<>();
  private final Map<String, String> categories = new HashMap<>();
  private final Map<String, String> owners = new HashMap<>();
  private final Set<String> heldOrders = new HashSet<>();
  private final Map<String, List<String>> soldByOrder = new HashMap<>();
  private final List<String> violations = new ArrayList<>();
  private int capacity;
  private long lastSequence = -1;

  /** Replays the whole history. */
  public static SeatingReplay of(Iterable<? extends DomainEventMessage<?>> history) {
    return until(history, Instant.MAX);
  }

  /** Replays the events stored at or before {@code instant}. */
  public static SeatingReplay until(
      Iterable<? extends DomainEventMessage<?>> history, Instant instant) {
    SeatingReplay replay = new SeatingReplay();
    for (DomainEventMessage<?> message : history) {
      if (message.getTimestamp().isAfter(instant)) {
        break;
      }
      if (message.getSequenceNumber() != replay.lastSequence + 1) {
        replay.violations.add(
            "sequence gap: expected "
                + (replay.lastSequence + 1)
                + " got "
                + message.getSequenceNumber());
      }
      replay.lastSequence = message.getSequenceNumber();
      replay.apply(message.getPayload(), message.getSequenceNumber());
    }
    return replay;
  }

  private void apply(Object event, long seq) {
    if (event instanceof SeatingPlanConfiguredEvent e) {
      Map<String, PlaceState> next = new LinkedHashMap<>();
      for (PlaceDefinition place : e.plan().places()) {
        next.put(place.id(), states.getOrDefault(place.id(), PlaceState.FREE));
        categories.put(place.id(), place.category());
      }
      states.clear();
      states.putAll(next);
      capacity = e.capacity();
    } else if (event instanceof PlacesHeldEvent e) {
      if (!heldOrders.add(e.orderId())) {
        violations.add("#" + seq + " order " + e.orderId() + " held a second time");
      }
      move(e.placeIds(), PlaceState.FREE, PlaceState.HELD, null, e.orderId(), seq);
    } else if (event instanceof HoldReleasedEvent e) {
      move(e.placeIds(), PlaceState.HELD, PlaceState.FREE, e.orderId(), null, seq);
    } else if (event instanceof HoldExpiredEvent e) {
      move(e.placeIds(), PlaceState.HELD, PlaceState.FREE, e.orderId(), null, seq);
    } else if (event instanceof HeldPlacesSoldEvent e) {
      move(e.placeIds(), PlaceState.HELD, PlaceState.SOLD, e.orderId(), e.orderId(), seq);
      soldByOrder.put(e.orderId(), e.placeIds());
    } else if (event instanceof LatePaymentAcceptedEvent e) {
      move(e.placeIds(), PlaceState.FREE, PlaceState.SOLD, null, e.orderId(), seq);
      soldByOrder.put(e.orderId(), e.placeIds());
    } else if (event instanceof SaleCancelledEvent e) {
      move(e.placeIds(), PlaceState.SOLD, PlaceState.FREE, e.orderId(), null, seq);
      soldByOrder.remove(e.orderId());
    } else if (event instanceof SoldPlacesCancelledEvent e) {
      move(e.placeIds(), PlaceState.SOLD, PlaceState.FREE, e.orderId(), null, seq);
      if (e.remainingPlaceIds().isEmpty()) {
        soldByOrder.remove(e.orderId());
      } else {
        soldByOrder.put(e.orderId(), e.remainingPlaceIds());
      }
    } else if (event instanceof PlacesBlockedEvent e) {
      move(e.placeIds(), PlaceState.FREE, PlaceState.BLOCKED, null, null, seq);
    } else if (event instanceof PlacesUnblockedEvent e) {
      move(e.placeIds(), PlaceState.BLOCKED, PlaceState.FREE, null, null, seq);
    } else {
      return;
    }
    if (states.size() != capacity) {
      violations.add("#" + seq + " free+held+sold+blocked = " + states.size() + " ≠ " + capacity);
    }
  }

  private void move(
      List<String> places,
      PlaceState from,
      PlaceState to,
      String expectedOwner,
      String newOwner,
      long seq) {
    for (String place : places) {
      PlaceState current = states.get(place);
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

  public int count(PlaceState state) {
    return (int) states.values().stream().filter(s -> s == state).count();
  }

  public List<PlaceAtTime> places() {
    return states.entrySet().stream()
        .map(
            e ->
                new PlaceAtTime(
                    e.getKey(), categories.get(e.getKey()), e.getValue(), owners.get(e.getKey())))
        .toList();
  }

  public List<String> violations() {
    return List.copyOf(violations);
  }

  public Map<String, List<String>> soldByOrder() {
    return Map.copyOf(soldByOrder);
  }

  public Set<String> heldOrders() {
    return Set.copyOf(heldOrders);
  }

  public int capacity() {
    return capacity;
  }

  public long lastSequence() {
    return lastSequence;
  }
}
