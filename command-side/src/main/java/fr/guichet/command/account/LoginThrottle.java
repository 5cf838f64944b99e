package fr.guichet.command.account;

import java.time.Duration;

/**
 * How sign-in slows down after failures on one account: every failed attempt answers a little later
 * (up to 2 s), and from the fifth failure in a row the account refuses sign-in for 30 s, doubling
 * with each further failure up to 15 minutes. A success resets the count. Generic per-client rate
 * limits sit in front of this (the onsale filter); this policy is per account, against credential
 * stuffing and password guessing that rotate client addresses.
 */
final class LoginThrottle {

  static final int FREE_ATTEMPTS = 4;
  static final Duration FIRST_LOCK = Duration.ofSeconds(30);
  static final Duration MAX_LOCK = Duration.ofMinutes(15);
  static final Duration STEP_DELAY = Duration.ofMillis(250);
  static final Duration MAX_DELAY = Duration.ofSeconds(2);

  private LoginThrottle() {}

  /** How long sign-in stays refused after the {@code failures}-th failure in a row (or zero). */
  static Duration lockAfter(int failures) {
    if (failures <= FREE_ATTEMPTS) {
      return Duration.ZERO;
    }
    int doublings = Math.min(failures - FREE_ATTEMPTS - 1, 10);
    Duration lock = FIRST_LOCK.multipliedBy(1L << doublings);
    return lock.compareTo(MAX_LOCK) > 0 ? MAX_LOCK : lock;
  }

  /** How long the answer to the {@code failures}-th failure in a row waits. */
  static Duration delayAfter(int failures) {
    Duration delay = STEP_DELAY.multipliedBy(Math.max(1, failures));
    return delay.compareTo(MAX_DELAY) > 0 ? MAX_DELAY : delay;
  }
}
