package fr.guichet.command.waitingroom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import fr.guichet.command.waitingroom.AdaptiveAdmission.Measurement;
import fr.guichet.command.waitingroom.AdaptiveAdmission.Reason;
import fr.guichet.command.waitingroom.AdaptiveAdmission.Tuning;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class AdaptiveAdmissionTest {

  private static final Instant T0 = Instant.parse("2027-03-01T10:00:00Z");
  private static final RoomSettings ROOM = new RoomSettings(true, 1200, null, 120, false, 50_000);

  private final AdaptiveAdmission admission = new AdaptiveAdmission(Tuning.defaults());

  private static Measurement healthy() {
    return new Measurement(0, 10, 200, Duration.ofMillis(40), 0);
  }

  private static Instant second(int n) {
    return T0.plusSeconds(n);
  }

  @Test
  void a_healthy_command_side_gets_the_configured_rate_and_never_more() {
    for (int s = 0; s < 30; s++) {
      admission.update(second(s), AdaptiveAdmissionTest::healthy);
    }

    assertThat(admission.factor()).isEqualTo(1.0);
    assertThat(admission.effectivePerMinute(ROOM)).isEqualTo(1200);
    assertThat(admission.effectivePerSecond(ROOM)).isEqualTo(20.0);
    assertThat(admission.reason()).isEqualTo(Reason.STEADY);
  }

  @Test
  void slow_holds_cut_the_rate_by_a_third_each_second_down_to_the_floor_and_no_lower() {
    Measurement slow = new Measurement(0, 10, 200, Duration.ofSeconds(2), 0);

    admission.update(second(0), () -> slow);
    assertThat(admission.factor()).isCloseTo(0.7, within(1e-9));
    assertThat(admission.effectivePerMinute(ROOM)).isEqualTo(840);
    assertThat(admission.reason()).isEqualTo(Reason.HOLD_LATENCY);

    for (int s = 1; s < 60; s++) {
      admission.update(second(s), () -> slow);
    }
    // A quarter: at a tenth, a strained room of the full onsale kept 30,000 visitors queued and
    // polling, and their polls kept holds slow (bench/README.md, session 10).
    assertThat(admission.factor()).isEqualTo(0.25);
    assertThat(admission.effectivePerMinute(ROOM)).isEqualTo(300);
  }

  @Test
  void once_the_strain_is_gone_the_rate_climbs_back_additively_to_the_configured_one() {
    Measurement lagging = new Measurement(0, 10, 200, Duration.ZERO, 50_000);
    for (int s = 0; s < 10; s++) {
      admission.update(second(s), () -> lagging);
    }
    assertThat(admission.reason()).isEqualTo(Reason.PROCESSOR_LAG);
    double low = admission.factor();

    admission.update(second(10), AdaptiveAdmissionTest::healthy);
    assertThat(admission.factor()).isCloseTo(low + 0.05, within(1e-9));
    for (int s = 11; s < 40; s++) {
      admission.update(second(s), AdaptiveAdmissionTest::healthy);
    }
    assertThat(admission.factor()).isEqualTo(1.0);
  }

  @Test
  void new_503_refusals_and_a_full_node_count_as_strain_but_old_refusals_do_not() {
    // Refusals counted before the first look are history: not a strain.
    admission.update(second(0), () -> new Measurement(500, 10, 200, Duration.ZERO, 0));
    assertThat(admission.factor()).isEqualTo(1.0);

    admission.update(second(1), () -> new Measurement(503, 10, 200, Duration.ZERO, 0));
    assertThat(admission.reason()).isEqualTo(Reason.OVERLOAD_REFUSALS);
    assertThat(admission.factor()).isCloseTo(0.7, within(1e-9));

    admission.update(second(2), () -> new Measurement(503, 180, 200, Duration.ZERO, 0));
    assertThat(admission.reason()).isEqualTo(Reason.COMMANDS_IN_FLIGHT);
    assertThat(admission.factor()).isCloseTo(0.49, within(1e-9));

    admission.update(second(3), () -> new Measurement(503, 20, 200, Duration.ZERO, 0));
    assertThat(admission.reason()).isEqualTo(Reason.STEADY);
    assertThat(admission.factor()).isCloseTo(0.54, within(1e-9));
  }

  @Test
  void it_measures_once_per_interval_however_often_it_is_asked() {
    AtomicInteger measured = new AtomicInteger();
    Measurement slow = new Measurement(0, 10, 200, Duration.ofSeconds(2), 0);
    for (int tick = 0; tick < 10; tick++) {
      // The rooms' ticker asks every 200 ms.
      admission.update(
          T0.plusMillis(200L * tick),
          () -> {
            measured.incrementAndGet();
            return slow;
          });
    }

    assertThat(measured).hasValue(2);
    assertThat(admission.factor()).isCloseTo(0.49, within(1e-9));
  }

  @Test
  void a_failed_measurement_keeps_the_rate_and_switched_off_adaptation_keeps_the_configured_one() {
    admission.update(second(0), () -> new Measurement(0, 10, 200, Duration.ofSeconds(2), 0));
    admission.update(
        second(1),
        () -> {
          throw new IllegalStateException("event store unreachable");
        });
    assertThat(admission.factor()).isCloseTo(0.7, within(1e-9));
    assertThat(admission.reason()).isEqualTo(Reason.UNMEASURED);

    Tuning defaults = Tuning.defaults();
    AdaptiveAdmission off =
        new AdaptiveAdmission(
            new Tuning(
                false,
                defaults.interval(),
                defaults.floor(),
                defaults.increase(),
                defaults.decrease(),
                defaults.holdP99Target(),
                defaults.inFlightHigh(),
                defaults.processorLagLimit()));
    off.update(second(0), () -> new Measurement(0, 200, 200, Duration.ofSeconds(9), 1_000_000));
    assertThat(off.effectivePerMinute(ROOM)).isEqualTo(1200);
    assertThat(off.reason()).isEqualTo(Reason.DISABLED);
  }
}
