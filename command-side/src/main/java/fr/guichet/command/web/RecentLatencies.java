package fr.guichet.command.web;

import java.time.Duration;
import java.util.Arrays;

/**
 * The durations of the latest commands of one kind (at most {@code size}), to tell their 99th
 * percentile over a recent period: what the waiting rooms' {@code AdaptiveAdmission} watches.
 * Bounded memory; the caller gives the times (nanoTime), so it is tested without waiting.
 */
public final class RecentLatencies {

  private final long[] endedAt;
  private final long[] took;
  private final long periodNanos;
  private int next;
  private int count;

  public RecentLatencies(int size, Duration period) {
    this.endedAt = new long[size];
    this.took = new long[size];
    this.periodNanos = period.toNanos();
  }

  public synchronized void record(long endedAtNanos, long tookNanos) {
    endedAt[next] = endedAtNanos;
    took[next] = tookNanos;
    next = (next + 1) % endedAt.length;
    count = Math.min(count + 1, endedAt.length);
  }

  /** The 99th percentile of the durations that ended within the period before {@code now}. */
  public synchronized Duration p99(long nowNanos) {
    long[] recent = new long[count];
    int n = 0;
    for (int i = 0; i < count; i++) {
      if (nowNanos - endedAt[i] <= periodNanos) {
        recent[n++] = took[i];
      }
    }
    if (n == 0) {
      return Duration.ZERO;
    }
    Arrays.sort(recent, 0, n);
    int rank = (int) Math.ceil(0.99 * n) - 1;
    return Duration.ofNanos(recent[Math.max(0, rank)]);
  }
}
