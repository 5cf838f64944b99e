package fr.guichet.command.event;

import static fr.guichet.command.event.EventFixtures.EVENT;
import static fr.guichet.command.event.EventFixtures.HOLD;
import static fr.guichet.command.event.EventFixtures.NO_ORDERS;
import static fr.guichet.command.event.EventFixtures.T0;
import static fr.guichet.command.event.EventFixtures.eventFixture;
import static fr.guichet.command.event.EventFixtures.held;
import static fr.guichet.command.event.EventFixtures.onSale;
import static fr.guichet.command.event.EventFixtures.onSaleWith;
import static fr.guichet.command.event.EventFixtures.sweepAt;
import static org.assertj.core.api.Assertions.assertThat;

import fr.guichet.api.event.EventCommand.HoldPlacesCommand;
import fr.guichet.api.event.EventCommand.ReleaseHoldCommand;
import fr.guichet.api.event.EventCommand.SellHeldPlacesCommand;
import fr.guichet.api.event.EventDomainEvent.HeldPlacesSoldEvent;
import fr.guichet.api.event.EventDomainEvent.HoldExpiredEvent;
import fr.guichet.api.event.EventDomainEvent.HoldExpirySweepsStoppedEvent;
import fr.guichet.api.event.EventDomainEvent.HoldReleasedEvent;
import fr.guichet.api.event.EventDomainEvent.PlacesHeldEvent;
import fr.guichet.api.event.EventDomainEvent.SalesLimitsSetEvent;
import fr.guichet.api.event.PlaceSelection;
import fr.guichet.api.event.SalesLimits;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.deadline.DeadlineMessage;
import org.axonframework.modelling.command.AggregateScopeDescriptor;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.deadline.ScheduledDeadlineInfo;
import org.axonframework.test.deadline.StubDeadlineManager;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One expiry sweep per Event (ADR 0707): a single pending deadline expires every hold due when it
 * fires, then schedules the next for the earliest hold left, and stops when none is left.
 */
class HoldExpirySweepTest {

  private static final List<String> A1 = List.of("ORCH-A-1");
  private static final List<String> A2 = List.of("ORCH-A-2");
  private static final List<String> A3 = List.of("ORCH-A-3");
  private static final Instant SWEEP = T0.plus(HOLD);

  /** The store is where the copy under test is: deadlines decide on it. */
  private static final StoredVersion AS_STORED = (eventId, sequence) -> false;

  private AggregateTestFixture<Event> fixture;

  @BeforeEach
  void setUp() {
    fixture = eventFixture();
  }

  private static HoldPlacesCommand hold(String orderId, String customer, List<String> places) {
    return new HoldPlacesCommand(EVENT, orderId, customer, PlaceSelection.specific(places));
  }

  /** A hold that ends at {@code until}, whatever the event's hold duration. */
  private static PlacesHeldEvent heldUntil(
      String orderId, String customer, Instant until, List<String> places) {
    return new PlacesHeldEvent(EVENT, orderId, customer, places, until, null);
  }

  private static HoldExpiredEvent expired(String orderId, String customer, List<String> places) {
    return new HoldExpiredEvent(EVENT, orderId, customer, places);
  }

  @Test
  void many_holds_share_one_pending_sweep() {
    List<DeadlineMessage<?>> scheduled = new ArrayList<>();
    fixture.registerDeadlineDispatchInterceptor(
        messages ->
            (index, message) -> {
              scheduled.add(message);
              return message;
            });
    List<HoldPlacesCommand> earlier = new ArrayList<>();
    for (int seat = 1; seat <= 9; seat++) {
      earlier.add(hold("o" + seat, "buyer-" + seat, List.of("ORCH-A-" + seat)));
    }
    fixture
        .given(onSale())
        .andGivenCurrentTime(T0)
        .andGivenCommands(earlier)
        .when(hold("o10", "buyer-10", List.of("ORCH-A-10")))
        .expectEvents(held("o10", "buyer-10", T0, "ORCH-A-10"))
        .expectScheduledDeadlineWithName(SWEEP, Event.HOLD_EXPIRY_SWEEP);
    assertThat(scheduled)
        .singleElement()
        .satisfies(
            deadline -> {
              assertThat(deadline.getDeadlineName()).isEqualTo(Event.HOLD_EXPIRY_SWEEP);
              assertThat(deadline.getPayload()).isEqualTo(SWEEP.toString());
            });
  }

