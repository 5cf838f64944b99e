package fr.guichet.command.waitingroom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import fr.guichet.command.config.ServerSecrets;
import fr.guichet.command.waitingroom.AdaptiveAdmission.Measurement;
import fr.guichet.command.waitingroom.AdaptiveAdmission.Tuning;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.support.StaticListableBeanFactory;

class AdaptiveAdmissionInRoomsTest {

  private static final Instant NOW = Instant.parse("2027-03-01T10:00:00Z");
  private static final RoomSettings OPEN_AT_600_A_MINUTE =
      new RoomSettings(true, 600, null, 120, false, 50_000);

  private final WaitingRoomStore store = mock(WaitingRoomStore.class);
  private final WaitingRoomJournal journal = mock(WaitingRoomJournal.class);

  private static int admittedAfterOneSecond(
      double factor, WaitingRoomStore store, WaitingRoomJournal journal) {
    WaitingRoom room = new WaitingRoom("ev-1", OPEN_AT_600_A_MINUTE, 16);
    for (long key = 1; key <= 100; key++) {
      room.join(key, NOW, 900, 42, store, journal);
    }
    room.tick(NOW, 0, 42, store, journal, factor);
    room.tick(NOW.plusSeconds(1), 1_000_000_000L, 42, store, journal, factor);
    return (int) room.stats().admitted();
  }

  @Test
  void a_room_admits_its_configured_rate_times_the_adaptive_factor() {
    assertThat(admittedAfterOneSecond(1.0, store, journal)).isEqualTo(10);
    assertThat(admittedAfterOneSecond(0.5, store, journal)).isEqualTo(5);
    assertThat(admittedAfterOneSecond(0.1, store, journal)).isEqualTo(1);
  }

  @Test
  void the_rooms_follow_the_measured_capacity_in_their_rate_their_metrics_and_their_visitors_wait(
      @TempDir Path dataDir) {
    when(journal.joined(anyString(), anyLong(), anyLong(), anyBoolean(), anyLong()))
        .thenReturn(CompletableFuture.completedFuture(null));
    CommandSideCapacity capacity = mock(CommandSideCapacity.class);
    // Holds answer in 2 s at the 99th percentile: the command side is strained.
    when(capacity.get()).thenReturn(new Measurement(0, 10, 200, Duration.ofSeconds(2), 0));
    StaticListableBeanFactory beans = new StaticListableBeanFactory();
    beans.addBean("clock", Clock.fixed(NOW, ZoneOffset.UTC));
    WaitingRooms rooms =
        new WaitingRooms(
            store,
            journal,
            new ServerSecrets(Base64.getEncoder().encodeToString(new byte[32]), dataDir.toString()),
            beans.getBeanProvider(Clock.class),
            new AdaptiveAdmission(Tuning.defaults()),
            capacity,
            Duration.ofMinutes(5),
            Duration.ofMinutes(15),
            16);
    rooms.configure("ev-1", OPEN_AT_600_A_MINUTE);
    for (int i = 1; i <= 70; i++) {
      rooms.join("ev-1", "visitor-" + i);
    }
    assertThat(rooms.view("ev-1").effectiveAdmitPerMinute()).isEqualTo(600);
    assertThat(rooms.status("ev-1", "visitor-70").estimatedWaitSeconds()).isEqualTo(7);
    // Asks again after half the wait, rounded up.
    assertThat(rooms.status("ev-1", "visitor-70").pollAfterSeconds()).isEqualTo(4);

    rooms.tick();

    WaitingRooms.RoomView view = rooms.view("ev-1");
    assertThat(view.settings().admitPerMinute()).isEqualTo(600);
    assertThat(view.effectiveAdmitPerMinute()).isEqualTo(420);
    assertThat(view.admissionAdjustedFor()).isEqualTo("hold-latency");
    assertThat(rooms.admissionFactor()).isEqualTo(0.7);
    SimpleMeterRegistry metrics = new SimpleMeterRegistry();
    new WaitingRoomMetrics(rooms).bindTo(metrics);
    assertThat(metrics.get("guichet.waiting-room.admission.factor").gauge().value()).isEqualTo(0.7);
    assertThat(metrics.get("guichet.waiting-room.admission.rate").gauge().value()).isEqualTo(420.0);
    // Position 70 at 7 a second instead of 10.
    assertThat(rooms.status("ev-1", "visitor-70").estimatedWaitSeconds()).isEqualTo(10);
    assertThat(rooms.status("ev-1", "visitor-70").pollAfterSeconds()).isEqualTo(5);
  }
}
