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
import static org.axonframework.test.matchers.Matchers.predicate;

import fr.guichet.api.event.EventCommand.CloseSalesCommand;
import fr.guichet.api.event.EventCommand.HoldPlacesCommand;
import fr.guichet.api.event.EventCommand.JoinWaitingListCommand;
import fr.guichet.api.event.EventCommand.LeaveWaitingListCommand;
import fr.guichet.api.event.EventCommand.ReleaseHoldCommand;
import fr.guichet.api.event.EventCommand.ResumeSalesCommand;
import fr.guichet.api.event.EventCommand.UnblockPlacesCommand;
import fr.guichet.api.event.EventDomainEvent.HoldExpiredEvent;
import fr.guichet.api.event.EventDomainEvent.HoldReleasedEvent;
import fr.guichet.api.event.EventDomainEvent.PlacesBlockedEvent;
import fr.guichet.api.event.EventDomainEvent.PlacesHeldEvent;
import fr.guichet.api.event.EventDomainEvent.PlacesUnblockedEvent;
import fr.guichet.api.event.EventDomainEvent.SalesClosedEvent;
import fr.guichet.api.event.EventDomainEvent.SalesPausedEvent;
import fr.guichet.api.event.EventDomainEvent.SalesResumedEvent;
import fr.guichet.api.event.EventDomainEvent.WaitingListExit;
import fr.guichet.api.event.EventDomainEvent.WaitingListJoinedEvent;
import fr.guichet.api.event.EventDomainEvent.WaitingListLeftEvent;
import fr.guichet.api.event.EventDomainEvent.WaitingListOfferMadeEvent;
import fr.guichet.api.event.PlaceSelection;
import fr.guichet.api.event.SalesLimits;
import fr.guichet.api.event.WaitingListPlace;
import fr.guichet.api.event.WaitingListPlace.Status;
import fr.guichet.api.rejection.CommandRejectedException;
import fr.guichet.api.rejection.Rejection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.deadline.StubDeadlineManager;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The waiting list (pretix's, alf.io's): buyers who find no free place queue for a number of places
 * in a category or zone, and the places that come back are held for them in the order they joined,
 * by the Event itself, before any walk-in buyer can take them.
 */
class WaitingListTest {

  private static final PlaceSelection TWO_IN_PIT = PlaceSelection.standing("FOSSE", 2);
  private static final PlaceSelection ONE_IN_PIT = PlaceSelection.standing("FOSSE", 1);
  private static final Duration OFFER = SalesLimits.DEFAULT_OFFER_DURATION;
  private static final Instant NOW = T0.plus(Duration.ofMinutes(1));

  private AggregateTestFixture<Event> fixture;

  @BeforeEach
  void setUp() {
    fixture = eventFixture();
  }

  /** Alice holds the whole pit (5 spots) at T0, until T0 + 10 min. */
  private static List<Object> pitFull(Object... more) {
    List<Object> history =
        onSaleWith(held("h1", "alice", T0, "FOSSE-1", "FOSSE-2", "FOSSE-3", "FOSSE-4", "FOSSE-5"));
    history.addAll(List.of(more));
    return history;
  }

  private static JoinWaitingListCommand join(String orderId, String customer, PlaceSelection w) {
    return new JoinWaitingListCommand(EVENT, orderId, customer, w, "fr");
  }

  private static WaitingListJoinedEvent joined(String orderId, String customer, PlaceSelection w) {
    return new WaitingListJoinedEvent(EVENT, customer, orderId, w, "fr");
  }

  private static HoldReleasedEvent aliceReleased() {
    return new HoldReleasedEvent(
        EVENT, "h1", "alice", List.of("FOSSE-1", "FOSSE-2", "FOSSE-3", "FOSSE-4", "FOSSE-5"));
  }

  /** The offer of {@code places} to the buyer at {@code at}: a hold for the offer's duration. */
  private static List<Object> offered(
      String orderId, String customer, Instant at, String... places) {
    Instant until = at.plus(OFFER);
    return List.of(
        new PlacesHeldEvent(EVENT, orderId, customer, List.of(places), until, null),
        new WaitingListOfferMadeEvent(EVENT, customer, orderId, List.of(places), until, "fr"));
  }

  private static Matcher<?> rejected(Rejection.Kind kind, String code) {
    return predicate(
        e ->
            e instanceof CommandRejectedException r
                && r.rejection().kind() == kind
                && r.rejection().code().equals(code));
  }

