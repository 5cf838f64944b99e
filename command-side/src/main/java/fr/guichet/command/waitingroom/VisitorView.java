package fr.guichet.command.waitingroom;

import java.time.Instant;

/**
 * What a visitor sees of their place: state, position (1 = next), how many wait in all, an estimate
 * of the wait, when to ask again ({@code pollAfterSeconds}, see {@link PollAdvice}; absent when
 * there is nothing to wait for), and once admitted the token to send with holds ({@code
 * X-Admission-Token}).
 */
public record VisitorView(
    String eventId,
    State state,
    long position,
    long waiting,
    Long estimatedWaitSeconds,
    Instant opensAt,
    String admissionToken,
    Instant tokenExpiresAt,
    Instant admissionEndsAt,
    Long pollAfterSeconds) {

  public enum State {
    NOT_QUEUED,
    PRE_QUEUED,
    QUEUED,
    ADMITTED,
    ADMISSION_ENDED
  }
}
