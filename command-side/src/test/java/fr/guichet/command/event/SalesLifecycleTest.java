package fr.guichet.command.event;

import static fr.guichet.command.event.EventFixtures.EVENT;
import static fr.guichet.command.event.EventFixtures.T0;
import static fr.guichet.command.event.EventFixtures.onSale;
import static fr.guichet.command.event.EventFixtures.smallHall;

import fr.guichet.api.event.EventCommand.ApproveSalesCommand;
import fr.guichet.api.event.EventCommand.CloseSalesCommand;
import fr.guichet.api.event.EventCommand.HoldPlacesCommand;
import fr.guichet.api.event.EventCommand.OpenSalesCommand;
import fr.guichet.api.event.EventCommand.PauseSalesCommand;
import fr.guichet.api.event.EventCommand.ResumeSalesCommand;
import fr.guichet.api.event.EventDomainEvent.EventCreatedEvent;
import fr.guichet.api.event.EventDomainEvent.HoldExpirySweepScheduledEvent;
import fr.guichet.api.event.EventDomainEvent.PlacesHeldEvent;
import fr.guichet.api.event.EventDomainEvent.SalesApprovedEvent;
import fr.guichet.api.event.EventDomainEvent.SalesClosedEvent;
import fr.guichet.api.event.EventDomainEvent.SalesOpenedEvent;
import fr.guichet.api.event.EventDomainEvent.SalesOpeningScheduledEvent;
import fr.guichet.api.event.EventDomainEvent.SalesPausedEvent;
import fr.guichet.api.event.EventDomainEvent.SalesResumedEvent;
import fr.guichet.api.event.EventDomainEvent.SeatingPlanConfiguredEvent;
import fr.guichet.api.event.PlaceSelection;
import fr.guichet.api.rejection.CommandRejectedException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SalesLifecycleTest {

  private FixtureConfiguration<Event> fixture;

  @BeforeEach
  void setUp() {
    fixture = new AggregateTestFixture<>(Event.class);
    fixture.registerInjectableResource((OrderOpening) (order, basket) -> () -> {});
    fixture.registerInjectableResource((StoredVersion) (eventId, sequence) -> false);
    fixture.registerFieldFilter(field -> !field.getName().endsWith("eadlineId"));
  }

  private static List<Object> drafted() {
    return List.of(
        new EventCreatedEvent(EVENT, "Festival", "Salle", T0, ""),
        new SeatingPlanConfiguredEvent(EVENT, smallHall(), 39));
  }

  private static List<Object> approved() {
    List<Object> history = new ArrayList<>(drafted());
    history.add(new SalesApprovedEvent(EVENT));
    return history;
  }

  @Test
  void the_director_approves_a_draft_with_a_plan() {
    fixture
        .given(drafted())
        .when(new ApproveSalesCommand(EVENT))
        .expectEvents(new SalesApprovedEvent(EVENT));
  }

  @Test
  void a_draft_without_plan_cannot_be_approved() {
    fixture
        .given(new EventCreatedEvent(EVENT, "Festival", "Salle", T0, ""))
        .when(new ApproveSalesCommand(EVENT))
        .expectException(CommandRejectedException.class)
        .expectExceptionMessage("Configure a seating plan before approving sales.");
  }

  @Test
  void approving_twice_changes_nothing() {
    fixture
        .given(approved())
        .when(new ApproveSalesCommand(EVENT))
        .expectSuccessfulHandlerExecution()
        .expectNoEvents();
  }

  @Test
  void sales_cannot_open_before_approval() {
    fixture
        .given(drafted())
        .when(new OpenSalesCommand(EVENT, null))
        .expectException(CommandRejectedException.class)
        .expectNoEvents();
  }

  @Test
  void the_manager_opens_approved_sales_now() {
    fixture
        .given(approved())
        .when(new OpenSalesCommand(EVENT, null))
        .expectEvents(new SalesOpenedEvent(EVENT));
  }

  @Test
  void sales_scheduled_for_later_open_when_their_deadline_comes() {
    Instant opening = T0.plus(Duration.ofHours(2));
    fixture
        .given(approved())
        .andGivenCurrentTime(T0)
        .when(new OpenSalesCommand(EVENT, opening))
        .expectEvents(new SalesOpeningScheduledEvent(EVENT, opening, "ignored"))
        .expectScheduledDeadlineWithName(Duration.ofHours(2), Event.SALES_OPENING);
    fixture = new AggregateTestFixture<>(Event.class);
    fixture.registerInjectableResource((OrderOpening) (order, basket) -> () -> {});
    fixture.registerInjectableResource((StoredVersion) (eventId, sequence) -> false);
    fixture
        .givenCurrentTime(T0)
        .andGiven(approved())
        .andGivenCommands(new OpenSalesCommand(EVENT, opening))
        .whenThenTimeElapses(Duration.ofHours(2))
        .expectTriggeredDeadlinesWithName(Event.SALES_OPENING)
        .expectEvents(new SalesOpenedEvent(EVENT));
  }

  @Test
  void
      a_hold_arriving_after_the_scheduled_opening_opens_the_sales_even_before_the_deadline_fires() {
    Instant opening = T0.plus(Duration.ofMinutes(30));
    List<Object> history = new ArrayList<>(approved());
    history.add(new SalesOpeningScheduledEvent(EVENT, opening, "d1"));
    fixture
        .given(history)
        .andGivenCurrentTime(opening.plusSeconds(1))
        .when(
            new HoldPlacesCommand(
                EVENT, "o1", "alice", PlaceSelection.specific(List.of("ORCH-A-1"))))
        .expectEventsMatching(
            org.axonframework.test.matchers.Matchers.payloadsMatching(
                org.axonframework.test.matchers.Matchers.exactSequenceOf(
                    org.axonframework.test.matchers.Matchers.predicate(
                        SalesOpenedEvent.class::isInstance),
                    org.axonframework.test.matchers.Matchers.predicate(
                        PlacesHeldEvent.class::isInstance),
                    org.axonframework.test.matchers.Matchers.predicate(
                        HoldExpirySweepScheduledEvent.class::isInstance),
                    org.axonframework.test.matchers.Matchers.andNoMore())));
  }

  @Test
  void nothing_is_held_before_sales_open() {
    fixture
        .given(approved())
        .when(
            new HoldPlacesCommand(
                EVENT, "o1", "alice", PlaceSelection.specific(List.of("ORCH-A-1"))))
        .expectException(CommandRejectedException.class)
        .expectExceptionMessage("Sales are not open for this event (approved but not yet open).")
        .expectNoEvents();
  }

  @Test
  void paused_sales_hold_nothing_say_why_and_resume_on_request() {
    List<Object> paused = new ArrayList<>(onSale());
    paused.add(new SalesPausedEvent(EVENT, "storm warning"));
    fixture
        .given(paused)
        .when(
            new HoldPlacesCommand(
                EVENT, "o1", "alice", PlaceSelection.specific(List.of("ORCH-A-1"))))
        .expectException(CommandRejectedException.class)
        .expectExceptionMessage("Sales are not open for this event (paused: storm warning).")
        .expectNoEvents();
    fixture
        .given(paused)
        .when(new ResumeSalesCommand(EVENT))
        .expectEvents(new SalesResumedEvent(EVENT));
    fixture
        .given(onSale())
        .when(new PauseSalesCommand(EVENT, "  storm warning "))
        .expectEvents(new SalesPausedEvent(EVENT, "storm warning"));
  }

  @Test
  void a_pause_without_reason_records_that_none_was_given() {
    fixture
        .given(onSale())
        .when(new PauseSalesCommand(EVENT, " "))
        .expectEvents(new SalesPausedEvent(EVENT, SalesPausedEvent.REASON_NOT_GIVEN));
    fixture
        .given(onSale())
        .when(new PauseSalesCommand(EVENT, "x".repeat(501)))
        .expectException(CommandRejectedException.class)
        .expectNoEvents();
  }

  @Test
  void closed_sales_stay_closed() {
    List<Object> closed = new ArrayList<>(onSale());
    closed.add(new SalesClosedEvent(EVENT));
    fixture
        .given(onSale())
        .when(new CloseSalesCommand(EVENT))
        .expectEvents(new SalesClosedEvent(EVENT));
    fixture
        .given(closed)
        .when(new ResumeSalesCommand(EVENT))
        .expectException(CommandRejectedException.class)
        .expectNoEvents();
    fixture
        .given(closed)
        .when(
            new HoldPlacesCommand(
                EVENT, "o1", "alice", PlaceSelection.specific(List.of("ORCH-A-1"))))
        .expectException(CommandRejectedException.class)
        .expectNoEvents();
  }
}
