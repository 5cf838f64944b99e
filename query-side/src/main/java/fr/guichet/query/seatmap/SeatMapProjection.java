package fr.guichet.query.seatmap;

import fr.guichet.api.event.EventDomainEvent.HeldPlacesSoldEvent;
import fr.guichet.api.event.EventDomainEvent.HoldExpiredEvent;
import fr.guichet.api.event.EventDomainEvent.HoldReleasedEvent;
import fr.guichet.api.event.EventDomainEvent.PlacesBlockedEvent;
import fr.guichet.api.event.EventDomainEvent.PlacesHeldEvent;
import fr.guichet.api.event.EventDomainEvent.PlacesUnblockedEvent;
import fr.guichet.api.event.EventDomainEvent.SeatingPlanConfiguredEvent;
import fr.guichet.api.query.FindPlaceAvailabilityQuery;
import fr.guichet.api.query.PlaceAvailability;
import fr.guichet.api.query.PlaceState;
import fr.guichet.query.seatmap.SeatMapStore.AvailabilityDocument;
import fr.guichet.query.support.NotFoundException;
import fr.guichet.query.support.ViewGenerations;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.queryhandling.QueryHandler;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.springframework.stereotype.Component;

/**
 * Projects each Event's plan and place decisions into the seat map: MongoDB first (so a restart
 * resumes from there), then the hot in-memory board that serves snapshots and live streams.
 */
@Component
@ProcessingGroup(SeatMapProjection.NAME)
class SeatMapProjection {

  static final String NAME = "seat-map";

  private final SeatMapStore store;
  private final AvailabilityBoard board;
  private final QueryUpdateEmitter updates;
  private final ViewGenerations generations;

  SeatMapProjection(
      SeatMapStore store,
      AvailabilityBoard board,
      QueryUpdateEmitter updates,
      ViewGenerations generations) {
    this.store = store;
    this.board = board;
    this.updates = updates;
    this.generations = generations;
  }

  @EventHandler
  void on(SeatingPlanConfiguredEvent event, @SequenceNumber long seq) {
    store.configure(event.eventId(), seq, event.plan());
    AvailabilityDocument stored = store.availability(event.eventId());
    LiveAvailability live = board.get(event.eventId());
    if (live != null && stored != null) {
      live.relayout(seq, event.plan(), stored.states());
    }
  }

  @EventHandler
  void on(PlacesHeldEvent event, @SequenceNumber long seq) {
    change(event.eventId(), seq, PlaceState.HELD, event.placeIds());
  }

  @EventHandler
  void on(HoldReleasedEvent event, @SequenceNumber long seq) {
    change(event.eventId(), seq, PlaceState.FREE, event.placeIds());
  }

  @EventHandler
  void on(HoldExpiredEvent event, @SequenceNumber long seq) {
    change(event.eventId(), seq, PlaceState.FREE, event.placeIds());
  }

  @EventHandler
  void on(HeldPlacesSoldEvent event, @SequenceNumber long seq) {
    change(event.eventId(), seq, PlaceState.SOLD, event.placeIds());
  }

  @EventHandler
  void on(PlacesBlockedEvent event, @SequenceNumber long seq) {
    change(event.eventId(), seq, PlaceState.BLOCKED, event.placeIds());
  }

  @EventHandler
  void on(PlacesUnblockedEvent event, @SequenceNumber long seq) {
    change(event.eventId(), seq, PlaceState.FREE, event.placeIds());
  }

  private void change(String eventId, long seq, PlaceState state, List<String> placeIds) {
    store.mark(eventId, seq, state, placeIds);
    LiveAvailability live = board.get(eventId);
    if (live != null) {
      live.apply(seq, state, placeIds);
    }
    Map<String, PlaceState> changed = new LinkedHashMap<>();
    placeIds.forEach(id -> changed.put(id, state));
    Set<String> ids = new HashSet<>(placeIds);
    updates.emit(
        FindPlaceAvailabilityQuery.class,
        query ->
            query.eventId().equals(eventId) && query.placeIds().stream().anyMatch(ids::contains),
        new PlaceAvailability(eventId, seq, changed));
  }

  @QueryHandler
  PlaceAvailability handle(FindPlaceAvailabilityQuery query) {
    LiveAvailability live = board.get(query.eventId());
    if (live == null) {
      throw new NotFoundException(
          "unknown-event", "No seat map for event " + query.eventId() + ".");
    }
    return live.statesOf(query.placeIds());
  }

  /** A replay starts from scratch: a fresh generation of collections and an empty board. */
  @ResetHandler
  void onReset() {
    generations.advance(NAME, SeatMapStore.LAYOUTS, SeatMapStore.AVAILABILITY);
    board.clear();
  }
}
