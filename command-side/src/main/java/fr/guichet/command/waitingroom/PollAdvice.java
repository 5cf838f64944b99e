package fr.guichet.command.waitingroom;

/**
 * When a visitor should ask for their place again ({@code pollAfterSeconds} of {@link
 * VisitorView}), so that the polling load a room draws is bounded by design, as hosted waiting
 * rooms do: half the estimated wait (a visitor far back asks rarely, one near the front often), at
 * least {@link #MIN_SECONDS} and at most {@link #MAX_SECONDS}, and never more than a third of the
 * room's grace period: a visitor not seen for longer than that loses their place, so following the
 * advice leaves room for two late or lost answers. Before the opening: when the room opens
 * (positions are drawn then), within the same bounds. A large room of {@code n} queued visitors
 * then draws about {@code n / MAX_SECONDS} position requests a second (each visitor asks O(log
 * wait) times once its wait falls under two maxima). Admitted visitors, and those not or no longer
 * queued, have nothing to wait for: no advice.
 */
final class PollAdvice {

  static final long MIN_SECONDS = 2;
  static final long MAX_SECONDS = 60;

  private PollAdvice() {}

  /**
   * For a queued visitor whose estimated wait is {@code estimatedWaitSeconds}, in a room whose
   * grace period is {@code graceSeconds}.
   */
  static long queued(long estimatedWaitSeconds, long graceSeconds) {
    return clamp((estimatedWaitSeconds + 1) / 2, graceSeconds);
  }

  /** For a pre-queued visitor, the room opening in {@code secondsUntilOpening} (may be past). */
  static long preQueued(long secondsUntilOpening, long graceSeconds) {
    return clamp(secondsUntilOpening, graceSeconds);
  }

  private static long clamp(long seconds, long graceSeconds) {
    long most = Math.max(MIN_SECONDS, Math.min(MAX_SECONDS, graceSeconds / 3));
    return Math.max(MIN_SECONDS, Math.min(most, seconds));
  }
}
