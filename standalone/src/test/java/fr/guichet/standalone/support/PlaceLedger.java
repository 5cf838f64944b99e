package fr.guichet.standalone.support;

import fr.guichet.command.audit.SeatingReplay;
import fr.guichet.command.audit.SeatingReplay.PlaceState;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.axonframework.eventhandling.DomainEventMessage;

/**
 * The tests' view of {@link SeatingReplay}: replays one Event's stored history place by place and
 * lists every moment the booking invariants break.
 */
public final class PlaceLedger {

  public enum State {
    FREE,
    HELD,
    SOLD,
    BLOCKED
  }

  private final SeatingReplay replay;

  private PlaceLedger(SeatingReplay replay) {
    this.replay = replay;
  }

  public static PlaceLedger replay(List<DomainEventMessage<?>> history) {
    return new PlaceLedger(SeatingReplay.of(history));
  }

  public int count(State state) {
    return replay.count(PlaceState.valueOf(state.name()));
  }

  public int[] counts() {
    int[] counts = new int[State.values().length];
    for (State state : State.values()) {
      counts[state.ordinal()] = count(state);
    }
    return counts;
  }

  /** Each place's state at the end of the replayed history. */
  public Map<String, State> states() {
    Map<String, State> states = new java.util.LinkedHashMap<>();
    replay.places().forEach(p -> states.put(p.placeId(), State.valueOf(p.state().name())));
    return states;
  }

  public List<String> violations() {
    return replay.violations();
  }

  public Map<String, List<String>> soldByOrder() {
    return replay.soldByOrder();
  }

  public Set<String> heldOrders() {
    return replay.heldOrders();
  }

  public int capacity() {
    return replay.capacity();
  }
}
