package fr.guichet.bench;

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
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;

/**
 * Replays one event's stream from the event store, independently of the aggregate's code, and
 * checks: no place is held or sold by two orders at any moment, every end of a hold ends a hold
 * that was active, free + held + sold + blocked = capacity, and every hold the platform
 * acknowledged is in the store with its places (and nothing else is).
 */
final class InvariantCheck {

  private enum State {
    FREE,
    HELD,
    SOLD,
    BLOCKED
  }

  final List<String> violations = new ArrayList<>();
  int events;
  int capacity;
  int free;
  int held;
  int sold;
  int blocked;
  int holdEvents;
  int endEvents;

  static InvariantCheck of(EventStore store, Phase phase) {
    InvariantCheck check = new InvariantCheck();
    check.replay(store.readEvents(phase.eventId), phase);
    return check;
  }

  private void replay(DomainEventStream stream, Phase phase) {
    Map<String, State> states = new HashMap<>();
    Map<String, String> owners = new HashMap<>();
    Map<String, List<String>> active = new HashMap<>();
    Set<String> everHeld = new HashSet<>();
    Map<String, List<String>> storedHolds = new HashMap<>();
    long expectedSequence = 0;
    while (stream.hasNext()) {
      DomainEventMessage<?> message = stream.next();
      events++;
      if (message.getSequenceNumber() != expectedSequence++) {
        violations.add("sequence gap at " + message.getSequenceNumber());
      }
      Object event = message.getPayload();
      if (event instanceof SeatingPlanConfiguredEvent configured) {
        capacity = configured.capacity();
        for (PlaceDefinition place : configured.plan().places()) {
          states.putIfAbsent(place.id(), State.FREE);
        }
      } else if (event instanceof PlacesHeldEvent e) {
        holdEvents++;
        if (!everHeld.add(e.orderId())) {
          violations.add("order " + e.orderId() + " held twice");
        }
        for (String place : e.placeIds()) {
          State state = states.get(place);
          if (state != State.FREE) {
            violations.add(
                place + " held by " + e.orderId() + " while " + state + " by " + owners.get(place));
          }
          states.put(place, State.HELD);
          owners.put(place, e.orderId());
        }
        active.put(e.orderId(), e.placeIds());
        storedHolds.put(e.orderId(), e.placeIds());
      } else if (event instanceof HoldReleasedEvent e) {
        endHold(e.orderId(), e.placeIds(), State.FREE, states, owners, active);
      } else if (event instanceof HoldExpiredEvent e) {
        endHold(e.orderId(), e.placeIds(), State.FREE, states, owners, active);
      } else if (event instanceof HeldPlacesSoldEvent e) {
        endHold(e.orderId(), e.placeIds(), State.SOLD, states, owners, active);
      } else if (event instanceof PlacesBlockedEvent e) {
        e.placeIds().forEach(p -> flip(p, State.FREE, State.BLOCKED, states));
      } else if (event instanceof PlacesUnblockedEvent e) {
        e.placeIds().forEach(p -> flip(p, State.BLOCKED, State.FREE, states));
      }
    }
    for (State state : states.values()) {
      switch (state) {
        case FREE -> free++;
        case HELD -> held++;
        case SOLD -> sold++;
        case BLOCKED -> blocked++;
      }
    }
    if (free + held + sold + blocked != capacity || states.size() != capacity) {
      violations.add(
          "free+held+sold+blocked = "
              + (free + held + sold + blocked)
              + " != capacity "
              + capacity);
    }
    int activePlaces = active.values().stream().mapToInt(List::size).sum();
    if (activePlaces != held) {
      violations.add(held + " places HELD but active holds cover " + activePlaces);
    }
    phase.accepted.forEach(
        (orderId, places) -> {
          List<String> stored = storedHolds.get(orderId);
          if (stored == null || !new HashSet<>(stored).equals(new HashSet<>(places))) {
            violations.add("acknowledged hold " + orderId + " " + places + " stored as " + stored);
          }
        });
    if (storedHolds.size() != phase.accepted.size()) {
      violations.add(
          storedHolds.size() + " holds in the store, " + phase.accepted.size() + " acknowledged");
    }
    phase.released.keySet().stream()
        .filter(active::containsKey)
        .findFirst()
        .ifPresent(o -> violations.add("acknowledged release of " + o + " not in the store"));
  }

  private void endHold(
      String orderId,
      List<String> places,
      State to,
      Map<String, State> states,
      Map<String, String> owners,
      Map<String, List<String>> active) {
    endEvents++;
    if (active.remove(orderId) == null) {
      violations.add("hold " + orderId + " ended but was not active");
    }
    for (String place : places) {
      if (states.get(place) != State.HELD || !orderId.equals(owners.get(place))) {
        violations.add(
            place
                + " ended by "
                + orderId
                + " but "
                + states.get(place)
                + " by "
                + owners.get(place));
      }
      states.put(place, to);
      owners.put(place, to == State.SOLD ? orderId : null);
    }
  }

  private void flip(String place, State from, State to, Map<String, State> states) {
    if (states.get(place) != from) {
      violations.add(place + " went " + states.get(place) + " -> " + to);
    }
    states.put(place, to);
  }

  String summary() {
    return String.format(
        "%d events replayed, %d holds, %d ends; capacity %d = free %d + held %d + sold %d + blocked"
            + " %d; violations: %d%s",
        events,
        holdEvents,
        endEvents,
        capacity,
        free,
        held,
        sold,
        blocked,
        violations.size(),
        violations.isEmpty()
            ? ""
            : " e.g. " + violations.subList(0, Math.min(5, violations.size())));
  }
}
