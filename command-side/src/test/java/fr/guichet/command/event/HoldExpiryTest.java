package fr.guichet.command.event;

import static fr.guichet.command.event.EventFixtures.EVENT;
import static fr.guichet.command.event.EventFixtures.HOLD;
import static fr.guichet.command.event.EventFixtures.NO_ORDERS;
import static fr.guichet.command.event.EventFixtures.T0;
import static fr.guichet.command.event.EventFixtures.eventFixture;
import static fr.guichet.command.event.EventFixtures.held;
import static fr.guichet.command.event.EventFixtures.heldWithOwnDeadline;
import static fr.guichet.command.event.EventFixtures.onSale;
import static fr.guichet.command.event.EventFixtures.onSaleWith;
import static fr.guichet.command.event.EventFixtures.sweepAt;

import fr.guichet.api.event.EventCommand.HoldPlacesCommand;
import fr.guichet.api.event.EventCommand.ReleaseHoldCommand;
import fr.guichet.api.event.EventCommand.SellHeldPlacesCommand;
import fr.guichet.api.event.EventDomainEvent.HeldPlacesSoldEvent;
import fr.guichet.api.event.EventDomainEvent.HoldExpiredEvent;
import fr.guichet.api.event.EventDomainEvent.HoldExpirySweepsStoppedEvent;
import fr.guichet.api.event.EventDomainEvent.HoldReleasedEvent;
import fr.guichet.api.event.EventDomainEvent.LatePaymentAcceptedEvent;
import fr.guichet.api.event.EventDomainEvent.PaymentAfterHoldEndedEvent;
import fr.guichet.api.event.HoldOutcome;
import fr.guichet.api.event.HoldOutcome.HoldStatus;
import fr.guichet.api.event.PlaceSelection;
import fr.guichet.api.event.SalesLimits;
import fr.guichet.api.rejection.CommandRejectedException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.axonframework.test.deadline.StubDeadlineManager;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HoldExpiryTest {

  private static final List<String> SEATS = List.of("ORCH-A-1", "ORCH-A-2");
  private FixtureConfiguration<Event> fixture;

  @BeforeEach
  void setUp() {
    fixture = eventFixture();
  }

  @Test
  void an_unpaid_hold_expires_when_the_events_expiry_sweep_comes_and_frees_its_places() {
    fixture
        .given(onSale())
        .andGivenCurrentTime(T0)
        .andGivenCommands(
            new HoldPlacesCommand(EVENT, "o1", "alice", PlaceSelection.specific(SEATS)))
        .whenTimeElapses(HOLD)
        .expectTriggeredDeadlinesWithName(Event.HOLD_EXPIRY_SWEEP)
        .expectEvents(
            new HoldExpiredEvent(EVENT, "o1", "alice", SEATS),
            new HoldExpirySweepsStoppedEvent(EVENT))
        .expectNoScheduledDeadlines();
  }

  @Test
  void places_freed_by_expiry_can_be_held_by_someone_else() {
    fixture
        .given(
            onSaleWith(
                held("o1", "alice", T0, "ORCH-A-1", "ORCH-A-2"),
                new HoldExpiredEvent(EVENT, "o1", "alice", SEATS)))
        .andGivenCurrentTime(T0.plus(HOLD).plusSeconds(1))
        .when(new HoldPlacesCommand(EVENT, "o2", "bob", PlaceSelection.specific(SEATS)))
        .expectEvents(
            held("o2", "bob", T0.plus(HOLD).plusSeconds(1), "ORCH-A-1", "ORCH-A-2"),
            sweepAt(T0.plus(HOLD).plusSeconds(1).plus(HOLD)));
  }

  @Test
  void a_confirmation_within_the_hold_sells_the_places_once() {
    fixture
        .given(onSaleWith(held("o1", "alice", T0, "ORCH-A-1", "ORCH-A-2")))
        .andGivenCurrentTime(T0.plus(Duration.ofMinutes(9)))
        .when(new SellHeldPlacesCommand(EVENT, "o1", "pay-1"))
        .expectEvents(new HeldPlacesSoldEvent(EVENT, "o1", "alice", SEATS, "pay-1"))
        .expectResultMessagePayload(
            new HoldOutcome(EVENT, "o1", SEATS, T0.plus(HOLD), HoldStatus.SOLD));
    fixture
        .given(
            onSaleWith(
                held("o1", "alice", T0, "ORCH-A-1", "ORCH-A-2"),
                new HeldPlacesSoldEvent(EVENT, "o1", "alice", SEATS, "pay-1")))
        .andGivenCurrentTime(T0.plus(Duration.ofMinutes(9)))
        .when(new SellHeldPlacesCommand(EVENT, "o1", "pay-1"))
        .expectNoEvents()
        .expectResultMessagePayload(
            new HoldOutcome(EVENT, "o1", SEATS, T0.plus(HOLD), HoldStatus.SOLD));
  }

  @Test
  void a_confirmation_after_the_expiry_time_loses_even_if_the_deadline_has_not_fired() {
    fixture
        .given(onSaleWith(held("o1", "alice", T0, "ORCH-A-1", "ORCH-A-2")))
        .andGivenCurrentTime(T0.plus(HOLD).plusMillis(1))
        .when(new SellHeldPlacesCommand(EVENT, "o1", "pay-1"))
        .expectEvents(
            new HoldExpiredEvent(EVENT, "o1", "alice", SEATS),
            new PaymentAfterHoldEndedEvent(EVENT, "o1", "pay-1", HoldStatus.EXPIRED))
        .expectResultMessagePayload(
            new HoldOutcome(EVENT, "o1", SEATS, T0.plus(HOLD), HoldStatus.EXPIRED));
  }

  private static List<Object> acceptingLatePaymentsWith(Object... more) {
    List<Object> history =
        new ArrayList<>(onSale(new SalesLimits(10, 10, HOLD, /* latePaymentAccepted= */ true)));
    history.addAll(List.of(more));
    return history;
  }

  @Test
  void a_late_payment_buys_the_places_when_the_event_accepts_it_and_they_are_all_still_free() {
    fixture
        .given(
            acceptingLatePaymentsWith(
                held("o1", "alice", T0, "ORCH-A-1", "ORCH-A-2"),
                new HoldExpiredEvent(EVENT, "o1", "alice", SEATS)))
        .andGivenCurrentTime(T0.plus(HOLD).plusSeconds(30))
        .when(new SellHeldPlacesCommand(EVENT, "o1", "pay-1"))
        .expectEvents(new LatePaymentAcceptedEvent(EVENT, "o1", "alice", SEATS, "pay-1"))
        .expectResultMessagePayload(
            new HoldOutcome(EVENT, "o1", SEATS, T0.plus(HOLD), HoldStatus.SOLD));
  }

  @Test
  void a_late_payment_never_takes_a_place_someone_else_holds_meanwhile() {
    fixture
        .given(
            acceptingLatePaymentsWith(
                held("o1", "alice", T0, "ORCH-A-1", "ORCH-A-2"),
                new HoldExpiredEvent(EVENT, "o1", "alice", SEATS),
                held("o2", "bob", T0.plus(HOLD), "ORCH-A-2")))
        .andGivenCurrentTime(T0.plus(HOLD).plusSeconds(30))
        .when(new SellHeldPlacesCommand(EVENT, "o1", "pay-1"))
        .expectEvents(new PaymentAfterHoldEndedEvent(EVENT, "o1", "pay-1", HoldStatus.EXPIRED));
  }

  @Test
  void a_late_payment_accepted_once_is_not_accepted_again_and_its_places_are_sold() {
    fixture
        .given(
            acceptingLatePaymentsWith(
                held("o1", "alice", T0, "ORCH-A-1", "ORCH-A-2"),
                new HoldExpiredEvent(EVENT, "o1", "alice", SEATS),
                new LatePaymentAcceptedEvent(EVENT, "o1", "alice", SEATS, "pay-1")))
        .andGivenCurrentTime(T0.plus(HOLD).plusSeconds(40))
        .when(new SellHeldPlacesCommand(EVENT, "o1", "pay-1"))
        .expectNoEvents()
        .expectResultMessagePayload(
            new HoldOutcome(EVENT, "o1", SEATS, T0.plus(HOLD), HoldStatus.SOLD));
    setUp();
    fixture
        .given(
            acceptingLatePaymentsWith(
                held("o1", "alice", T0, "ORCH-A-1", "ORCH-A-2"),
                new HoldExpiredEvent(EVENT, "o1", "alice", SEATS),
                new LatePaymentAcceptedEvent(EVENT, "o1", "alice", SEATS, "pay-1")))
        .andGivenCurrentTime(T0.plus(HOLD).plusSeconds(40))
        .when(
            new HoldPlacesCommand(EVENT, "o2", "bob", PlaceSelection.specific(List.of("ORCH-A-1"))))
        .expectException(CommandRejectedException.class)
        .expectNoEvents();
  }

  @Test
  void a_released_hold_is_not_bought_late_even_when_the_event_accepts_late_payments() {
    fixture
        .given(
            acceptingLatePaymentsWith(
                held("o1", "alice", T0, "ORCH-A-1", "ORCH-A-2"),
                new HoldReleasedEvent(EVENT, "o1", "alice", SEATS)))
        .andGivenCurrentTime(T0.plusSeconds(60))
        .when(new SellHeldPlacesCommand(EVENT, "o1", "pay-1"))
        .expectEvents(new PaymentAfterHoldEndedEvent(EVENT, "o1", "pay-1", HoldStatus.RELEASED));
  }

  @Test
  void a_late_payment_delivered_twice_is_recorded_once() {
    fixture
        .given(
            onSaleWith(
                held("o1", "alice", T0, "ORCH-A-1", "ORCH-A-2"),
                new HoldExpiredEvent(EVENT, "o1", "alice", SEATS),
                new PaymentAfterHoldEndedEvent(EVENT, "o1", "pay-1", HoldStatus.EXPIRED)))
        .andGivenCurrentTime(T0.plus(HOLD).plusSeconds(30))
        .when(new SellHeldPlacesCommand(EVENT, "o1", "pay-1"))
        .expectNoEvents();
  }

  @Test
  void a_sweep_coming_after_the_sale_expires_nothing() {
    fixture
        .given(onSale())
        .andGivenCurrentTime(T0)
        .andGivenCommands(
            new HoldPlacesCommand(EVENT, "o1", "alice", PlaceSelection.specific(SEATS)),
            new SellHeldPlacesCommand(EVENT, "o1", "pay-1"))
        .whenTimeElapses(HOLD.plusMinutes(1))
        .expectTriggeredDeadlinesWithName(Event.HOLD_EXPIRY_SWEEP)
        .expectEvents(new HoldExpirySweepsStoppedEvent(EVENT));
  }

  @Test
  void a_hold_stored_with_its_own_deadline_still_expires_when_that_deadline_fires() {
    fixture
        .given(onSaleWith(heldWithOwnDeadline("o1", "alice", T0, "ORCH-A-1", "ORCH-A-2")))
        .andGivenCurrentTime(T0.plus(HOLD))
        .whenInvoking(
            EVENT,
            event ->
                event.onHoldExpiry(
                    "o1", (eventId, sequence) -> false, new StubDeadlineManager(), NO_ORDERS))
        .expectEvents(new HoldExpiredEvent(EVENT, "o1", "alice", SEATS));
  }

  @Test
  void a_holds_own_deadline_firing_twice_expires_the_hold_once() {
    fixture
        .given(
            onSaleWith(
                heldWithOwnDeadline("o1", "alice", T0, "ORCH-A-1", "ORCH-A-2"),
                new HoldExpiredEvent(EVENT, "o1", "alice", SEATS)))
        .andGivenCurrentTime(T0.plus(HOLD).plusSeconds(5))
        .whenInvoking(
            EVENT,
            event ->
                event.onHoldExpiry(
                    "o1", (eventId, sequence) -> false, new StubDeadlineManager(), NO_ORDERS))
        .expectNoEvents();
  }

  @Test
  void a_holds_own_deadline_firing_late_still_expires_the_hold() {
    fixture
        .given(onSaleWith(heldWithOwnDeadline("o1", "alice", T0, "ORCH-A-1", "ORCH-A-2")))
        .andGivenCurrentTime(T0.plus(HOLD).plus(Duration.ofHours(3)))
        .whenInvoking(
            EVENT,
            event ->
                event.onHoldExpiry(
                    "o1", (eventId, sequence) -> false, new StubDeadlineManager(), NO_ORDERS))
        .expectEvents(new HoldExpiredEvent(EVENT, "o1", "alice", SEATS));
  }

  @Test
  void the_buyer_releases_their_hold_before_paying() {
    fixture
        .given(onSaleWith(held("o1", "alice", T0, "ORCH-A-1", "ORCH-A-2")))
        .andGivenCurrentTime(T0.plusSeconds(60))
        .when(new ReleaseHoldCommand(EVENT, "o1", "alice"))
        .expectEvents(new HoldReleasedEvent(EVENT, "o1", "alice", SEATS))
        .expectResultMessagePayload(
            new HoldOutcome(EVENT, "o1", SEATS, T0.plus(HOLD), HoldStatus.RELEASED));
  }

  @Test
  void nobody_else_can_release_a_buyers_hold() {
    fixture
        .given(onSaleWith(held("o1", "alice", T0, "ORCH-A-1", "ORCH-A-2")))
        .andGivenCurrentTime(T0.plusSeconds(60))
        .when(new ReleaseHoldCommand(EVENT, "o1", "mallory"))
        .expectException(CommandRejectedException.class)
        .expectNoEvents();
  }

  @Test
  void a_paid_order_cannot_be_released() {
    fixture
        .given(
            onSaleWith(
                held("o1", "alice", T0, "ORCH-A-1", "ORCH-A-2"),
                new HeldPlacesSoldEvent(EVENT, "o1", "alice", SEATS, "pay-1")))
        .andGivenCurrentTime(T0.plusSeconds(60))
        .when(new ReleaseHoldCommand(EVENT, "o1", "alice"))
        .expectException(CommandRejectedException.class)
        .expectNoEvents();
  }

  @Test
  void a_payment_after_release_is_recorded_for_refund() {
    fixture
        .given(
            onSaleWith(
                held("o1", "alice", T0, "ORCH-A-1", "ORCH-A-2"),
                new HoldReleasedEvent(EVENT, "o1", "alice", SEATS)))
        .andGivenCurrentTime(T0.plusSeconds(90))
        .when(new SellHeldPlacesCommand(EVENT, "o1", "pay-9"))
        .expectEvents(new PaymentAfterHoldEndedEvent(EVENT, "o1", "pay-9", HoldStatus.RELEASED));
  }
}
