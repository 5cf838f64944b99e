package fr.guichet.query.seatmap;

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
import fr.guichet.api.query.FindPlaceAvailabilityQuery;
import fr.guichet.api.query.PlaceAvailability;
import fr.guichet.api.query.PlaceState;
import fr.guichet.query.seatmap.SeatMapStore.AvailabilityDocument;
import fr.guichet.query.seatmap.SeatMapStore.Mark;
import fr.guichet.query.support.NotFoundException;
import fr.guichet.query.support.RebuildableView;
import fr.guichet.query.support.ViewGenerations;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.queryhandling.QueryHandler;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Projects each Event's plan and place decisions into the seat map: MongoDB first (so a restart
 * resumes from there), then the hot in-memory board that serves snapshots and live streams.
 */
@Component
@ProcessingGroup(SeatMapProjection.NAME)
class SeatMapProjection implements RebuildableView {

  static final String NAME = "seat-map";
  private static final String PENDING = "seat-map.pending-marks";

  private final SeatMapStore store;

  /**
   * The hot board (snapshots and server-sent events) and the subscription-query updates; both null
   * in a rebuild's replica, which only writes its own collections.
   */
  private final AvailabilityBoard board;

  private final QueryUpdateEmitter updates;
  private final ViewGenerations generations;

  @Autowired
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

  @Override
  public String viewName() {
    return NAME;
  }

  @Override
  public List<String> collections() {
    return List.of(SeatMapStore.LAYOUTS, SeatMapStore.AVAILABILITY);
  }

  /**
   * A replica writes generation {@code generation}: no live board, so no watcher sees its changes,
   * and no subscription-query update.
   */
  @Override
  public Object replica(int generation) {
    return new SeatMapProjection(store.replica(generation), null, null, generations);
  }

  /** Watchers reload from the generation switched to (the board is loaded again on demand). */
  @Override
  public void switched() {
    board.clear();
  }

  @EventHandler
  void on(SeatingPlanConfiguredEvent event, @SequenceNumber long seq) {
    flushPending(event.eventId());
    store.configure(event.eventId(), seq, event.plan());
    if (board == null) {
      return;
    }
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
  void on(SaleCancelledEvent event, @SequenceNumber long seq) {
    change(event.eventId(), seq, PlaceState.FREE, event.placeIds());
  }

  /** Some places of a sold order were cancelled: they are free again at once. */
  @EventHandler
  void on(SoldPlacesCancelledEvent event, @SequenceNumber long seq) {
    change(event.eventId(), seq, PlaceState.FREE, event.placeIds());
  }

  @EventHandler
  void on(LatePaymentAcceptedEvent event, @SequenceNumber long seq) {
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
    Map<String, List<Mark>> pending = pending();
    if (pending == null) {
      store.mark(eventId, seq, state, placeIds);
    } else {
      pending.computeIfAbsent(eventId, id -> new ArrayList<>()).add(new Mark(seq, state, placeIds));
    }
    if (board == null) {
      return;
    }
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

  /**
   * The marks of the current batch, written to MongoDB in one update per event just before the
   * batch commits; null outside a unit of work (each mark is then written at once).
   */
  private Map<String, List<Mark>> pending() {
    if (!CurrentUnitOfWork.isStarted()) {
      return null;
    }
    UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get().root();
    return unitOfWork.getOrComputeResource(
        PENDING,
        key -> {
          Map<String, List<Mark>> marks = new LinkedHashMap<>();
          unitOfWork.onPrepareCommit(
              u -> {
                marks.forEach(store::markAll);
                marks.clear();
              });
          return marks;
        });
  }

  private void flushPending(String eventId) {
    Map<String, List<Mark>> pending = pending();
    if (pending != null && pending.containsKey(eventId)) {
      store.markAll(eventId, pending.remove(eventId));
    }
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
