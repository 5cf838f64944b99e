package fr.guichet.command.event;

import static fr.guichet.command.event.EventFixtures.EVENT;
import static fr.guichet.command.event.EventFixtures.HOLD;
import static fr.guichet.command.event.EventFixtures.T0;
import static fr.guichet.command.event.EventFixtures.held;
import static fr.guichet.command.event.EventFixtures.onSale;
import static fr.guichet.command.event.EventFixtures.onSaleWith;
import static fr.guichet.command.event.EventFixtures.sweepAt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.axonframework.test.matchers.Matchers.predicate;

import fr.guichet.api.event.EventCommand.BlockPlacesCommand;
import fr.guichet.api.event.EventCommand.HoldPlacesCommand;
import fr.guichet.api.event.EventCommand.UnblockPlacesCommand;
import fr.guichet.api.event.EventDomainEvent.HoldReleasedEvent;
import fr.guichet.api.event.EventDomainEvent.PlacesBlockedEvent;
import fr.guichet.api.event.EventDomainEvent.PlacesHeldEvent;
import fr.guichet.api.event.EventDomainEvent.PlacesUnblockedEvent;
import fr.guichet.api.event.HoldOutcome;
import fr.guichet.api.event.HoldOutcome.HoldStatus;
import fr.guichet.api.event.PlaceSelection;
import fr.guichet.api.event.SalesLimits;
import fr.guichet.api.order.PricingContext;
import fr.guichet.api.order.PricingContext.PlacePricing;
import fr.guichet.api.rejection.CommandRejectedException;
import fr.guichet.api.rejection.Rejection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HoldingPlacesTest {

  private FixtureConfiguration<Event> fixture;

  @BeforeEach
  void setUp() {
    fixture = new AggregateTestFixture<>(Event.class);
    fixture.registerInjectableResource((OrderOpening) (order, basket) -> () -> {});
    fixture.registerFieldFilter(field -> !field.getName().endsWith("eadlineId"));
  }

  private static HoldPlacesCommand hold(String orderId, String customer, PlaceSelection selection) {
    return new HoldPlacesCommand(EVENT, orderId, customer, selection);
  }

  private static Matcher<?> rejected(Rejection.Kind kind, String code, List<String> places) {
    return predicate(
        e ->
            e instanceof CommandRejectedException r
                && r.rejection().kind() == kind
                && r.rejection().code().equals(code)
                && r.rejection().places().equals(places));
  }

  @Test
  void specific_free_seats_are_held_for_ten_minutes() {
    fixture
        .given(onSale())
        .andGivenCurrentTime(T0)
        .when(hold("o1", "alice", PlaceSelection.specific(List.of("ORCH-A-1", "ORCH-A-2"))))
        .expectEvents(held("o1", "alice", T0, "ORCH-A-1", "ORCH-A-2"), sweepAt(T0.plus(HOLD)))
        .expectResultMessagePayload(
            new HoldOutcome(
                EVENT, "o1", List.of("ORCH-A-1", "ORCH-A-2"), T0.plus(HOLD), HoldStatus.HELD))
        .expectScheduledDeadlineWithName(HOLD, Event.HOLD_EXPIRY_SWEEP);
  }

  @Test
  void a_seat_held_by_someone_else_cannot_be_held_and_nothing_of_the_request_is() {
    fixture
        .given(onSaleWith(held("o1", "alice", T0, "ORCH-A-2")))
        .andGivenCurrentTime(T0.plusSeconds(5))
        .when(hold("o2", "bob", PlaceSelection.specific(List.of("ORCH-A-1", "ORCH-A-2"))))
        .expectException(rejected(Rejection.Kind.CONFLICT, "places-not-free", List.of("ORCH-A-2")))
        .expectNoEvents()
        .expectNoScheduledDeadlines();
  }

  @Test
  void a_retried_hold_returns_the_first_result_and_holds_nothing_more() {
    fixture
        .given(onSaleWith(held("o1", "alice", T0, "ORCH-A-1")))
        .andGivenCurrentTime(T0.plusSeconds(3))
        .when(hold("o1", "alice", PlaceSelection.specific(List.of("ORCH-A-1"))))
        .expectNoEvents()
        .expectResultMessagePayload(
            new HoldOutcome(EVENT, "o1", List.of("ORCH-A-1"), T0.plus(HOLD), HoldStatus.HELD));
  }

  @Test
  void a_basket_the_rules_cannot_price_is_refused_before_anything_is_held() {
    List<PricingContext> asked = new ArrayList<>();
    fixture = new AggregateTestFixture<>(Event.class);
    fixture.registerFieldFilter(field -> !field.getName().endsWith("eadlineId"));
    fixture.registerInjectableResource(
        (OrderOpening)
            (order, places) -> {
              asked.add(places);
              if (places.places().stream().anyMatch(p -> p.category().equals("STD"))) {
                throw new CommandRejectedException(
                    new Rejection(
                        Rejection.Kind.RULE,
                        "unpriced-tickets",
                        "No rule prices FOSSE-2 (STD).",
                        List.of("FOSSE-2")));
              }
              return () -> {};
            });
    fixture
        .given(onSaleWith(held("o1", "alice", T0, "FOSSE-1", "ORCH-A-1")))
        .andGivenCurrentTime(T0.plusSeconds(5))
        .when(hold("o2", "bob", PlaceSelection.standing("FOSSE", 1)))
        .expectException(rejected(Rejection.Kind.RULE, "unpriced-tickets", List.of("FOSSE-2")))
        .expectNoEvents()
        .expectNoScheduledDeadlines();
    PricingContext context = asked.get(0);
    assertThat(context.places())
        .extracting(PlacePricing::placeId, PlacePricing::category, PlacePricing::categoryName)
        .containsExactly(tuple("FOSSE-2", "STD", "Fosse"));
    assertThat(context.takenBeforeByCategory())
        .containsExactlyInAnyOrderEntriesOf(Map.of("STD", 1, "OR", 1));
    assertThat(context.saleTime()).isEqualTo(T0.plusSeconds(5));
  }

  @Test
  void an_unknown_place_is_named_in_the_refusal() {
    fixture
        .given(onSale())
        .andGivenCurrentTime(T0)
        .when(hold("o1", "alice", PlaceSelection.specific(List.of("ORCH-Z-99"))))
        .expectException(rejected(Rejection.Kind.INVALID, "unknown-places", List.of("ORCH-Z-99")))
        .expectNoEvents();
  }

  @Test
  void standing_places_are_held_by_quantity_up_to_the_zone_capacity() {
    fixture
        .given(onSale())
        .andGivenCurrentTime(T0)
        .when(hold("o1", "alice", PlaceSelection.standing("FOSSE", 3)))
        .expectEvents(
            held("o1", "alice", T0, "FOSSE-1", "FOSSE-2", "FOSSE-3"), sweepAt(T0.plus(HOLD)));
    setUp();
    fixture
        .given(onSaleWith(held("o1", "alice", T0, "FOSSE-1", "FOSSE-2", "FOSSE-3")))
        .andGivenCurrentTime(T0)
        .when(hold("o2", "bob", PlaceSelection.standing("FOSSE", 3)))
        .expectException(rejected(Rejection.Kind.CONFLICT, "not-enough-places", List.of()))
        .expectNoEvents();
  }

  @Test
  void best_available_takes_adjacent_seats_in_the_front_row_near_its_centre() {
    fixture
        .given(onSale())
        .andGivenCurrentTime(T0)
        .when(hold("o1", "alice", PlaceSelection.bestAvailable("OR", 2, false)))
        .expectEvents(held("o1", "alice", T0, "ORCH-A-5", "ORCH-A-6"), sweepAt(T0.plus(HOLD)));
  }

  @Test
  void best_available_never_strands_a_single_seat_when_another_row_avoids_it() {
    // Row A keeps 1-3 free only: taking 2 there would strand one seat, so row B is chosen.
    fixture
        .given(
            onSaleWith(
                held(
                    "o0",
                    "zoe",
                    T0,
                    "ORCH-A-4",
                    "ORCH-A-5",
                    "ORCH-A-6",
                    "ORCH-A-7",
                    "ORCH-A-8",
                    "ORCH-A-9",
                    "ORCH-A-10")))
        .andGivenCurrentTime(T0)
        .when(hold("o1", "alice", PlaceSelection.bestAvailable("OR", 2, false)))
        .expectEvents(held("o1", "alice", T0, "ORCH-B-5", "ORCH-B-6"), sweepAt(T0.plus(HOLD)));
  }

  @Test
  void best_available_can_ask_for_accessible_seats_only_without_stranding_one() {
    fixture
        .given(onSale())
        .andGivenCurrentTime(T0)
        .when(hold("o1", "alice", PlaceSelection.bestAvailable("C1", 2, true)))
        .expectEvents(held("o1", "alice", T0, "ORCH-W-1", "ORCH-W-2"), sweepAt(T0.plus(HOLD)));
  }

  @Test
  void no_more_places_than_the_order_limit() {
    fixture
        .given(onSale(new SalesLimits(2, 10, HOLD)))
        .andGivenCurrentTime(T0)
        .when(hold("o1", "alice", PlaceSelection.standing("FOSSE", 3)))
        .expectException(rejected(Rejection.Kind.RULE, "order-limit", List.of()))
        .expectNoEvents();
  }

  @Test
  void the_customer_limit_counts_every_order_of_the_buyer_and_frees_up_on_release() {
    List<Object> history = onSale(new SalesLimits(4, 4, HOLD));
    history.add(held("o1", "alice", T0, "ORCH-A-1", "ORCH-A-2", "ORCH-A-3"));
    fixture
        .given(history)
        .andGivenCurrentTime(T0)
        .when(hold("o2", "alice", PlaceSelection.specific(List.of("ORCH-B-1", "ORCH-B-2"))))
        .expectException(rejected(Rejection.Kind.RULE, "customer-limit", List.of()))
        .expectNoEvents();
    history.add(
        new HoldReleasedEvent(EVENT, "o1", "alice", List.of("ORCH-A-1", "ORCH-A-2", "ORCH-A-3")));
    fixture
        .given(history)
        .andGivenCurrentTime(T0)
        .when(hold("o2", "alice", PlaceSelection.specific(List.of("ORCH-B-1", "ORCH-B-2"))))
        .expectEvents(held("o2", "alice", T0, "ORCH-B-1", "ORCH-B-2"), sweepAt(T0.plus(HOLD)));
  }

  @Test
  void blocked_places_cannot_be_held_until_unblocked() {
    fixture
        .given(onSale())
        .when(new BlockPlacesCommand(EVENT, List.of("ORCH-A-1", "ORCH-A-2"), "house seats"))
        .expectEvents(
            new PlacesBlockedEvent(EVENT, List.of("ORCH-A-1", "ORCH-A-2"), "house seats"));
    fixture
        .given(onSaleWith(new PlacesBlockedEvent(EVENT, List.of("ORCH-A-1"), "camera")))
        .andGivenCurrentTime(T0)
        .when(hold("o1", "alice", PlaceSelection.specific(List.of("ORCH-A-1"))))
        .expectException(rejected(Rejection.Kind.CONFLICT, "places-not-free", List.of("ORCH-A-1")));
    fixture
        .given(onSaleWith(new PlacesBlockedEvent(EVENT, List.of("ORCH-A-1"), "camera")))
        .when(new UnblockPlacesCommand(EVENT, List.of("ORCH-A-1", "ORCH-A-2")))
        .expectEvents(new PlacesUnblockedEvent(EVENT, List.of("ORCH-A-1")));
  }

  @Test
  void a_held_place_cannot_be_blocked() {
    fixture
        .given(onSaleWith(held("o1", "alice", T0, "ORCH-A-1")))
        .andGivenCurrentTime(T0)
        .when(new BlockPlacesCommand(EVENT, List.of("ORCH-A-1"), "kill"))
        .expectException(rejected(Rejection.Kind.CONFLICT, "places-not-free", List.of("ORCH-A-1")))
        .expectNoEvents();
  }

  @Test
  void one_order_id_cannot_be_reused_by_another_buyer() {
    fixture
        .given(onSaleWith(held("o1", "alice", T0, "ORCH-A-1")))
        .andGivenCurrentTime(T0)
        .when(hold("o1", "mallory", PlaceSelection.specific(List.of("ORCH-A-5"))))
        .expectException(rejected(Rejection.Kind.INVALID, "order-id-taken", List.of()))
        .expectNoEvents();
  }

  @Test
  void the_same_place_twice_in_one_request_is_refused() {
    fixture
        .given(onSale())
        .andGivenCurrentTime(T0)
        .when(hold("o1", "alice", PlaceSelection.specific(List.of("ORCH-A-1", "ORCH-A-1"))))
        .expectException(rejected(Rejection.Kind.INVALID, "duplicate-places", List.of()))
        .expectNoEvents();
  }

  @SuppressWarnings("unused")
  private static PlacesHeldEvent unused() {
    return null;
  }
}