  @Test
  void a_buyer_cannot_wait_for_places_that_are_free_now() {
    fixture
        .given(onSale())
        .andGivenCurrentTime(NOW)
        .when(join("w1", "bob", TWO_IN_PIT))
        .expectException(rejected(Rejection.Kind.CONFLICT, "places-available"))
        .expectNoEvents();
  }

  @Test
  void buyers_join_in_turn_and_a_retry_answers_the_same_place() {
    fixture
        .given(pitFull(joined("w1", "bob", TWO_IN_PIT)))
        .andGivenCurrentTime(NOW)
        .when(join("w2", "carol", ONE_IN_PIT))
        .expectEvents(joined("w2", "carol", ONE_IN_PIT))
        .expectResultMessagePayload(
            new WaitingListPlace(EVENT, "carol", "w2", ONE_IN_PIT, 2, Status.WAITING));

    fixture
        .given(pitFull(joined("w1", "bob", TWO_IN_PIT), joined("w2", "carol", ONE_IN_PIT)))
        .andGivenCurrentTime(NOW)
        .when(join("another-request", "bob", ONE_IN_PIT))
        .expectNoEvents()
        .expectResultMessagePayload(
            new WaitingListPlace(EVENT, "bob", "w1", TWO_IN_PIT, 1, Status.WAITING));
  }

  @Test
  void what_cannot_be_waited_for_is_refused_with_nothing_recorded() {
    fixture
        .given(pitFull())
        .when(join("w1", "bob", PlaceSelection.specific(List.of("FOSSE-1"))))
        .expectException(rejected(Rejection.Kind.INVALID, "wanted"))
        .expectNoEvents();
    fixture
        .given(pitFull())
        .when(join("w1", "bob", PlaceSelection.standing("BALCON", 1)))
        .expectException(rejected(Rejection.Kind.INVALID, "unknown-area"))
        .expectNoEvents();
    fixture
        .given(pitFull())
        .when(join("w1", "bob", PlaceSelection.standing("FOSSE", 11)))
        .expectException(rejected(Rejection.Kind.RULE, "order-limit"))
        .expectNoEvents();
    fixture
        .given(pitFull())
        .when(join("h1", "bob", ONE_IN_PIT))
        .expectException(rejected(Rejection.Kind.INVALID, "order-id-taken"))
        .expectNoEvents();
    fixture
        .given(pitFull(new SalesClosedEvent(EVENT)))
        .when(join("w1", "bob", ONE_IN_PIT))
        .expectException(rejected(Rejection.Kind.RULE, "sales-not-open"))
        .expectNoEvents();
  }

  @Test
  void released_places_are_held_for_the_first_buyer_waiting_before_anyone_else() {
    List<Object> then = new ArrayList<>();
    then.add(aliceReleased());
    then.addAll(offered("w1", "bob", NOW, "FOSSE-1", "FOSSE-2"));
    then.addAll(offered("w2", "carol", NOW, "FOSSE-3"));
    then.add(sweepAt(NOW.plus(OFFER)));
    fixture
        .given(pitFull(joined("w1", "bob", TWO_IN_PIT), joined("w2", "carol", ONE_IN_PIT)))
        .andGivenCurrentTime(NOW)
        .when(new ReleaseHoldCommand(EVENT, "h1", "alice"))
        .expectEvents(then.toArray());
  }

  @Test
  void a_buyer_wanting_more_than_came_back_keeps_their_turn_while_the_next_one_is_served() {
    List<Object> bobWantsThreeCarolOne =
        onSaleWith(
            held("h1", "alice", T0, "FOSSE-1", "FOSSE-2", "FOSSE-3"),
            held("h2", "dave", T0, "FOSSE-4", "FOSSE-5"),
            joined("w1", "bob", PlaceSelection.standing("FOSSE", 3)),
            joined("w2", "carol", ONE_IN_PIT));
    List<Object> then = new ArrayList<>();
    then.add(new HoldReleasedEvent(EVENT, "h2", "dave", List.of("FOSSE-4", "FOSSE-5")));
    then.addAll(offered("w2", "carol", NOW, "FOSSE-4"));
    then.add(sweepAt(T0.plus(HOLD)));
    fixture
        .given(bobWantsThreeCarolOne)
        .andGivenCurrentTime(NOW)
        .when(new ReleaseHoldCommand(EVENT, "h2", "dave"))
        .expectEvents(then.toArray());

    // Bob is still first: the next return of three places is his.
    fixture = eventFixture();
    fixture
        .given(bobWantsThreeCarolOne)
        .andGivenCurrentTime(NOW)
        .andGivenCommands(new ReleaseHoldCommand(EVENT, "h2", "dave"))
        .when(join("w1", "bob", PlaceSelection.standing("FOSSE", 3)))
        .expectNoEvents()
        .expectResultMessagePayload(
            new WaitingListPlace(
                EVENT, "bob", "w1", PlaceSelection.standing("FOSSE", 3), 1, Status.WAITING));
  }

