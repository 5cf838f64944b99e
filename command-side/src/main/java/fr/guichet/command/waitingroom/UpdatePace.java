package fr.guichet.command.waitingroom;

import java.time.Duration;

/**
 * Which of the views a visitor's live stream looks up (once a second, from memory) it sends: the
 * first; any whose state changed (admitted, admission ended: the visitor learns it within a
 * second); otherwise one once the time a polling page would wait has passed ({@code
 * pollAfterSeconds}, see {@link PollAdvice}: every 2 s near the front, every 40-60 s far back).
 * Sending every view every second made a queue of 30,000 visitors cost 30,000 frames a second;
 * paced so, a stream costs what polling does and the room's bound on polling holds for streams too.
 * One per stream, not shared.
 */
final class UpdatePace {

  private VisitorView.State lastState;
  private long nextDueNanos;

  boolean send(long nowNanos, VisitorView view) {
    if (lastState == null || view.state() != lastState || nowNanos - nextDueNanos >= 0) {
      lastState = view.state();
      nextDueNanos = nowNanos + nextUpdate(view).toNanos();
      return true;
    }
    return false;
  }

  static boolean waiting(VisitorView view) {
    return view.state() == VisitorView.State.QUEUED || view.state() == VisitorView.State.PRE_QUEUED;
  }

  static Duration nextUpdate(VisitorView view) {
    Long seconds = view.pollAfterSeconds();
    return Duration.ofSeconds(seconds == null ? PollAdvice.MIN_SECONDS : Math.max(1, seconds));
  }
}