  @Test
  void a_hold_ending_after_the_pending_sweep_schedules_no_deadline() {
    fixture
        .given(onSaleWith(held("o1", "alice", T0, "ORCH-A-1"), sweepAt(SWEEP)))
        .andGivenCurrentTime(T0.plus(Duration.ofMinutes(2)))
        .when(hold("o2", "bob", A2))
        .expectEvents(held("o2", "bob", T0.plus(Duration.ofMinutes(2)), "ORCH-A-2"))
        .expectNoScheduledDeadlines();
  }

  @Test
  void a_sweep_expires_exactly_the_holds_due_and_schedules_the_next_for_the_earliest_left() {
    fixture
        .given(onSale())
        .andGivenCurrentTime(T0)
        .andGivenCommands(hold("o1", "alice", A1))
        .andGiven(
            held("o2", "bob", T0.plus(Duration.ofMinutes(2)), "ORCH-A-2"),
            held("o3", "carol", T0.plus(Duration.ofMinutes(5)), "ORCH-A-3"))
        .whenTimeElapses(HOLD)
        .expectTriggeredDeadlinesWithName(Event.HOLD_EXPIRY_SWEEP)
        .expectEvents(expired("o1", "alice", A1), sweepAt(SWEEP.plus(Duration.ofMinutes(2))))
        .expectScheduledDeadlineWithName(
            SWEEP.plus(Duration.ofMinutes(2)), Event.HOLD_EXPIRY_SWEEP);
  }

  @Test
  void successive_sweeps_expire_each_hold_at_its_time_then_stop() {
    fixture
        .given(onSale())
        .andGivenCurrentTime(T0)
        .andGivenCommands(hold("o1", "alice", A1))
        .andGiven(
            held("o2", "bob", T0.plus(Duration.ofMinutes(2)), "ORCH-A-2"),
            held("o3", "carol", T0.plus(Duration.ofMinutes(5)), "ORCH-A-3"))
        .whenTimeElapses(HOLD.plus(Duration.ofMinutes(6)))
        .expectEvents(
            expired("o1", "alice", A1),
            sweepAt(SWEEP.plus(Duration.ofMinutes(2))),
            expired("o2", "bob", A2),
            sweepAt(SWEEP.plus(Duration.ofMinutes(5))),
            expired("o3", "carol", A3),
            new HoldExpirySweepsStoppedEvent(EVENT))
        .expectNoScheduledDeadlines();
  }

  @Test
  void sweeps_are_at_least_a_second_apart() {
    fixture
        .given(onSale())
        .andGivenCurrentTime(T0)
        .andGivenCommands(hold("o1", "alice", A1))
        .andGiven(heldUntil("o2", "bob", SWEEP.plusMillis(300), A2))
        .whenTimeElapses(HOLD)
        .expectEvents(expired("o1", "alice", A1), sweepAt(SWEEP.plus(Event.SWEEP_GAP)))
        .expectScheduledDeadlineWithName(SWEEP.plus(Event.SWEEP_GAP), Event.HOLD_EXPIRY_SWEEP);
  }

  @Test
  void a_sweep_delivered_again_after_it_ran_changes_nothing() {
    StubDeadlineManager deadlines = new StubDeadlineManager(SWEEP);
    fixture
        .given(
            onSaleWith(
                held("o1", "alice", T0, "ORCH-A-1"),
                sweepAt(SWEEP),
                held("o2", "bob", T0.plus(Duration.ofMinutes(5)), "ORCH-A-2"),
                expired("o1", "alice", A1),
                sweepAt(SWEEP.plus(Duration.ofMinutes(5)))))
        .andGivenCurrentTime(SWEEP.plusSeconds(2))
        .whenInvoking(
            EVENT,
            event -> event.onHoldExpirySweep(SWEEP.toString(), deadlines, AS_STORED, NO_ORDERS))
        .expectNoEvents();
    assertThat(deadlines.getScheduledDeadlines()).isEmpty();
  }

  @Test
  void a_sweep_firing_twice_after_the_last_hold_ended_expires_nothing_more() {
    StubDeadlineManager deadlines = new StubDeadlineManager(SWEEP);
    fixture
        .given(
            onSaleWith(
                held("o1", "alice", T0, "ORCH-A-1"),
                sweepAt(SWEEP),
                expired("o1", "alice", A1),
                new HoldExpirySweepsStoppedEvent(EVENT)))
        .andGivenCurrentTime(SWEEP.plusSeconds(5))
        .whenInvoking(
            EVENT,
            event -> event.onHoldExpirySweep(SWEEP.toString(), deadlines, AS_STORED, NO_ORDERS))
        .expectNoEvents();
    assertThat(deadlines.getScheduledDeadlines()).isEmpty();
  }

