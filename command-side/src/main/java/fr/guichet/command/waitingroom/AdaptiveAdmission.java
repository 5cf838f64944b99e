package fr.guichet.command.waitingroom;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * Adapts the waiting rooms' admission rate to what the command side can take, by AIMD (additive
 * increase, multiplicative decrease, as TCP does): once per {@code interval} it looks at what the
 * command side measured and moves a factor applied to every room's configured rate:
 *
 * <ul>
 *   <li>strained (commands turned away with 503 since the last look, too many commands in flight,
 *       holds slower than the target at the 99th percentile, or the event processors too far
 *       behind): the factor is multiplied by {@code decrease} (0.7);
 *   <li>otherwise it grows by {@code increase} (0.05), back towards 1.
 * </ul>
 *
 * The factor stays between {@code floor} and 1: a room never admits more than its manager set, and
 * never less than {@code floor} of it (a quarter: so a queue always moves, and fast enough that the
 * queued visitors' own polling does not keep the command side strained). Pure and clock-free: the
 * caller gives the time and the measurements.
 */
final class AdaptiveAdmission {

  /** What the command side measured, at one moment. */
  record Measurement(
      long overloadRefusals, int inFlight, int maxInFlight, Duration holdP99, long processorLag) {}

  /** Thresholds and steps. */
  record Tuning(
      boolean enabled,
      Duration interval,
      double floor,
      double increase,
      double decrease,
      Duration holdP99Target,
      double inFlightHigh,
      long processorLagLimit) {

    Tuning {
      if (!(floor > 0 && floor <= 1)) {
        throw new IllegalArgumentException("the floor is a fraction of the rate in (0, 1]");
      }
      if (!(decrease > 0 && decrease < 1) || !(increase > 0)) {
        throw new IllegalArgumentException("decrease is in (0, 1), increase above 0");
      }
    }

    static Tuning defaults() {
      return new Tuning(
          true, Duration.ofSeconds(1), 0.25, 0.05, 0.7, Duration.ofMillis(500), 0.8, 10_000);
    }
  }

  /** Why the factor last moved, as the manager sees it. */
  enum Reason {
    /** No strain measured: the factor grows back towards 1. */
    STEADY,
    /** Commands were turned away with 503 since the last look. */
    OVERLOAD_REFUSALS,
    /** Commands in flight above the high-water mark of the node's capacity. */
    COMMANDS_IN_FLIGHT,
    /** Holds slower than the target at the 99th percentile. */
    HOLD_LATENCY,
    /** Event processors too far behind the event store. */
    PROCESSOR_LAG,
    /** Adaptation switched off: the configured rate applies. */
    DISABLED,
    /** Measuring failed: the factor is kept. */
    UNMEASURED
  }

  private final Tuning tuning;
  private double factor = 1.0;
  private Reason reason;
  private Instant lastLook;
  private long lastRefusals = -1;

  AdaptiveAdmission(Tuning tuning) {
    this.tuning = tuning;
    this.reason = tuning.enabled() ? Reason.STEADY : Reason.DISABLED;
  }

  /**
   * Looks at the command side if an interval has passed since the last look (then only is {@code
   * measure} called), and returns the factor to apply to the configured rates.
   */
  synchronized double update(Instant now, Supplier<Measurement> measure) {
    if (!tuning.enabled()) {
      return factor;
    }
    if (lastLook != null && now.isBefore(lastLook.plus(tuning.interval()))) {
      return factor;
    }
    lastLook = now;
    Measurement m;
    try {
      m = measure.get();
    } catch (RuntimeException e) {
      reason = Reason.UNMEASURED;
      return factor;
    }
    reason = strain(m);
    lastRefusals = m.overloadRefusals();
    factor =
        reason == Reason.STEADY
            ? Math.min(1.0, factor + tuning.increase())
            : Math.max(tuning.floor(), factor * tuning.decrease());
    return factor;
  }

  private Reason strain(Measurement m) {
    if (lastRefusals >= 0 && m.overloadRefusals() > lastRefusals) {
      return Reason.OVERLOAD_REFUSALS;
    }
    if (m.maxInFlight() > 0 && m.inFlight() >= tuning.inFlightHigh() * m.maxInFlight()) {
      return Reason.COMMANDS_IN_FLIGHT;
    }
    if (m.holdP99() != null && m.holdP99().compareTo(tuning.holdP99Target()) > 0) {
      return Reason.HOLD_LATENCY;
    }
    if (m.processorLag() > tuning.processorLagLimit()) {
      return Reason.PROCESSOR_LAG;
    }
    return Reason.STEADY;
  }

  synchronized double factor() {
    return factor;
  }

  synchronized Reason reason() {
    return reason;
  }

  /** The rate a room admits at: its configured rate times the factor. */
  synchronized double effectivePerSecond(RoomSettings settings) {
    return settings.admitPerSecond() * factor;
  }

  /** The same, per minute as the manager sets it, rounded (at least 1 when the room admits). */
  synchronized int effectivePerMinute(RoomSettings settings) {
    return (int) Math.max(1, Math.round(settings.admitPerMinute() * factor));
  }
}