  @Test
  void expired_holds_go_to_the_waiting_list_when_the_sweep_ends_them() {
    Instant sweep = T0.plus(HOLD);
    StubDeadlineManager deadlines = new StubDeadlineManager(sweep);
    List<Object> then = new ArrayList<>();
    then.add(
        new HoldExpiredEvent(
            EVENT, "h1", "alice", List.of("FOSSE-1", "FOSSE-2", "FOSSE-3", "FOSSE-4", "FOSSE-5")));
    then.addAll(offered("w1", "bob", sweep, "FOSSE-1", "FOSSE-2"));
    then.add(sweepAt(sweep.plus(OFFER)));
    fixture
        .given(pitFull(sweepAt(sweep), joined("w1", "bob", TWO_IN_PIT)))
        .andGivenCurrentTime(sweep)
        .whenInvoking(
            EVENT,
            event ->
                event.onHoldExpirySweep(
                    sweep.toString(), deadlines, (id, sequence) -> false, NO_ORDERS))
        .expectEvents(then.toArray());
  }

  @Test
  void a_walk_in_buyer_does_not_take_expired_places_from_the_waiting_list() {
    List<Object> then = new ArrayList<>();
    then.add(
        new HoldExpiredEvent(
            EVENT, "h1", "alice", List.of("FOSSE-1", "FOSSE-2", "FOSSE-3", "FOSSE-4", "FOSSE-5")));
    Instant late = T0.plus(HOLD).plusSeconds(1);
    then.addAll(offered("w1", "bob", late, "FOSSE-1", "FOSSE-2"));
    then.add(sweepAt(late.plus(OFFER)));
    then.add(
        new PlacesHeldEvent(
            EVENT, "h2", "frank", List.of("FOSSE-3", "FOSSE-4", "FOSSE-5"), late.plus(HOLD), null));
    then.add(sweepAt(late.plus(HOLD)));
    fixture
        .given(pitFull(joined("w1", "bob", TWO_IN_PIT)))
        .andGivenCurrentTime(late)
        .when(new HoldPlacesCommand(EVENT, "h2", "frank", PlaceSelection.standing("FOSSE", 3)))
        .expectEvents(then.toArray());

    // Asking for four: only three are left after Bob's two.
    fixture = eventFixture();
    fixture
        .given(pitFull(joined("w1", "bob", TWO_IN_PIT)))
        .andGivenCurrentTime(late)
        .when(new HoldPlacesCommand(EVENT, "h2", "frank", PlaceSelection.standing("FOSSE", 4)))
        .expectException(rejected(Rejection.Kind.CONFLICT, "not-enough-places"));
  }

  @Test
  void a_buyer_who_reached_the_per_buyer_limit_meanwhile_leaves_the_list() {
    SalesLimits limits = new SalesLimits(4, 4, HOLD);
    List<Object> history = new ArrayList<>(EventFixtures.onSale(limits));
    history.add(held("h1", "alice", T0, "FOSSE-1", "FOSSE-2", "FOSSE-3", "FOSSE-4", "FOSSE-5"));
    history.add(joined("w1", "bob", TWO_IN_PIT));
    history.add(held("h3", "bob", T0, "ORCH-A-1", "ORCH-A-2", "ORCH-A-3"));
    history.add(joined("w2", "carol", ONE_IN_PIT));
    List<Object> then = new ArrayList<>();
    then.add(aliceReleased());
    then.add(new WaitingListLeftEvent(EVENT, "bob", "w1", WaitingListExit.CUSTOMER_LIMIT));
    then.addAll(offered("w2", "carol", NOW, "FOSSE-1"));
    then.add(sweepAt(T0.plus(HOLD)));
    fixture
        .given(history)
        .andGivenCurrentTime(NOW)
        .when(new ReleaseHoldCommand(EVENT, "h1", "alice"))
        .expectEvents(then.toArray());
  }