  @Test
  void a_sweep_firing_hours_late_expires_every_hold_due_by_then_once() {
    StubDeadlineManager deadlines = new StubDeadlineManager(SWEEP);
    fixture
        .given(
            onSaleWith(
                held("o1", "alice", T0, "ORCH-A-1"),
                sweepAt(SWEEP),
                held("o2", "bob", T0.plus(Duration.ofMinutes(1)), "ORCH-A-2"),
                held("o3", "carol", T0.plus(Duration.ofMinutes(2)), "ORCH-A-3"),
                expired("o3", "carol", A3)))
        .andGivenCurrentTime(SWEEP.plus(Duration.ofHours(3)))
        .whenInvoking(
            EVENT,
            event -> event.onHoldExpirySweep(SWEEP.toString(), deadlines, AS_STORED, NO_ORDERS))
        .expectEvents(
            expired("o1", "alice", A1),
            expired("o2", "bob", A2),
            new HoldExpirySweepsStoppedEvent(EVENT));
    assertThat(deadlines.getScheduledDeadlines()).isEmpty();
  }

  @Test
  void a_sweep_run_on_a_clock_slightly_behind_its_time_still_expires_what_is_due_at_that_time() {
    StubDeadlineManager deadlines = new StubDeadlineManager(SWEEP);
    fixture
        .given(onSaleWith(held("o1", "alice", T0, "ORCH-A-1"), sweepAt(SWEEP)))
        .andGivenCurrentTime(SWEEP.minusMillis(3))
        .whenInvoking(
            EVENT,
            event -> event.onHoldExpirySweep(SWEEP.toString(), deadlines, AS_STORED, NO_ORDERS))
        .expectEvents(expired("o1", "alice", A1), new HoldExpirySweepsStoppedEvent(EVENT));
    assertThat(deadlines.getScheduledDeadlines()).isEmpty();
  }

  @Test
  void once_sweeps_stopped_the_next_hold_schedules_one() {
    fixture
        .given(
            onSaleWith(
                held("o1", "alice", T0, "ORCH-A-1"),
                sweepAt(SWEEP),
                expired("o1", "alice", A1),
                new HoldExpirySweepsStoppedEvent(EVENT)))
        .andGivenCurrentTime(SWEEP.plusSeconds(60))
        .when(hold("o2", "bob", A2))
        .expectEvents(
            held("o2", "bob", SWEEP.plusSeconds(60), "ORCH-A-2"),
            sweepAt(SWEEP.plusSeconds(60).plus(HOLD)))
        .expectScheduledDeadlineWithName(HOLD, Event.HOLD_EXPIRY_SWEEP);
  }

  @Test
  void a_sweep_whose_time_has_come_but_not_yet_fired_still_leaves_the_next_hold_one_of_its_own() {
    Instant now = SWEEP.plusMillis(500);
    fixture
        .given(onSaleWith(held("o1", "alice", T0, "ORCH-A-1"), sweepAt(SWEEP)))
        .andGivenCurrentTime(now)
        .when(hold("o2", "bob", A2))
        .expectEvents(
            expired("o1", "alice", A1), held("o2", "bob", now, "ORCH-A-2"), sweepAt(now.plus(HOLD)))
        .expectScheduledDeadlineWithName(HOLD, Event.HOLD_EXPIRY_SWEEP);
  }

  @Test
  void releasing_or_selling_holds_cancels_no_deadline_and_the_sweep_then_expires_nothing() {
    fixture
        .given(onSale())
        .andGivenCurrentTime(T0)
        .andGivenCommands(hold("o1", "alice", A1), hold("o2", "bob", A2))
        .when(new ReleaseHoldCommand(EVENT, "o1", "alice"))
        .expectEvents(new HoldReleasedEvent(EVENT, "o1", "alice", A1))
        .expectScheduledDeadlineWithName(HOLD, Event.HOLD_EXPIRY_SWEEP);
    setUp();
    fixture
        .given(onSale())
        .andGivenCurrentTime(T0)
        .andGivenCommands(
            hold("o1", "alice", A1),
            hold("o2", "bob", A2),
            new ReleaseHoldCommand(EVENT, "o1", "alice"),
            new SellHeldPlacesCommand(EVENT, "o2", "pay-2"))
        .whenTimeElapses(HOLD)
        .expectTriggeredDeadlinesWithName(Event.HOLD_EXPIRY_SWEEP)
        .expectEvents(new HoldExpirySweepsStoppedEvent(EVENT))
        .expectNoScheduledDeadlines();
  }

