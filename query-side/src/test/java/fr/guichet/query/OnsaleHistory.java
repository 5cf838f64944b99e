package fr.guichet.query;

import fr.guichet.api.event.EventDomainEvent.EventCreatedEvent;
import fr.guichet.api.event.EventDomainEvent.HeldPlacesSoldEvent;
import fr.guichet.api.event.EventDomainEvent.HoldExpiredEvent;
import fr.guichet.api.event.EventDomainEvent.HoldReleasedEvent;
import fr.guichet.api.event.EventDomainEvent.PlacesBlockedEvent;
import fr.guichet.api.event.EventDomainEvent.PlacesHeldEvent;
import fr.guichet.api.event.EventDomainEvent.PlacesUnblockedEvent;
import fr.guichet.api.event.EventDomainEvent.SaleCancelledEvent;
import fr.guichet.api.event.EventDomainEvent.SalesApprovedEvent;
import fr.guichet.api.event.EventDomainEvent.SalesOpenedEvent;
import fr.guichet.api.event.EventDomainEvent.SeatingPlanConfiguredEvent;
import fr.guichet.api.event.EventDomainEvent.SoldPlacesCancelledEvent;
import fr.guichet.api.order.OrderDomainEvent.OrderCancelledEvent;
import fr.guichet.api.order.OrderDomainEvent.OrderConfirmedEvent;
import fr.guichet.api.order.OrderDomainEvent.OrderCreatedEvent;
import fr.guichet.api.order.OrderDomainEvent.OrderExpiredEvent;
import fr.guichet.api.order.OrderDomainEvent.OrderPlacesCancelledEvent;
import fr.guichet.api.order.OrderDomainEvent.OrderSaleCancelledEvent;
import fr.guichet.api.order.OrderPricingEvent.OrderPricedEvent;
import fr.guichet.api.order.OrderPricingEvent.Reason;
import fr.guichet.api.order.PricedTicket;
import fr.guichet.api.order.PricingContext;
import fr.guichet.api.order.RateChoice.Rate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;

/**
 * Histories of onsales on the small hall ({@link Plans#smallHall()}), as the command side stores
 * them: each message numbered in its aggregate (an Event or an Order), seven seconds apart, so that
 * sales fall into several minutes. Every hold stores what a real one does: {@code PlacesHeldEvent},
 * {@code OrderCreatedEvent}, {@code OrderPricedEvent}.
 */
public final class OnsaleHistory {

  public static final Instant OPENING = Instant.parse("2026-11-26T19:00:00Z");

  private final List<DomainEventMessage<?>> events = new ArrayList<>();
  private final Map<String, Long> sequences = new HashMap<>();
  private Instant clock = OPENING;

  public List<DomainEventMessage<?>> events() {
    return List.copyOf(events);
  }

  /**
   * Many holds on one event (stays, expiries, releases and sales of one or two places at a time,
   * the student rate on every third order), then a refund, a partial cancellation and a blocked
   * place: {@code holds} holds on the one document of the event.
   */
  public static List<DomainEventMessage<?>> holdsOnOneEvent(int holds) {
    OnsaleHistory history = new OnsaleHistory();
    history.onSale("ev-1");
    List<String> free =
        new ArrayList<>(Plans.smallHall().places().stream().map(p -> p.id()).toList());
    List<String> sold = new ArrayList<>();
    for (int i = 0; i < holds && free.size() >= 3; i++) {
      String order = "o-" + i;
      List<String> places = List.copyOf(free.subList(0, i % 3 == 2 ? 2 : 1));
      history.hold("ev-1", order, "c-" + (i % 5), places, i % 3 == 0);
      switch (i % 4) {
        case 0 -> history.expire("ev-1", order, "c-" + (i % 5), places);
        case 1 -> history.release("ev-1", order, "c-" + (i % 5), places);
        case 2 -> {
          history.sell("ev-1", order, "c-" + (i % 5), places);
          free.removeAll(places);
          sold.add(order + ":" + String.join(",", places));
        }
        default -> free.removeAll(places); // stays held
      }
    }
    history.block("ev-1", List.of(free.get(free.size() - 1)));
    if (sold.size() >= 2) {
      String[] refunded = sold.remove(sold.size() - 1).split(":");
      history.cancelSale("ev-1", refunded[0], List.of(refunded[1].split(",")));
      for (String entry : sold) {
        String[] parts = entry.split(":");
        List<String> places = List.of(parts[1].split(","));
        if (places.size() == 2) {
          history.cancelPlaces("ev-1", parts[0], places.subList(0, 1), places.subList(1, 2));
          break;
        }
      }
    }
    return history.events();
  }

