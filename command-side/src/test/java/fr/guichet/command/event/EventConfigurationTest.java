package fr.guichet.command.event;

import static fr.guichet.command.event.EventFixtures.EVENT;
import static fr.guichet.command.event.EventFixtures.T0;
import static fr.guichet.command.event.EventFixtures.hallOf;
import static fr.guichet.command.event.EventFixtures.held;
import static fr.guichet.command.event.EventFixtures.onSaleWith;
import static fr.guichet.command.event.EventFixtures.smallHall;
import static org.assertj.core.api.Assertions.assertThat;

import fr.guichet.api.event.EventCommand.ConfigureSeatingPlanCommand;
import fr.guichet.api.event.EventCommand.CreateEventCommand;
import fr.guichet.api.event.EventCommand.SetSalesLimitsCommand;
import fr.guichet.api.event.EventDomainEvent.EventCreatedEvent;
import fr.guichet.api.event.EventDomainEvent.SalesLimitsSetEvent;
import fr.guichet.api.event.EventDomainEvent.SeatingPlanConfiguredEvent;
import fr.guichet.api.event.SalesLimits;
import fr.guichet.api.event.SeatBlock;
import fr.guichet.api.event.SeatingPlan;
import fr.guichet.api.event.Section;
import fr.guichet.api.event.StandingZone;
import fr.guichet.api.rejection.CommandRejectedException;
import fr.guichet.api.rejection.Rejection;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EventConfigurationTest {

  private FixtureConfiguration<Event> fixture;

  @BeforeEach
  void setUp() {
    fixture = new AggregateTestFixture<>(Event.class);
    fixture.registerInjectableResource((OrderOpening) (order, basket) -> () -> {});
  }

  @Test
  void a_manager_creates_an_event_in_draft() {
    fixture
        .givenNoPriorActivity()
        .when(new CreateEventCommand(EVENT, " Festival ", "Grande Salle", T0, null))
        .expectEvents(new EventCreatedEvent(EVENT, "Festival", "Grande Salle", T0, ""));
  }

  @Test
  void an_event_without_title_is_refused() {
    fixture
        .givenNoPriorActivity()
        .when(new CreateEventCommand(EVENT, " ", "Grande Salle", T0, null))
        .expectException(CommandRejectedException.class)
        .expectExceptionMessage("A title of 1 to 200 characters is required.")
        .expectNoEvents();
  }

  @Test
  void a_valid_plan_is_configured_with_its_capacity() {
    fixture
        .given(new EventCreatedEvent(EVENT, "Festival", "Salle", T0, ""))
        .when(new ConfigureSeatingPlanCommand(EVENT, smallHall()))
        .expectEvents(new SeatingPlanConfiguredEvent(EVENT, smallHall(), 39));
  }

  @Test
  void a_plan_of_fifty_thousand_places_is_configured_in_one_command() {
    SeatingPlan big = hallOf(50, 1000);
    assertThat(big.capacity()).isEqualTo(50_000);
    fixture
        .given(new EventCreatedEvent(EVENT, "Festival", "Stade", T0, ""))
        .when(new ConfigureSeatingPlanCommand(EVENT, big))
        .expectEvents(new SeatingPlanConfiguredEvent(EVENT, big, 50_000));
  }

  @Test
  void a_plan_with_an_undefined_category_is_refused() {
    SeatingPlan plan =
        new SeatingPlan(
            smallHall().categories(),
            List.of(
                new Section("BAL", "Balcon", List.of(new SeatBlock("A", 1, 5, "GOLD", Set.of())))),
            List.of());
    fixture
        .given(new EventCreatedEvent(EVENT, "Festival", "Salle", T0, ""))
        .when(new ConfigureSeatingPlanCommand(EVENT, plan))
        .expectException(CommandRejectedException.class)
        .expectExceptionMessage("Section 'BAL' rows 'A': category 'GOLD' is not defined.")
        .expectNoEvents();
  }

  @Test
  void a_plan_with_duplicate_place_ids_is_refused() {
    SeatingPlan plan =
        new SeatingPlan(
            smallHall().categories(),
            List.of(
                new Section(
                    "BAL",
                    "Balcon",
                    List.of(
                        new SeatBlock("A", 1, 5, "OR", Set.of()),
                        new SeatBlock("A", 5, 6, "C1", Set.of())))),
            List.of(new StandingZone("FOSSE", "Fosse", 10, "STD")));
    fixture
        .given(new EventCreatedEvent(EVENT, "Festival", "Salle", T0, ""))
        .when(new ConfigureSeatingPlanCommand(EVENT, plan))
        .expectException(CommandRejectedException.class)
        .expectExceptionMessage("Place ids are not unique: BAL-A-5.")
        .expectNoEvents();
  }

  @Test
  void a_plan_change_that_removes_a_held_seat_is_refused_and_lists_it() {
    SeatingPlan smaller =
        new SeatingPlan(
            smallHall().categories(),
            List.of(
                new Section(
                    "ORCH", "Orchestre", List.of(new SeatBlock("B", 1, 10, "OR", Set.of())))),
            List.of());
    fixture
        .given(onSaleWith(held("o1", "alice", T0, "ORCH-A-1", "ORCH-B-1")))
        .andGivenCurrentTime(T0)
        .when(new ConfigureSeatingPlanCommand(EVENT, smaller))
        .expectException(CommandRejectedException.class)
        .expectException(
            org.axonframework.test.matchers.Matchers.predicate(
                e ->
                    ((CommandRejectedException) e).rejection().kind() == Rejection.Kind.CONFLICT
                        && ((CommandRejectedException) e)
                            .rejection()
                            .places()
                            .equals(List.of("ORCH-A-1"))))
        .expectNoEvents();
  }

  @Test
  void a_plan_change_that_keeps_held_seats_in_their_category_is_accepted() {
    SeatingPlan larger =
        new SeatingPlan(
            smallHall().categories(),
            List.of(
                new Section(
                    "ORCH",
                    "Orchestre",
                    List.of(
                        new SeatBlock("A-B", 1, 12, "OR", Set.of()),
                        new SeatBlock("C", 1, 10, "C1", Set.of())))),
            List.of());
    fixture
        .given(onSaleWith(held("o1", "alice", T0, "ORCH-A-1")))
        .andGivenCurrentTime(T0)
        .when(new ConfigureSeatingPlanCommand(EVENT, larger))
        .expectEvents(new SeatingPlanConfiguredEvent(EVENT, larger, 34));
  }

  @Test
  void limits_must_allow_one_place_and_a_sensible_hold() {
    fixture
        .given(new EventCreatedEvent(EVENT, "Festival", "Salle", T0, ""))
        .when(new SetSalesLimitsCommand(EVENT, new SalesLimits(0, 4, Duration.ofMinutes(10))))
        .expectException(CommandRejectedException.class)
        .expectNoEvents();
    fixture
        .given(new EventCreatedEvent(EVENT, "Festival", "Salle", T0, ""))
        .when(new SetSalesLimitsCommand(EVENT, new SalesLimits(4, 6, Duration.ofMinutes(15))))
        .expectEvents(
            new SalesLimitsSetEvent(EVENT, new SalesLimits(4, 6, Duration.ofMinutes(15))));
  }
}
