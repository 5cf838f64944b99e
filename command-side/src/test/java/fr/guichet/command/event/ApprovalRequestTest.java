package fr.guichet.command.event;

import static fr.guichet.command.event.EventFixtures.EVENT;
import static fr.guichet.command.event.EventFixtures.T0;
import static fr.guichet.command.event.EventFixtures.onSale;
import static fr.guichet.command.event.EventFixtures.smallHall;

import fr.guichet.api.event.EventCommand.ApproveSalesCommand;
import fr.guichet.api.event.EventCommand.ChangeEventDetailsCommand;
import fr.guichet.api.event.EventCommand.RejectSalesCommand;
import fr.guichet.api.event.EventCommand.RequestSalesApprovalCommand;
import fr.guichet.api.event.EventDomainEvent.EventCreatedEvent;
import fr.guichet.api.event.EventDomainEvent.EventDetailsChangedEvent;
import fr.guichet.api.event.EventDomainEvent.SalesApprovalRequestedEvent;
import fr.guichet.api.event.EventDomainEvent.SalesApprovedEvent;
import fr.guichet.api.event.EventDomainEvent.SalesClosedEvent;
import fr.guichet.api.event.EventDomainEvent.SalesRejectedEvent;
import fr.guichet.api.event.EventDomainEvent.SeatingPlanConfiguredEvent;
import fr.guichet.api.rejection.CommandRejectedException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The manager submits a draft, the director approves or rejects it; details can be corrected. */
class ApprovalRequestTest {

  private FixtureConfiguration<Event> fixture;

  @BeforeEach
  void setUp() {
    fixture = new AggregateTestFixture<>(Event.class);
    fixture.registerFieldFilter(field -> !field.getName().endsWith("eadlineId"));
  }

  private static List<Object> drafted() {
    return new ArrayList<>(
        List.of(
            new EventCreatedEvent(EVENT, "Festival", "Salle", T0, ""),
            new SeatingPlanConfiguredEvent(EVENT, smallHall(), 39)));
  }

  private static List<Object> submitted() {
    List<Object> history = drafted();
    history.add(new SalesApprovalRequestedEvent(EVENT));
    return history;
  }

  @Test
  void the_manager_submits_a_draft_with_a_plan_for_approval() {
    fixture
        .given(drafted())
        .when(new RequestSalesApprovalCommand(EVENT))
        .expectEvents(new SalesApprovalRequestedEvent(EVENT));
  }

  @Test
  void a_draft_without_plan_cannot_be_submitted() {
    fixture
        .given(new EventCreatedEvent(EVENT, "Festival", "Salle", T0, ""))
        .when(new RequestSalesApprovalCommand(EVENT))
        .expectException(CommandRejectedException.class)
        .expectExceptionMessage("Configure a seating plan before asking for approval.");
  }

  @Test
  void submitting_twice_changes_nothing() {
    fixture
        .given(submitted())
        .when(new RequestSalesApprovalCommand(EVENT))
        .expectSuccessfulHandlerExecution()
        .expectNoEvents();
  }

  @Test
  void an_approved_event_cannot_be_submitted_again() {
    List<Object> history = submitted();
    history.add(new SalesApprovedEvent(EVENT));
    fixture
        .given(history)
        .when(new RequestSalesApprovalCommand(EVENT))
        .expectException(CommandRejectedException.class)
        .expectExceptionMessage(
            "Cannot submit for approval sales while they are approved but not yet open.");
  }

  @Test
  void the_director_rejects_a_submitted_draft_with_a_reason() {
    fixture
        .given(submitted())
        .when(new RejectSalesCommand(EVENT, "  Prix du Carré Or trop élevé "))
        .expectEvents(new SalesRejectedEvent(EVENT, "Prix du Carré Or trop élevé"));
  }

  @Test
  void a_rejection_needs_a_reason() {
    fixture
        .given(submitted())
        .when(new RejectSalesCommand(EVENT, " "))
        .expectException(CommandRejectedException.class)
        .expectNoEvents();
  }

  @Test
  void a_draft_not_submitted_cannot_be_rejected() {
    fixture
        .given(drafted())
        .when(new RejectSalesCommand(EVENT, "non"))
        .expectException(CommandRejectedException.class)
        .expectExceptionMessage(
            "Only an event awaiting approval can be rejected (it is a draft not submitted).");
  }

  @Test
  void an_event_on_sale_cannot_be_rejected() {
    fixture
        .given(onSale())
        .when(new RejectSalesCommand(EVENT, "trop tard"))
        .expectException(CommandRejectedException.class)
        .expectNoEvents();
  }

  @Test
  void after_a_rejection_the_manager_may_submit_again_and_the_director_approve() {
    List<Object> history = submitted();
    history.add(new SalesRejectedEvent(EVENT, "Revoir les tarifs"));
    fixture
        .given(history)
        .when(new RequestSalesApprovalCommand(EVENT))
        .expectEvents(new SalesApprovalRequestedEvent(EVENT));
    history.add(new SalesApprovalRequestedEvent(EVENT));
    fixture
        .given(history)
        .when(new ApproveSalesCommand(EVENT))
        .expectEvents(new SalesApprovedEvent(EVENT));
  }

  @Test
  void a_rejected_draft_cannot_be_rejected_again_until_resubmitted() {
    List<Object> history = submitted();
    history.add(new SalesRejectedEvent(EVENT, "Revoir les tarifs"));
    fixture
        .given(history)
        .when(new RejectSalesCommand(EVENT, "encore"))
        .expectException(CommandRejectedException.class)
        .expectNoEvents();
  }

  @Test
  void the_manager_corrects_the_title_venue_time_and_description() {
    Instant later = Instant.parse("2027-07-14T19:30:00Z");
    fixture
        .given(drafted())
        .when(
            new ChangeEventDetailsCommand(
                EVENT, " Festival des Nuits ", "Grande Halle", later, null))
        .expectEvents(
            new EventDetailsChangedEvent(EVENT, "Festival des Nuits", "Grande Halle", later, ""));
  }

  @Test
  void details_need_a_title_venue_and_start_time() {
    fixture
        .given(drafted())
        .when(new ChangeEventDetailsCommand(EVENT, "Festival", " ", T0, ""))
        .expectException(CommandRejectedException.class)
        .expectExceptionMessage("A venue is required.");
  }

  @Test
  void a_closed_event_keeps_its_details() {
    List<Object> history = new ArrayList<>(onSale());
    history.add(new SalesClosedEvent(EVENT));
    fixture
        .given(history)
        .when(new ChangeEventDetailsCommand(EVENT, "Autre", "Salle", T0, ""))
        .expectException(CommandRejectedException.class)
        .expectNoEvents();
  }
}