  /**
   * Two events on sale at once, their holds, sales, expiries and refunds interleaved, several
   * orders each; a place blocked then unblocked.
   */
  public static List<DomainEventMessage<?>> twoEventsInterleaved() {
    OnsaleHistory history = new OnsaleHistory();
    history.onSale("ev-1");
    history.onSale("ev-2");
    String[] rows = {"ORCH-A-", "ORCH-B-"};
    for (int i = 1; i <= 5; i++) {
      for (String event : List.of("ev-1", "ev-2")) {
        String order = event + "-o" + i;
        List<String> places = List.of(rows[i % 2] + i);
        history.hold(event, order, "c-" + i, places, i % 2 == 0);
        if (i % 3 == 0) {
          history.expire(event, order, "c-" + i, places);
        } else {
          history.sell(event, order, "c-" + i, places);
        }
      }
    }
    history.block("ev-2", List.of("BALC-A-2", "BALC-A-3"));
    history.hold("ev-1", "ev-1-o6", "c-6", List.of("FOSSE-1", "FOSSE-2"), true);
    history.sell("ev-1", "ev-1-o6", "c-6", List.of("FOSSE-1", "FOSSE-2"));
    history.cancelSale("ev-2", "ev-2-o1", List.of("ORCH-B-1"));
    history.unblock("ev-2", List.of("BALC-A-2"));
    history.cancelPlaces("ev-1", "ev-1-o6", List.of("FOSSE-2"), List.of("FOSSE-1"));
    return history.events();
  }

  /** The event created, its plan configured, sales approved and opened. */
  public OnsaleHistory onSale(String eventId) {
    onEvent(
        eventId,
        new EventCreatedEvent(
            eventId, "Carmen " + eventId, "Garnier", Instant.parse("2027-03-14T20:00:00Z"), ""));
    onEvent(eventId, new SeatingPlanConfiguredEvent(eventId, Plans.smallHall(), 24));
    onEvent(eventId, new SalesApprovedEvent(eventId));
    onEvent(eventId, new SalesOpenedEvent(eventId));
    return this;
  }

  public void hold(
      String eventId, String orderId, String customer, List<String> places, boolean student) {
    Instant until = clock.plusSeconds(600);
    onEvent(
        eventId, new PlacesHeldEvent(eventId, orderId, customer, places, until, "d-" + orderId));
    onOrder(orderId, new OrderCreatedEvent(orderId, eventId, customer, places, until));
    List<PricedTicket> tickets = new ArrayList<>();
    long total = 0;
    for (int i = 0; i < places.size(); i++) {
      boolean discounted = student && i == 0;
      long discount = discounted ? 1600 : 0;
      tickets.add(
          new PricedTicket(
              places.get(i),
              "CARRE_OR",
              discounted ? Rate.STUDENT : Rate.FULL,
              null,
              null,
              "FULL",
              8000,
              "base",
              discounted ? List.of("student.discount") : List.of(),
              discounted ? 20 : 0,
              discount,
              8000 - discount,
              List.of()));
      total += 8000 - discount;
    }
    onOrder(
        orderId,
        new OrderPricedEvent(
            orderId,
            eventId,
            Reason.ORDER_CREATED,
            "rules",
            1,
            "hash",
            tickets,
            total,
            new PricingContext(clock, OPENING, Map.of(), List.of())));
  }

  public void sell(String eventId, String orderId, String customer, List<String> places) {
    onEvent(eventId, new HeldPlacesSoldEvent(eventId, orderId, customer, places, "pay-" + orderId));
    onOrder(orderId, new OrderConfirmedEvent(orderId, eventId, "pay-" + orderId));
  }

  public void expire(String eventId, String orderId, String customer, List<String> places) {
    onEvent(eventId, new HoldExpiredEvent(eventId, orderId, customer, places));
    onOrder(orderId, new OrderExpiredEvent(orderId, eventId));
  }

  public void release(String eventId, String orderId, String customer, List<String> places) {
    onEvent(eventId, new HoldReleasedEvent(eventId, orderId, customer, places));
    onOrder(orderId, new OrderCancelledEvent(orderId, eventId));
  }

  public void cancelSale(String eventId, String orderId, List<String> places) {
    onEvent(eventId, new SaleCancelledEvent(eventId, orderId, "c", places, "refund"));
    onOrder(orderId, new OrderSaleCancelledEvent(orderId, eventId, "refund"));
  }

  public void cancelPlaces(
      String eventId, String orderId, List<String> cancelled, List<String> remaining) {
    onEvent(
        eventId,
        new SoldPlacesCancelledEvent(
            eventId, orderId, "c", "cx-" + orderId, cancelled, remaining, "refund", "manager"));
    onOrder(
        orderId,
        new OrderPlacesCancelledEvent(
            orderId,
            eventId,
            "cx-" + orderId,
            cancelled,
            8000L * cancelled.size(),
            remaining,
            8000L * remaining.size(),
            "refund",
            "manager"));
  }

  public void block(String eventId, List<String> places) {
    onEvent(eventId, new PlacesBlockedEvent(eventId, places, "camera"));
  }

  public void unblock(String eventId, List<String> places) {
    onEvent(eventId, new PlacesUnblockedEvent(eventId, places));
  }

  private void onEvent(String eventId, Object payload) {
    append("Event", eventId, payload);
  }

  private void onOrder(String orderId, Object payload) {
    append("Order", orderId, payload);
  }

  private void append(String type, String aggregateId, Object payload) {
    long seq = sequences.merge(aggregateId, 1L, Long::sum) - 1;
    clock = clock.plusSeconds(7);
    events.add(
        new GenericDomainEventMessage<>(
            type,
            aggregateId,
            seq,
            payload,
            MetaData.emptyInstance(),
            type + "-" + aggregateId + "-" + seq,
            clock));
  }
}