  @Test
  void a_shorter_hold_duration_brings_an_earlier_sweep() {
    Duration shorter = Duration.ofMinutes(2);
    Instant now = T0.plus(Duration.ofMinutes(1));
    fixture
        .given(
            onSaleWith(
                held("o1", "alice", T0, "ORCH-A-1"),
                sweepAt(SWEEP),
                new SalesLimitsSetEvent(EVENT, new SalesLimits(10, 10, shorter))))
        .andGivenCurrentTime(now)
        .when(hold("o2", "bob", A2))
        .expectEvents(heldUntil("o2", "bob", now.plus(shorter), A2), sweepAt(now.plus(shorter)))
        .expectScheduledDeadlineWithName(shorter, Event.HOLD_EXPIRY_SWEEP);
  }

  @Test
  void after_a_shorter_hold_the_sweeps_still_expire_the_longer_one_at_its_time() {
    Duration shorter = Duration.ofMinutes(2);
    fixture
        .given(onSale())
        .andGivenCurrentTime(T0)
        .andGivenCommands(hold("o1", "alice", A1))
        .andGiven(new SalesLimitsSetEvent(EVENT, new SalesLimits(10, 10, shorter)))
        .andGivenCommands(hold("o2", "bob", A2))
        .whenTimeElapses(HOLD.plusSeconds(5))
        .expectEvents(
            expired("o2", "bob", A2),
            sweepAt(SWEEP),
            expired("o1", "alice", A1),
            new HoldExpirySweepsStoppedEvent(EVENT))
        .expectNoScheduledDeadlines();
  }

  @Test
  void releasing_or_selling_a_hold_stored_with_its_own_deadline_cancels_that_deadline() {
    StubDeadlineManager deadlines = new StubDeadlineManager(T0);
    AggregateScopeDescriptor scope = new AggregateScopeDescriptor("Event", EVENT);
    String own1 = deadlines.schedule(SWEEP, Event.HOLD_EXPIRY, "o1", scope);
    String own2 = deadlines.schedule(SWEEP, Event.HOLD_EXPIRY, "o2", scope);
    fixture
        .given(
            onSaleWith(
                new PlacesHeldEvent(EVENT, "o1", "alice", A1, SWEEP, own1),
                new PlacesHeldEvent(EVENT, "o2", "bob", A2, SWEEP, own2)))
        .andGivenCurrentTime(T0.plusSeconds(60))
        .whenInvoking(
            EVENT,
            event ->
                event.handle(new ReleaseHoldCommand(EVENT, "o1", "alice"), deadlines, NO_ORDERS))
        .expectEvents(new HoldReleasedEvent(EVENT, "o1", "alice", A1));
    assertThat(deadlines.getScheduledDeadlines())
        .extracting(deadline -> (Object) deadline.deadlineMessage().getPayload())
        .containsExactly("o2");
    setUp();
    fixture
        .given(
            onSaleWith(
                new PlacesHeldEvent(EVENT, "o1", "alice", A1, SWEEP, own1),
                new PlacesHeldEvent(EVENT, "o2", "bob", A2, SWEEP, own2)))
        .andGivenCurrentTime(T0.plusSeconds(60))
        .whenInvoking(
            EVENT,
            event ->
                event.handle(new SellHeldPlacesCommand(EVENT, "o2", "pay-2"), deadlines, NO_ORDERS))
        .expectEvents(new HeldPlacesSoldEvent(EVENT, "o2", "bob", A2, "pay-2"));
    assertThat(deadlines.getScheduledDeadlines()).isEmpty();
  }

