package fr.guichet.command.event;

import static fr.guichet.command.event.EventFixtures.EVENT;
import static fr.guichet.command.event.EventFixtures.HOLD;
import static fr.guichet.command.event.EventFixtures.T0;
import static fr.guichet.command.event.EventFixtures.held;
import static fr.guichet.command.event.EventFixtures.onSaleWith;
import static fr.guichet.command.event.EventFixtures.sweepAt;
import static fr.guichet.command.event.PartialCancellationMatchers.rejection;

import fr.guichet.api.event.EventCommand.CancelSaleCommand;
import fr.guichet.api.event.EventCommand.CancelSoldPlacesCommand;
import fr.guichet.api.event.EventCommand.HoldPlacesCommand;
import fr.guichet.api.event.EventCommand.SellHeldPlacesCommand;
import fr.guichet.api.event.EventDomainEvent.HeldPlacesSoldEvent;
import fr.guichet.api.event.EventDomainEvent.SaleCancelledEvent;
import fr.guichet.api.event.EventDomainEvent.SoldPlacesCancelledEvent;
import fr.guichet.api.event.HoldOutcome;
import fr.guichet.api.event.HoldOutcome.HoldStatus;
import fr.guichet.api.event.PlaceSelection;
import fr.guichet.api.event.SalesLimits;
import fr.guichet.api.rejection.CommandRejectedException;
import fr.guichet.api.rejection.Rejection;
import java.time.Duration;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A manager cancels some places of a sold order; the Event decides, all or nothing. */
class PartialSaleCancellationTest {

  private static final List<String> SEATS = List.of("ORCH-A-1", "ORCH-A-2", "ORCH-A-3");
  private static final HeldPlacesSoldEvent SOLD =
      new HeldPlacesSoldEvent(EVENT, "o1", "alice", SEATS, "pay-1");
  private static final SoldPlacesCancelledEvent FIRST_CANCELLED =
      new SoldPlacesCancelledEvent(
          EVENT,
          "o1",
          "alice",
          "c1",
          List.of("ORCH-A-2"),
          List.of("ORCH-A-1", "ORCH-A-3"),
          "seat broken",
          "manager-1");
  private FixtureConfiguration<Event> fixture;

  @BeforeEach
  void setUp() {
    fixture = new AggregateTestFixture<>(Event.class);
    fixture.registerInjectableResource((OrderOpening) (order, basket) -> () -> {});
    fixture.registerFieldFilter(field -> !field.getName().endsWith("eadlineId"));
  }

  private static Object[] soldOrder(Object... more) {
    Object[] base = {held("o1", "alice", T0, "ORCH-A-1", "ORCH-A-2", "ORCH-A-3"), SOLD};
    Object[] all = new Object[base.length + more.length];
    System.arraycopy(base, 0, all, 0, base.length);
    System.arraycopy(more, 0, all, base.length, more.length);
    return all;
  }

  private static CancelSoldPlacesCommand cancel(String id, String... places) {
    return new CancelSoldPlacesCommand(
        EVENT, "o1", id, List.of(places), "seat broken", "manager-1");
  }

  @Test
  void cancelling_some_places_frees_them_names_the_manager_and_reason_and_keeps_the_others() {
    fixture
        .given(onSaleWith(soldOrder()))
        .andGivenCurrentTime(T0.plus(Duration.ofMinutes(20)))
        .when(cancel("c1", "ORCH-A-2"))
        .expectEvents(FIRST_CANCELLED)
        .expectResultMessagePayload(
            new HoldOutcome(
                EVENT, "o1", List.of("ORCH-A-1", "ORCH-A-3"), T0.plus(HOLD), HoldStatus.SOLD));
  }

  @Test
  void a_cancelled_place_is_on_sale_again_at_once_while_the_kept_ones_stay_sold() {
    fixture
        .given(onSaleWith(soldOrder(FIRST_CANCELLED)))
        .andGivenCurrentTime(T0.plus(Duration.ofMinutes(30)))
        .when(
            new HoldPlacesCommand(EVENT, "o2", "bob", PlaceSelection.specific(List.of("ORCH-A-2"))))
        .expectEvents(
            held("o2", "bob", T0.plus(Duration.ofMinutes(30)), "ORCH-A-2"),
            sweepAt(T0.plus(Duration.ofMinutes(30)).plus(HOLD)));
    setUp();
    fixture
        .given(onSaleWith(soldOrder(FIRST_CANCELLED)))
        .andGivenCurrentTime(T0.plus(Duration.ofMinutes(30)))
        .when(
            new HoldPlacesCommand(EVENT, "o2", "bob", PlaceSelection.specific(List.of("ORCH-A-1"))))
        .expectException(CommandRejectedException.class)
        .expectNoEvents();
  }

  @Test
  void a_retry_of_the_same_cancellation_changes_nothing_and_answers_the_same() {
    fixture
        .given(onSaleWith(soldOrder(FIRST_CANCELLED)))
        .when(cancel("c1", "ORCH-A-2"))
        .expectNoEvents()
        .expectResultMessagePayload(
            new HoldOutcome(
                EVENT, "o1", List.of("ORCH-A-1", "ORCH-A-3"), T0.plus(HOLD), HoldStatus.SOLD));
  }

  @Test
  void places_already_cancelled_are_a_conflict_and_nothing_is_cancelled() {
    assertRejected(
        soldOrder(FIRST_CANCELLED),
        cancel("c2", "ORCH-A-1", "ORCH-A-2"),
        Rejection.Kind.CONFLICT,
        "places-already-cancelled",
        List.of("ORCH-A-2"));
  }

