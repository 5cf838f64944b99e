package fr.guichet.query.seatmap;

import fr.guichet.api.event.PlaceDefinition;
import fr.guichet.api.event.SeatingPlan;
import fr.guichet.api.query.PlaceAvailability;
import fr.guichet.api.query.PlaceState;
import java.util.ArrayDeque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.util.concurrent.Queues;

/**
 * The hot, in-memory availability of one event: a byte per place, the version of the last applied
 * event, the recent changes, and the live subscribers. Each subscriber has its own bounded buffer:
 * one that falls too far behind is completed (after its buffered changes) and resumes from its last
 * version, so it never blocks the others. The projection thread that applies a change only puts it
 * in each subscriber's buffer: subscribers receive (and the web layer encodes and writes) it on
 * {@link #DELIVERY}'s threads, so a subscriber that is slow, or stuck in its own code, holds up
 * neither the projection nor the other subscribers.
 */
final class LiveAvailability {

  static final int HISTORY = 4096;
  static final int SUBSCRIBER_BUFFER = 1024;

  /** Where subscribers receive their changes: never the thread that applied them. */
  static final Scheduler DELIVERY = Schedulers.parallel();

  /** Changes a subscriber takes from its buffer at a time on the delivery thread. */
  private static final int DELIVERY_PREFETCH = 32;

  private static final PlaceState[] STATES = PlaceState.values();

  private final String eventId;
  private long layoutVersion;
  private SeatingPlan plan;
  private SeatMapLayout layout;
  private String[] ids;
  private Map<String, Integer> indexById;
  private byte[] states;
  private long version;
  private long coveredFrom;
  private final ArrayDeque<AvailabilityChange> history = new ArrayDeque<>();
  private final List<Sinks.Many<AvailabilityChange>> subscribers = new CopyOnWriteArrayList<>();
  private volatile AvailabilitySnapshot cached;

  LiveAvailability(
      String eventId,
      long layoutVersion,
      SeatingPlan plan,
      Map<String, PlaceState> notFree,
      long version) {
    this.eventId = eventId;
    layOut(layoutVersion, plan, notFree);
    this.version = version;
    this.coveredFrom = version;
  }

  private void layOut(long layoutVersion, SeatingPlan plan, Map<String, PlaceState> notFree) {
    List<PlaceDefinition> places = plan.places();
    this.layoutVersion = layoutVersion;
    this.plan = plan;
    this.layout = null;
    ids = new String[places.size()];
    states = new byte[places.size()];
    indexById = new HashMap<>(places.size() * 2);
    for (int i = 0; i < ids.length; i++) {
      ids[i] = places.get(i).id();
      indexById.put(ids[i], i);
    }
    notFree.forEach(
        (id, state) -> {
          Integer i = indexById.get(id);
          if (i != null) {
            states[i] = (byte) state.ordinal();
          }
        });
    cached = null;
  }

  synchronized long version() {
    return version;
  }

  synchronized long layoutVersion() {
    return layoutVersion;
  }

  /** The drawing of the current plan, computed once per plan. */
  synchronized SeatMapLayout layout() {
    if (layout == null) {
      layout = SeatMapLayout.of(eventId, layoutVersion, plan);
    }
    return layout;
  }

  /** Applies a change of places; an event at or below the current version changes nothing. */
  synchronized boolean apply(long seq, PlaceState state, List<String> placeIds) {
    if (seq <= version) {
      return false;
    }
    for (String id : placeIds) {
      Integer i = indexById.get(id);
      if (i != null) {
        states[i] = (byte) state.ordinal();
      }
    }
    version = seq;
    cached = null;
    publish(AvailabilityChange.places(eventId, seq, state, placeIds));
    return true;
  }

  /** A new plan: places keep the states carried over; every subscriber is told to reload. */
  synchronized boolean relayout(long seq, SeatingPlan plan, Map<String, PlaceState> carried) {
    if (seq <= version) {
      return false;
    }
    layOut(seq, plan, carried);
    version = seq;
    history.clear();
    coveredFrom = seq;
    AvailabilityChange reload = AvailabilityChange.reload(eventId, seq);
    for (Sinks.Many<AvailabilityChange> subscriber : subscribers) {
      subscriber.tryEmitNext(reload);
      subscriber.tryEmitComplete();
    }
    subscribers.clear();
    return true;
  }

  /** Ends every subscription with a RELOAD: this board is being replaced. */
  synchronized void close() {
    AvailabilityChange reload = AvailabilityChange.reload(eventId, version);
    for (Sinks.Many<AvailabilityChange> subscriber : subscribers) {
      subscriber.tryEmitNext(reload);
      subscriber.tryEmitComplete();
    }
    subscribers.clear();
  }

  private void publish(AvailabilityChange change) {
    history.addLast(change);
    if (history.size() > HISTORY) {
      coveredFrom = history.removeFirst().version();
    }
    for (Sinks.Many<AvailabilityChange> subscriber : subscribers) {
      if (subscriber.tryEmitNext(change).isFailure()) {
        subscriber.tryEmitComplete();
        subscribers.remove(subscriber);
      }
    }
  }

  /**
   * The changes after {@code fromVersion}, then live ones. A version this board no longer covers
   * (too old, or from another layout) gets a single RELOAD.
   */
  synchronized Flux<AvailabilityChange> changesAfter(long fromVersion) {
    if (fromVersion < coveredFrom || fromVersion > version) {
      return Flux.just(AvailabilityChange.reload(eventId, version));
    }
    Sinks.Many<AvailabilityChange> sink =
        Sinks.many()
            .unicast()
            .onBackpressureBuffer(Queues.<AvailabilityChange>get(SUBSCRIBER_BUFFER).get());
    for (AvailabilityChange change : history) {
      if (change.version() > fromVersion && sink.tryEmitNext(change).isFailure()) {
        return Flux.just(AvailabilityChange.reload(eventId, version));
      }
    }
    subscribers.add(sink);
    return sink.asFlux()
        .doFinally(signal -> unsubscribe(sink))
        .publishOn(DELIVERY, DELIVERY_PREFETCH);
  }

  private synchronized void unsubscribe(Sinks.Many<AvailabilityChange> sink) {
    subscribers.remove(sink);
  }

  synchronized int subscriberCount() {
    return subscribers.size();
  }

  AvailabilitySnapshot snapshot() {
    AvailabilitySnapshot snapshot = cached;
    if (snapshot != null) {
      return snapshot;
    }
    synchronized (this) {
      if (cached == null) {
        char[] chars = new char[states.length];
        Map<PlaceState, Integer> counts = new EnumMap<>(PlaceState.class);
        for (PlaceState state : STATES) {
          counts.put(state, 0);
        }
        for (int i = 0; i < states.length; i++) {
          PlaceState state = STATES[states[i]];
          chars[i] = AvailabilitySnapshot.code(state);
          counts.merge(state, 1, Integer::sum);
        }
        cached =
            new AvailabilitySnapshot(eventId, version, layoutVersion, new String(chars), counts);
      }
      return cached;
    }
  }

  /** The states of {@code placeIds} (unknown ids are left out). */
  synchronized PlaceAvailability statesOf(List<String> placeIds) {
    Map<String, PlaceState> result = new LinkedHashMap<>();
    for (String id : placeIds) {
      Integer i = indexById.get(id);
      if (i != null) {
        result.put(id, STATES[states[i]]);
      }
    }
    return new PlaceAvailability(eventId, version, result);
  }
}