  @Test
  void leaving_is_recorded_once_and_a_buyer_never_on_the_list_is_told_so() {
    fixture
        .given(pitFull(joined("w1", "bob", TWO_IN_PIT)))
        .when(new LeaveWaitingListCommand(EVENT, "bob"))
        .expectEvents(new WaitingListLeftEvent(EVENT, "bob", "w1", WaitingListExit.LEFT))
        .expectResultMessagePayload(
            new WaitingListPlace(EVENT, "bob", "w1", TWO_IN_PIT, 0, Status.LEFT));
    fixture
        .given(
            pitFull(
                joined("w1", "bob", TWO_IN_PIT),
                new WaitingListLeftEvent(EVENT, "bob", "w1", WaitingListExit.LEFT)))
        .when(new LeaveWaitingListCommand(EVENT, "bob"))
        .expectNoEvents()
        .expectResultMessagePayload(
            new WaitingListPlace(EVENT, "bob", "w1", TWO_IN_PIT, 0, Status.LEFT));
    fixture
        .given(pitFull())
        .when(new LeaveWaitingListCommand(EVENT, "zoe"))
        .expectException(rejected(Rejection.Kind.NOT_FOUND, "not-waiting"));
  }

  @Test
  void a_buyer_who_left_is_offered_nothing() {
    fixture
        .given(
            pitFull(
                joined("w1", "bob", TWO_IN_PIT),
                new WaitingListLeftEvent(EVENT, "bob", "w1", WaitingListExit.LEFT)))
        .andGivenCurrentTime(NOW)
        .when(new ReleaseHoldCommand(EVENT, "h1", "alice"))
        .expectEvents(aliceReleased());
  }

  @Test
  void nothing_is_offered_while_sales_are_paused_and_the_list_is_served_on_resuming() {
    fixture
        .given(pitFull(joined("w1", "bob", TWO_IN_PIT), new SalesPausedEvent(EVENT, "incident")))
        .andGivenCurrentTime(NOW)
        .when(new ReleaseHoldCommand(EVENT, "h1", "alice"))
        .expectEvents(aliceReleased());

    List<Object> then = new ArrayList<>();
    then.add(new SalesResumedEvent(EVENT));
    then.addAll(offered("w1", "bob", NOW, "FOSSE-1", "FOSSE-2"));
    then.add(sweepAt(NOW.plus(OFFER)));
    fixture
        .given(
            pitFull(
                joined("w1", "bob", TWO_IN_PIT),
                new SalesPausedEvent(EVENT, "incident"),
                aliceReleased()))
        .andGivenCurrentTime(NOW)
        .when(new ResumeSalesCommand(EVENT))
        .expectEvents(then.toArray());
  }

  @Test
  void unblocked_places_are_offered_too() {
    List<Object> then = new ArrayList<>();
    then.add(new PlacesUnblockedEvent(EVENT, List.of("FOSSE-5")));
    then.addAll(offered("w2", "carol", NOW, "FOSSE-5"));
    then.add(sweepAt(T0.plus(HOLD)));
    fixture
        .given(
            onSaleWith(
                held("h1", "alice", T0, "FOSSE-1", "FOSSE-2", "FOSSE-3", "FOSSE-4"),
                new PlacesBlockedEvent(EVENT, List.of("FOSSE-5"), "camera"),
                joined("w2", "carol", ONE_IN_PIT)))
        .andGivenCurrentTime(NOW)
        .when(new UnblockPlacesCommand(EVENT, List.of("FOSSE-5")))
        .expectEvents(then.toArray());
  }

  @Test
  void closing_sales_ends_the_list() {
    fixture
        .given(pitFull(joined("w1", "bob", TWO_IN_PIT)))
        .andGivenCommands(new CloseSalesCommand(EVENT))
        .when(new LeaveWaitingListCommand(EVENT, "bob"))
        .expectNoEvents()
        .expectResultMessagePayload(
            new WaitingListPlace(EVENT, "bob", "w1", TWO_IN_PIT, 0, Status.LEFT));
    fixture
        .given(pitFull(joined("w1", "bob", TWO_IN_PIT)))
        .andGivenCommands(new CloseSalesCommand(EVENT))
        .when(new ReleaseHoldCommand(EVENT, "h1", "alice"))
        .expectEvents(aliceReleased());
  }
}