  @Test
  void releasing_a_new_hold_leaves_the_events_sweep_in_place() {
    StubDeadlineManager deadlines = new StubDeadlineManager(T0);
    deadlines.schedule(
        SWEEP,
        Event.HOLD_EXPIRY_SWEEP,
        SWEEP.toString(),
        new AggregateScopeDescriptor("Event", EVENT));
    fixture
        .given(onSaleWith(held("o1", "alice", T0, "ORCH-A-1"), sweepAt(SWEEP)))
        .andGivenCurrentTime(T0.plusSeconds(60))
        .whenInvoking(
            EVENT,
            event ->
                event.handle(new ReleaseHoldCommand(EVENT, "o1", "alice"), deadlines, NO_ORDERS))
        .expectEvents(new HoldReleasedEvent(EVENT, "o1", "alice", A1));
    assertThat(deadlines.getScheduledDeadlines())
        .extracting(ScheduledDeadlineInfo::getDeadlineName)
        .containsExactly(Event.HOLD_EXPIRY_SWEEP);
  }

  /**
   * The multi-node hole of the first landing: the sweep's deadline ran on a node whose cached copy
   * was behind the store. On that copy the sweep found nothing due and a later sweep pending, so it
   * applied nothing, succeeded, and was gone, while the store's holds waited for it. Now it fails
   * (and is retried on the stored Event) instead of finding nothing to do.
   */
  @Test
  void a_sweep_on_a_copy_behind_the_store_fails_instead_of_finding_nothing_to_do() {
    StubDeadlineManager deadlines = new StubDeadlineManager(SWEEP);
    StoredVersion storeIsAhead = (eventId, sequence) -> 1_000 > sequence;
    fixture
        .given(
            onSaleWith(
                held("o2", "bob", T0.plus(Duration.ofMinutes(5)), "ORCH-A-2"),
                sweepAt(SWEEP.plus(Duration.ofMinutes(5)))))
        .andGivenCurrentTime(SWEEP)
        .whenInvoking(
            EVENT,
            event -> event.onHoldExpirySweep(SWEEP.toString(), deadlines, storeIsAhead, NO_ORDERS))
        .expectNoEvents()
        .expectException(ConcurrencyException.class);
    assertThat(deadlines.getScheduledDeadlines()).isEmpty();
  }

  @Test
  void a_sweep_on_a_copy_behind_the_store_fails_even_when_it_has_holds_to_expire() {
    StubDeadlineManager deadlines = new StubDeadlineManager(SWEEP);
    fixture
        .given(onSaleWith(held("o1", "alice", T0, "ORCH-A-1"), sweepAt(SWEEP)))
        .andGivenCurrentTime(SWEEP)
        .whenInvoking(
            EVENT,
            event ->
                event.onHoldExpirySweep(
                    SWEEP.toString(), deadlines, (eventId, sequence) -> 99 > sequence, NO_ORDERS))
        .expectNoEvents()
        .expectException(ConcurrencyException.class);
  }

  @Test
  void a_superseded_sweep_on_the_stored_event_finds_nothing_to_do_and_completes() {
    StubDeadlineManager deadlines = new StubDeadlineManager(SWEEP);
    List<Object> history =
        onSaleWith(
            held("o2", "bob", T0.plus(Duration.ofMinutes(5)), "ORCH-A-2"),
            sweepAt(SWEEP.plus(Duration.ofMinutes(5))));
    long lastStored = history.size() - 1;
    fixture
        .given(history)
        .andGivenCurrentTime(SWEEP)
        .whenInvoking(
            EVENT,
            event ->
                event.onHoldExpirySweep(
                    SWEEP.toString(),
                    deadlines,
                    (eventId, sequence) -> lastStored > sequence,
                    NO_ORDERS))
        .expectNoEvents()
        .expectSuccessfulHandlerExecution();
    assertThat(deadlines.getScheduledDeadlines()).isEmpty();
  }

  @Test
  void a_hold_s_own_deadline_on_a_copy_behind_the_store_fails_instead_of_missing_the_hold() {
    fixture
        .given(onSale())
        .andGivenCurrentTime(SWEEP)
        .whenInvoking(
            EVENT,
            event ->
                event.onHoldExpiry(
                    "o9",
                    (eventId, sequence) -> 50 > sequence,
                    new StubDeadlineManager(),
                    NO_ORDERS))
        .expectNoEvents()
        .expectException(ConcurrencyException.class);
  }

  @Test
  void the_sales_opening_deadline_on_a_copy_behind_the_store_fails_instead_of_deciding_on_it() {
    fixture
        .given(onSale())
        .andGivenCurrentTime(SWEEP)
        .whenInvoking(
            EVENT,
            event -> event.onSalesOpeningTime(T0.toString(), (eventId, sequence) -> 50 > sequence))
        .expectNoEvents()
        .expectException(ConcurrencyException.class);
  }
}
