package fr.guichet.query.seatmap;

import fr.guichet.query.seatmap.SeatMapStore.AvailabilityDocument;
import fr.guichet.query.seatmap.SeatMapStore.LayoutDocument;
import fr.guichet.query.support.NotFoundException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The hot availability of every event someone looks at, loaded from MongoDB on first use and then
 * kept current by the seat-map projection. Snapshots and streams are served from here, never from
 * MongoDB per request.
 */
@Component
class AvailabilityBoard {

  private final SeatMapStore store;
  private final Map<String, LiveAvailability> live = new ConcurrentHashMap<>();

  AvailabilityBoard(SeatMapStore store) {
    this.store = store;
  }

  /** The live availability of {@code eventId}, loading it (blocking) if needed; null if none. */
  LiveAvailability get(String eventId) {
    LiveAvailability loaded = live.get(eventId);
    return loaded != null ? loaded : live.computeIfAbsent(eventId, this::load);
  }

  /** Same as {@link #get}, never blocking the caller's thread; 404 when the event has no plan. */
  Mono<LiveAvailability> find(String eventId) {
    LiveAvailability loaded = live.get(eventId);
    Mono<LiveAvailability> found =
        loaded != null
            ? Mono.just(loaded)
            : Mono.fromCallable(() -> get(eventId)).subscribeOn(Schedulers.boundedElastic());
    return found.switchIfEmpty(
        Mono.error(
            () ->
                new NotFoundException(
                    "unknown-event",
                    "No seat map for event "
                        + eventId
                        + " (unknown event or no seating plan yet).")));
  }

  private LiveAvailability load(String eventId) {
    LayoutDocument layout = store.layout(eventId);
    if (layout == null) {
      return null;
    }
    AvailabilityDocument availability = store.availability(eventId);
    return availability == null
        ? new LiveAvailability(eventId, layout.version(), layout.plan(), Map.of(), layout.version())
        : new LiveAvailability(
            eventId,
            availability.layoutVersion(),
            layout.plan(),
            availability.states(),
            availability.version());
  }

  /** Forgets everything (the view is being rebuilt); watchers are told to reload. */
  void clear() {
    live.values().forEach(LiveAvailability::close);
    live.clear();
  }
}