  @Test
  void places_the_order_never_had_are_refused_and_nothing_is_cancelled() {
    assertRejected(
        soldOrder(),
        cancel("c2", "ORCH-A-1", "ORCH-B-9"),
        Rejection.Kind.RULE,
        "places-not-in-order",
        List.of("ORCH-B-9"));
  }

  @Test
  void an_unpaid_hold_has_no_places_to_cancel() {
    assertRejected(
        new Object[] {held("o1", "alice", T0, "ORCH-A-1", "ORCH-A-2", "ORCH-A-3")},
        cancel("c1", "ORCH-A-1"),
        Rejection.Kind.RULE,
        "not-sold",
        List.of());
  }

  @Test
  void a_cancellation_without_reason_or_places_is_invalid() {
    assertRejected(
        soldOrder(),
        new CancelSoldPlacesCommand(EVENT, "o1", "c1", List.of("ORCH-A-1"), " ", "manager-1"),
        Rejection.Kind.INVALID,
        "reason",
        List.of());
    assertRejected(
        soldOrder(),
        new CancelSoldPlacesCommand(EVENT, "o1", "c1", List.of(), "why", "manager-1"),
        Rejection.Kind.INVALID,
        "places",
        List.of());
  }

  @Test
  void cancelling_the_last_remaining_places_cancels_the_whole_sale() {
    fixture
        .given(onSaleWith(soldOrder(FIRST_CANCELLED)))
        .when(cancel("c2", "ORCH-A-1", "ORCH-A-3"))
        .expectEvents(
            new SoldPlacesCancelledEvent(
                EVENT,
                "o1",
                "alice",
                "c2",
                List.of("ORCH-A-1", "ORCH-A-3"),
                List.of(),
                "seat broken",
                "manager-1"))
        .expectResultMessagePayload(
            new HoldOutcome(EVENT, "o1", List.of(), T0.plus(HOLD), HoldStatus.CANCELLED));
    // then the order has nothing left: another request is a conflict, a whole cancellation a no-op
    SoldPlacesCancelledEvent last =
        new SoldPlacesCancelledEvent(
            EVENT, "o1", "alice", "c2", List.of("ORCH-A-1", "ORCH-A-3"), List.of(), "x", "m");
    assertRejected(
        soldOrder(FIRST_CANCELLED, last),
        cancel("c3", "ORCH-A-1"),
        Rejection.Kind.CONFLICT,
        "places-already-cancelled",
        List.of("ORCH-A-1"));
    fixture
        .given(onSaleWith(soldOrder(FIRST_CANCELLED, last)))
        .when(new CancelSaleCommand(EVENT, "o1", "dispute"))
        .expectNoEvents();
  }

  @Test
  void a_whole_cancellation_after_a_partial_one_frees_only_the_places_still_sold() {
    fixture
        .given(onSaleWith(soldOrder(FIRST_CANCELLED)))
        .when(new CancelSaleCommand(EVENT, "o1", "dispute"))
        .expectEvents(
            new SaleCancelledEvent(
                EVENT, "o1", "alice", List.of("ORCH-A-1", "ORCH-A-3"), "dispute"));
  }

  @Test
  void cancelled_places_give_the_buyer_back_their_per_customer_allowance() {
    // 3 places per customer: alice bought 3, one was cancelled, so she may hold one more
    List<Object> history = EventFixtures.onSale(new SalesLimits(10, 3, HOLD));
    history.addAll(List.of(soldOrder()));
    fixture
        .given(history)
        .andGivenCurrentTime(T0.plus(Duration.ofMinutes(30)))
        .when(hold("o2", "ORCH-B-1"))
        .expectException(CommandRejectedException.class);
    history.add(FIRST_CANCELLED);
    setUp();
    fixture
        .given(history)
        .andGivenCurrentTime(T0.plus(Duration.ofMinutes(30)))
        .when(hold("o2", "ORCH-B-1"))
        .expectEvents(
            held("o2", "alice", T0.plus(Duration.ofMinutes(30)), "ORCH-B-1"),
            sweepAt(T0.plus(Duration.ofMinutes(30)).plus(HOLD)));
  }

  private static HoldPlacesCommand hold(String orderId, String place) {
    return new HoldPlacesCommand(EVENT, orderId, "alice", PlaceSelection.specific(List.of(place)));
  }

  @Test
  void a_payment_of_an_order_already_sold_to_another_payment_is_told_so() {
    fixture
        .given(onSaleWith(soldOrder()))
        .when(new SellHeldPlacesCommand(EVENT, "o1", "box-office:o1"))
        .expectNoEvents()
        .expectResultMessagePayload(
            new HoldOutcome(EVENT, "o1", SEATS, T0.plus(HOLD), HoldStatus.SOLD_TO_OTHER_PAYMENT));
    fixture
        .given(onSaleWith(soldOrder()))
        .when(new SellHeldPlacesCommand(EVENT, "o1", "pay-1"))
        .expectNoEvents()
        .expectResultMessagePayload(
            new HoldOutcome(EVENT, "o1", SEATS, T0.plus(HOLD), HoldStatus.SOLD));
  }

  private void assertRejected(
      Object[] history, Object command, Rejection.Kind kind, String code, List<String> places) {
    fixture
        .given(onSaleWith(history))
        .andGivenCurrentTime(T0.plus(Duration.ofMinutes(20)))
        .when(command)
        .expectNoEvents()
        .expectException(rejection(kind, code, places));
  }
}
