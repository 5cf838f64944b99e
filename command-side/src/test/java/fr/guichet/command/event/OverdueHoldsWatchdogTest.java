package fr.guichet.command.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fr.guichet.api.event.EventCommand.ExpireOverdueHoldsCommand;
import fr.guichet.api.event.EventCommand.HoldPlacesCommand;
import fr.guichet.api.event.EventCommand.ReleaseHoldCommand;
import fr.guichet.api.event.PlaceSelection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OverdueHoldsWatchdogTest {

  private final List<String> checked = new CopyOnWriteArrayList<>();
  private Instant now = Instant.parse("2027-03-01T10:00:00Z");
  private CommandGateway gateway;
  private OverdueHoldsWatchdog watchdog;

  @BeforeEach
  void setUp() {
    SimpleCommandBus bus = SimpleCommandBus.builder().build();
    bus.subscribe(HoldPlacesCommand.class.getName(), message -> null);
    bus.subscribe(ReleaseHoldCommand.class.getName(), message -> null);
    bus.subscribe(
        ExpireOverdueHoldsCommand.class.getName(),
        message -> {
          checked.add(((ExpireOverdueHoldsCommand) message.getPayload()).eventId());
          return null;
        });
    gateway = DefaultCommandGateway.builder().commandBus(bus).build();
    Clock clock =
        new Clock() {
          @Override
          public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
          }

          @Override
          public Clock withZone(java.time.ZoneId zone) {
            return this;
          }

          @Override
          public Instant instant() {
            return now;
          }
        };
    watchdog =
        new OverdueHoldsWatchdog(bus, gateway, clock, Duration.ofSeconds(5), Duration.ofHours(3));
    bus.registerHandlerInterceptor(watchdog.noteHolds());
  }

  private void hold(String eventId) {
    gateway.sendAndWait(
        new HoldPlacesCommand(
            eventId, "order-" + eventId, "alice", PlaceSelection.specific(List.of("ORCH-A-1"))));
  }

  @Test
  void each_event_this_node_took_holds_for_is_checked_every_round() {
    hold("event-1");
    hold("event-2");
    hold("event-1");

    watchdog.round();

    await()
        .untilAsserted(() -> assertThat(checked).containsExactlyInAnyOrder("event-1", "event-2"));
    watchdog.round();
    await().untilAsserted(() -> assertThat(checked).hasSize(4));
  }

  @Test
  void other_commands_do_not_make_an_event_watched() {
    gateway.sendAndWait(new ReleaseHoldCommand("event-3", "order-1", "alice"));

    watchdog.round();

    assertThat(watchdog.watchedEvents()).isEmpty();
    assertThat(checked).isEmpty();
  }

  @Test
  void an_event_without_a_hold_for_longer_than_any_hold_lasts_is_forgotten() {
    hold("event-1");
    now = now.plus(Duration.ofHours(2));
    hold("event-2");
    now = now.plus(Duration.ofHours(1)).plusSeconds(1);

    watchdog.round();

    assertThat(watchdog.watchedEvents()).containsExactly("event-2");
    await().untilAsserted(() -> assertThat(checked).containsExactly("event-2"));
  }
}
