package fr.guichet.command.event;

import fr.guichet.api.event.EventDomainEvent.EventCreatedEvent;
import fr.guichet.api.event.EventDomainEvent.HoldExpirySweepScheduledEvent;
import fr.guichet.api.event.EventDomainEvent.PlacesHeldEvent;
import fr.guichet.api.event.EventDomainEvent.SalesApprovedEvent;
import fr.guichet.api.event.EventDomainEvent.SalesLimitsSetEvent;
import fr.guichet.api.event.EventDomainEvent.SalesOpenedEvent;
import fr.guichet.api.event.EventDomainEvent.SeatingPlanConfiguredEvent;
import fr.guichet.api.event.PriceCategory;
import fr.guichet.api.event.PriceTier;
import fr.guichet.api.event.SalesLimits;
import fr.guichet.api.event.SeatAttribute;
import fr.guichet.api.event.SeatBlock;
import fr.guichet.api.event.SeatingPlan;
import fr.guichet.api.event.Section;
import fr.guichet.api.event.StandingZone;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.test.aggregate.AggregateTestFixture;

/** Test data for the Event aggregate: a small hall with a "Carré Or", a balcony and a pit. */
final class EventFixtures {

  static final String EVENT = "festival-2027";
  static final Instant T0 = Instant.parse("2027-03-01T10:00:00Z");
  static final Duration HOLD = Duration.ofMinutes(10);

  /** Orders that open without side effect. */
  static final OrderOpening NO_ORDERS = (order, basket) -> () -> {};

  private EventFixtures() {}

  /**
   * A fixture for the Event whose deadline handlers, like its command handlers, see the simulated
   * time ({@code GenericEventMessage.clock}); Axon's fixture runs them on the real clock otherwise.
   * Orders open without side effect and deadline ids are not compared.
   */
  static AggregateTestFixture<Event> eventFixture() {
    AggregateTestFixture<Event> fixture = new AggregateTestFixture<>(Event.class);
    fixture.registerInjectableResource((OrderOpening) (order, basket) -> () -> {});
    fixture.registerInjectableResource((StoredVersion) (eventId, sequence) -> false);
    fixture.registerFieldFilter(field -> !field.getName().endsWith("eadlineId"));
    fixture.registerDeadlineHandlerInterceptor(
        (unitOfWork, chain) -> {
          Clock real = GenericEventMessage.clock;
          GenericEventMessage.clock = Clock.fixed(fixture.currentTime(), ZoneOffset.UTC);
          try {
            return chain.proceed();
          } finally {
            GenericEventMessage.clock = real;
          }
        });
    return fixture;
  }

  static SeatingPlan smallHall() {
    return new SeatingPlan(
        List.of(
            category("OR", "Carré Or", 9000),
            category("C1", "Catégorie 1", 5000),
            category("STD", "Fosse", 3000)),
        List.of(
            new Section(
                "ORCH",
                "Orchestre",
                List.of(
                    new SeatBlock("A-B", 1, 10, "OR", Set.of()),
                    new SeatBlock("C", 1, 10, "C1", Set.of()),
                    new SeatBlock("W", 1, 4, "C1", Set.of(SeatAttribute.ACCESSIBLE))))),
        List.of(new StandingZone("FOSSE", "Fosse", 5, "STD")));
  }

  static SeatingPlan hallOf(int rows, int seatsPerRow) {
    return new SeatingPlan(
        List.of(category("OR", "Carré Or", 9000)),
        List.of(
            new Section(
                "HALL",
                "Hall",
                List.of(new SeatBlock("1-" + rows, 1, seatsPerRow, "OR", Set.of())))),
        List.of());
  }

  static PriceCategory category(String code, String name, long cents) {
    return new PriceCategory(code, name, List.of(new PriceTier("FULL", "Plein tarif", cents)));
  }

  static List<Object> onSale() {
    return onSale(SalesLimits.DEFAULT);
  }

  static List<Object> onSale(SalesLimits limits) {
    List<Object> history = new ArrayList<>();
    history.add(
        new EventCreatedEvent(EVENT, "Festival", "Grande Salle", T0.plusSeconds(86400 * 90), ""));
    history.add(new SeatingPlanConfiguredEvent(EVENT, smallHall(), 39));
    history.add(new SalesLimitsSetEvent(EVENT, limits));
    history.add(new SalesApprovedEvent(EVENT));
    history.add(new SalesOpenedEvent(EVENT));
    return history;
  }

  static List<Object> onSaleWith(Object... more) {
    List<Object> history = onSale();
    history.addAll(List.of(more));
    return history;
  }

  /** A hold placed at {@code at} for {@link #HOLD}, ended by the Event's expiry sweep. */
  static PlacesHeldEvent held(String orderId, String customerId, Instant at, String... places) {
    return new PlacesHeldEvent(EVENT, orderId, customerId, List.of(places), at.plus(HOLD), null);
  }

  /** A hold stored before ADR 0707: it has its own {@code hold-expiry} deadline. */
  static PlacesHeldEvent heldWithOwnDeadline(
      String orderId, String customerId, Instant at, String... places) {
    return new PlacesHeldEvent(
        EVENT, orderId, customerId, List.of(places), at.plus(HOLD), "deadline-" + orderId);
  }

  /** The Event's expiry sweep scheduled for {@code at} (fixtures ignore the deadline id). */
  static HoldExpirySweepScheduledEvent sweepAt(Instant at) {
    return new HoldExpirySweepScheduledEvent(EVENT, at, "sweep-" + at);
  }
}
