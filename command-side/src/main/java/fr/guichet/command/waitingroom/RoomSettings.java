package fr.guichet.command.waitingroom;

import java.time.Instant;

/**
 * How one event's onsale is protected, as the manager set it: the waiting room (on or off, the
 * admission rate, the opening time that ends the pre-queue, the grace period of absent visitors)
 * and the proof-of-work challenge (required or not, and its difficulty: the largest number a client
 * may have to try, so the expected work is half of it).
 */
public record RoomSettings(
    boolean enabled,
    int admitPerMinute,
    Instant opensAt,
    int graceSeconds,
    boolean challengeRequired,
    long challengeDifficulty) {

  public static final RoomSettings OFF = new RoomSettings(false, 600, null, 120, false, 50_000);

  public double admitPerSecond() {
    return admitPerMinute / 60.0;
  }
}
