package fr.guichet.command.waitingroom;

/**
 * When a visitor should ask for their place again ({@code pollAfterSeconds} of {@link
 * VisitorView}), so that the polling load a room draws is bounded by design, as hosted waiting
 * rooms do: half the estimated wait (a visitor far back asks rarely, one near the front often), at
 * least {@link #MIN_SECONDS} and at most {@link #MAX_SECONDS}. Before the opening: when the room
 * opens (positions are drawn then), within the same bounds. A room of {@code n} queued visitors
 * then draws at most about {@code n / MIN_SECONDS} position requests a second in a small room, and
 * about {@code n / MAX_SECONDS} in a large one (each visitor asks O(log wait) times until their
 * wait falls under two maxima). Admitted visitors, and those not or no longer queued, have nothing
 * to wait for: no advice.
 */
final class PollAdvice {

  static final long MIN_SECONDS = 2;
  static final long MAX_SECONDS = 60;

  private PollAdvice() {}

  /** For a queued visitor whose estimated wait is {@code estimatedWaitSeconds}. */
  static long queued(long estimatedWaitSeconds) {
    return clamp((estimatedWaitSeconds + 1) / 2);
  }

  /** For a pre-queued visitor, the room opening in {@code secondsUntilOpening} (may be past). */
  static long preQueued(long secondsUntilOpening) {
    return clamp(secondsUntilOpening);
  }

  private static long clamp(long seconds) {
    return Math.max(MIN_SECONDS, Math.min(MAX_SECONDS, seconds));
  }
}
