package fr.guichet.command.event;

import static fr.guichet.command.event.EventFixtures.EVENT;
import static fr.guichet.command.event.EventFixtures.HOLD;
import static fr.guichet.command.event.EventFixtures.T0;
import static fr.guichet.command.event.EventFixtures.held;
import static fr.guichet.command.event.EventFixtures.onSaleWith;
import static fr.guichet.command.event.EventFixtures.sweepAt;

import fr.guichet.api.event.EventCommand.CancelSaleCommand;
import fr.guichet.api.event.EventCommand.HoldPlacesCommand;
import fr.guichet.api.event.EventDomainEvent.HeldPlacesSoldEvent;
import fr.guichet.api.event.EventDomainEvent.SaleCancelledEvent;
import fr.guichet.api.event.HoldOutcome;
import fr.guichet.api.event.HoldOutcome.HoldStatus;
import fr.guichet.api.event.PlaceSelection;
import fr.guichet.api.rejection.CommandRejectedException;
import java.time.Duration;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SaleCancellationTest {

  private static final List<String> SEATS = List.of("ORCH-A-1", "ORCH-A-2");
  private FixtureConfiguration<Event> fixture;

  @BeforeEach
  void setUp() {
    fixture = new AggregateTestFixture<>(Event.class);
    fixture.registerInjectableResource((OrderOpening) (order, basket) -> () -> {});
    fixture.registerFieldFilter(field -> !field.getName().endsWith("eadlineId"));
  }

  @Test
  void a_manager_cancels_a_sold_order_and_its_places_go_back_on_sale_once() {
    fixture
        .given(
            onSaleWith(
                held("o1", "alice", T0, "ORCH-A-1", "ORCH-A-2"),
                new HeldPlacesSoldEvent(EVENT, "o1", "alice", SEATS, "pay-1")))
        .andGivenCurrentTime(T0.plus(Duration.ofMinutes(20)))
        .when(new CancelSaleCommand(EVENT, "o1", "dispute"))
        .expectEvents(new SaleCancelledEvent(EVENT, "o1", "alice", SEATS, "dispute"))
        .expectResultMessagePayload(
            new HoldOutcome(EVENT, "o1", SEATS, T0.plus(HOLD), HoldStatus.CANCELLED));
    fixture
        .given(
            onSaleWith(
                held("o1", "alice", T0, "ORCH-A-1", "ORCH-A-2"),
                new HeldPlacesSoldEvent(EVENT, "o1", "alice", SEATS, "pay-1"),
                new SaleCancelledEvent(EVENT, "o1", "alice", SEATS, "dispute")))
        .when(new CancelSaleCommand(EVENT, "o1", "dispute"))
        .expectNoEvents();
  }

  @Test
  void cancelled_places_can_be_held_by_someone_else() {
    fixture
        .given(
            onSaleWith(
                held("o1", "alice", T0, "ORCH-A-1", "ORCH-A-2"),
                new HeldPlacesSoldEvent(EVENT, "o1", "alice", SEATS, "pay-1"),
                new SaleCancelledEvent(EVENT, "o1", "alice", SEATS, "dispute")))
        .andGivenCurrentTime(T0.plus(Duration.ofMinutes(30)))
        .when(new HoldPlacesCommand(EVENT, "o2", "bob", PlaceSelection.specific(SEATS)))
        .expectEvents(
            held("o2", "bob", T0.plus(Duration.ofMinutes(30)), "ORCH-A-1", "ORCH-A-2"),
            sweepAt(T0.plus(Duration.ofMinutes(30)).plus(HOLD)));
  }

  @Test
  void an_unpaid_hold_cannot_be_cancelled_as_a_sale() {
    fixture
        .given(onSaleWith(held("o1", "alice", T0, "ORCH-A-1", "ORCH-A-2")))
        .andGivenCurrentTime(T0.plus(Duration.ofMinutes(1)))
        .when(new CancelSaleCommand(EVENT, "o1", "dispute"))
        .expectException(CommandRejectedException.class)
        .expectNoEvents();
  }
}
