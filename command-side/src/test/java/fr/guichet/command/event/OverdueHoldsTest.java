package fr.guichet.command.event;

import static fr.guichet.command.event.EventFixtures.EVENT;
import static fr.guichet.command.event.EventFixtures.HOLD;
import static fr.guichet.command.event.EventFixtures.T0;
import static fr.guichet.command.event.EventFixtures.eventFixture;
import static fr.guichet.command.event.EventFixtures.held;
import static fr.guichet.command.event.EventFixtures.onSale;
import static fr.guichet.command.event.EventFixtures.onSaleWith;
import static fr.guichet.command.event.EventFixtures.sweepAt;

import fr.guichet.api.event.EventCommand.ExpireOverdueHoldsCommand;
import fr.guichet.api.event.EventDomainEvent.HoldExpiredEvent;
import fr.guichet.api.event.EventDomainEvent.HoldExpirySweepScheduledEvent;
import fr.guichet.api.event.EventDomainEvent.HoldExpirySweepsStoppedEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.Test;

/**
 * The watchdog's command ({@link ExpireOverdueHoldsCommand}): the safety net that ends holds whose
 * expiry sweep never came (ADR 0707, "Several command nodes").
 */
class OverdueHoldsTest {

  private static final Instant FIRST_ENDS = T0.plus(HOLD);
  private static final ExpireOverdueHoldsCommand CHECK = new ExpireOverdueHoldsCommand(EVENT);

  @Test
  void holds_overdue_beyond_the_grace_are_expired_and_a_sweep_is_scheduled_for_those_left() {
    Instant secondEnds = FIRST_ENDS.plus(Duration.ofMinutes(5));
    eventFixture()
        .given(
            onSaleWith(
                held("o1", "alice", T0, "ORCH-A-1"),
                held("o2", "bob", T0.plus(Duration.ofMinutes(5)), "ORCH-A-2"),
                sweepAt(FIRST_ENDS)))
        .andGivenCurrentTime(FIRST_ENDS.plus(Event.OVERDUE_GRACE).plusSeconds(1))
        .when(CHECK)
        .expectEvents(
            new HoldExpiredEvent(EVENT, "o1", "alice", List.of("ORCH-A-1")),
            new HoldExpirySweepScheduledEvent(EVENT, secondEnds, "ignored"));
  }

  @Test
  void the_last_overdue_hold_expired_stops_the_sweeps() {
    eventFixture()
        .given(onSaleWith(held("o1", "alice", T0, "ORCH-A-1"), sweepAt(FIRST_ENDS)))
        .andGivenCurrentTime(FIRST_ENDS.plus(Duration.ofHours(1)))
        .when(CHECK)
        .expectEvents(
            new HoldExpiredEvent(EVENT, "o1", "alice", List.of("ORCH-A-1")),
            new HoldExpirySweepsStoppedEvent(EVENT));
  }

  @Test
  void holds_late_by_less_than_the_grace_are_left_to_their_sweep() {
    eventFixture()
        .given(onSaleWith(held("o1", "alice", T0, "ORCH-A-1"), sweepAt(FIRST_ENDS)))
        .andGivenCurrentTime(FIRST_ENDS.plus(Event.OVERDUE_GRACE).minusSeconds(1))
        .when(CHECK)
        .expectSuccessfulHandlerExecution()
        .expectNoEvents();
  }

  @Test
  void an_event_without_holds_has_nothing_to_do() {
    eventFixture()
        .given(onSale())
        .andGivenCurrentTime(FIRST_ENDS.plus(Duration.ofHours(1)))
        .when(CHECK)
        .expectSuccessfulHandlerExecution()
        .expectNoEvents();
  }

  @Test
  void on_a_copy_behind_the_store_it_fails_rather_than_find_nothing_to_do() {
    AggregateTestFixture<Event> fixture = new AggregateTestFixture<>(Event.class);
    fixture.registerInjectableResource((OrderOpening) (order, basket) -> () -> {});
    fixture.registerInjectableResource((StoredVersion) (eventId, sequence) -> 1_000 > sequence);
    fixture
        .given(onSale())
        .andGivenCurrentTime(FIRST_ENDS)
        .when(CHECK)
        .expectNoEvents()
        .expectException(ConcurrencyException.class);
  }
}
