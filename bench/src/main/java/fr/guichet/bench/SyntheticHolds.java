package fr.guichet.bench;

import fr.guichet.api.event.EventDomainEvent.PlacesHeldEvent;
import fr.guichet.api.order.OrderDomainEvent.OrderCreatedEvent;
import fr.guichet.api.order.OrderPricingEvent.OrderPricedEvent;
import fr.guichet.api.order.OrderPricingEvent.Reason;
import fr.guichet.api.order.PricedTicket;
import fr.guichet.api.order.PricingContext;
import fr.guichet.api.order.RateChoice.Rate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;

/**
 * A paced stream of holds appended straight to the event store, bypassing the command side (which
 * cannot accept anywhere near 2,000 holds/s on this machine): each hold is what a real one stores,
 * a {@code PlacesHeldEvent} numbered in its Event's stream, then the new Order's {@code
 * OrderCreatedEvent} (sequence 0) and {@code OrderPricedEvent} (sequence 1), one free seat per hold
 * at the list price. The events of several holds are appended together, in one transaction, every
 * {@code SLICE} (so the pace is kept within 20 ms); the seats of each event are taken in plan order
 * and never twice, so every hold is valid. No expiry deadline is scheduled: the holds stay.
 */
final class SyntheticHolds {

  private static final Duration SLICE = Duration.ofMillis(20);
  private static final int MAX_HOLDS_PER_APPEND = 500;

  private final EventStore store;
  private final TransactionManager transactions;
  private final List<String> eventIds;
  private final List<String> seats;
  private final long[] nextSeq;
  private final int[] nextSeat;
  private long holds;
  private long appends;

  /** Holds on {@code eventIds} (on sale, with {@code seats}), round robin. */
  SyntheticHolds(
      EventStore store,
      TransactionManager transactions,
      List<String> eventIds,
      List<String> seats) {
    this.store = store;
    this.transactions = transactions;
    this.eventIds = eventIds;
    this.seats = seats;
    this.nextSeq = new long[eventIds.size()];
    this.nextSeat = new int[eventIds.size()];
    for (int i = 0; i < eventIds.size(); i++) {
      nextSeq[i] = store.lastSequenceNumberFor(eventIds.get(i)).orElse(-1L) + 1;
    }
  }

  long holds() {
    return holds;
  }

  long appends() {
    return appends;
  }

  /** Appends {@code perSecond} holds/s for {@code seconds}, or until the seats run out. */
  void run(int perSecond, int seconds) throws InterruptedException {
    long start = System.nanoTime();
    long end = start + TimeUnit.SECONDS.toNanos(seconds);
    while (System.nanoTime() < end) {
      long due = (System.nanoTime() - start) * perSecond / 1_000_000_000L;
      long missing = Math.min(MAX_HOLDS_PER_APPEND, due - holds);
      if (missing > 0) {
        if (!append((int) missing)) {
          return;
        }
      } else {
        Thread.sleep(SLICE.toMillis());
      }
    }
  }

  /**
   * Appends {@code count} holds as fast as the store takes them, {@code perAppend} holds (3 events
   * each) per transaction; returns how many were appended (fewer when the seats run out).
   */
  long appendBacklog(long count, int perAppend) {
    long target = holds + count;
    while (holds < target) {
      if (!append((int) Math.min(perAppend, target - holds))) {
        break;
      }
    }
    return count - (target - holds);
  }

  private boolean append(int count) {
    List<DomainEventMessage<?>> events = new ArrayList<>(count * 3);
    Instant now = Instant.now();
    Instant until = now.plus(Duration.ofMinutes(10));
    boolean seatsLeft = true;
    for (int i = 0; i < count; i++) {
      int e = (int) (holds % eventIds.size());
      if (nextSeat[e] >= seats.size()) {
        seatsLeft = false;
        break;
      }
      String eventId = eventIds.get(e);
      String seat = seats.get(nextSeat[e]++);
      String orderId = "synthetic-" + eventId + "-" + holds;
      String customerId = "synthetic-customer-" + (holds % 10_000);
      List<String> places = List.of(seat);
      events.add(
          message(
              "Event",
              eventId,
              nextSeq[e]++,
              new PlacesHeldEvent(
                  eventId, orderId, customerId, places, until, "synthetic-expiry-" + orderId),
              now));
      events.add(
          message(
              "Order",
              orderId,
              0,
              new OrderCreatedEvent(orderId, eventId, customerId, places, until),
              now));
      PricedTicket ticket =
          new PricedTicket(
              seat, "CAT1", Rate.FULL, null, null, "FULL", 5000, "base", List.of(), 0, 0, 5000,
              List.of());
      events.add(
          message(
              "Order",
              orderId,
              1,
              new OrderPricedEvent(
                  orderId,
                  eventId,
                  Reason.ORDER_CREATED,
                  "synthetic",
                  1,
                  "synthetic",
                  List.of(ticket),
                  5000,
                  new PricingContext(now, now, Map.of(), List.of())),
              now));
      holds++;
    }
    if (!events.isEmpty()) {
      transactions.executeInTransaction(() -> store.publish(events));
      appends++;
    }
    return seatsLeft;
  }

  private static DomainEventMessage<?> message(
      String type, String aggregateId, long seq, Object payload, Instant at) {
    return new GenericDomainEventMessage<>(
        type,
        aggregateId,
        seq,
        payload,
        MetaData.emptyInstance(),
        UUID.randomUUID().toString(),
        at);
  }
}
