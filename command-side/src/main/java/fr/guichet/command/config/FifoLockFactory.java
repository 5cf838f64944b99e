package fr.guichet.command.config;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.axonframework.common.lock.Lock;
import org.axonframework.common.lock.LockAcquisitionFailedException;
import org.axonframework.common.lock.LockFactory;

/**
 * Per-aggregate locks handed over in a known order: first come, first served, except that a command
 * finishing what has begun (a sale after payment, a release, an expiry) passes the new holds
 * waiting. {@code urgent} tells, on the thread asking, which kind of command it runs.
 *
 * <p>Axon's {@code PessimisticLockFactory} waits in 10 ms slices, and whenever the thread releasing
 * a lock catches it free again it discards the lock object and sends every waiter to queue again on
 * a new one, so under contention the next holder is drawn at random. At a full onsale a hot Event
 * had a hundred HTTP holds waiting at any moment, and the one thread confirming payments, which
 * needs the Event to sell the places a buyer has paid for, waited as long as a hundred holds for
 * each sale: confirmations fell tens of thousands of events behind, while the paid places stayed
 * held (bench/README.md, session 7). Here the lock goes directly to the next waiter (no barging),
 * urgent waiters first.
 *
 * <p>Axon's factory also detects a deadlock between two aggregates' locks; this one relies on the
 * wait limit instead ({@code maxWait}, then {@link LockAcquisitionFailedException}), and the Event
 * aggregate it serves never waits for another aggregate's lock while holding its own.
 */
public final class FifoLockFactory implements LockFactory {

  private final ConcurrentHashMap<String, Entry> locks = new ConcurrentHashMap<>();
  private final Duration maxWait;
  private final BooleanSupplier urgent;

  public FifoLockFactory(Duration maxWait, BooleanSupplier urgent) {
    if (maxWait.isNegative() || maxWait.isZero()) {
      throw new IllegalArgumentException("the wait limit must be positive, not " + maxWait);
    }
    this.maxWait = maxWait;
    this.urgent = urgent;
  }

  /**
   * One aggregate's lock. {@code users} (threads holding or waiting) changes only inside the map's
   * compute; the rest under the entry's monitor. Threads queue only while the lock has an owner,
   * and a release hands it to the first of them, so without an owner both queues are empty.
   */
  private static final class Entry {
    int users;
    Thread owner;
    int holds;
    final ArrayDeque<Thread> urgentWaiters = new ArrayDeque<>();
    final ArrayDeque<Thread> waiters = new ArrayDeque<>();
  }

  @Override
  public Lock obtainLock(String identifier) {
    Entry entry =
        locks.compute(
            identifier,
            (id, known) -> {
              Entry e = known == null ? new Entry() : known;
              e.users++;
              return e;
            });
    if (!acquire(entry, urgent.getAsBoolean(), System.nanoTime() + maxWait.toNanos())) {
      leave(identifier);
      throw new LockAcquisitionFailedException(
          "Aggregate " + identifier + " stayed locked by other commands for " + maxWait);
    }
    return new HeldLock(identifier, entry);
  }

  private static boolean acquire(Entry entry, boolean isUrgent, long deadline) {
    Thread me = Thread.currentThread();
    synchronized (entry) {
      if (entry.owner == me) {
        entry.holds++;
        return true;
      }
      if (entry.owner == null) {
        entry.owner = me;
        entry.holds = 1;
        return true;
      }
      (isUrgent ? entry.urgentWaiters : entry.waiters).addLast(me);
    }
    boolean interrupted = false;
    try {
      while (true) {
        long left;
        synchronized (entry) {
          if (entry.owner == me) {
            return true;
          }
          left = deadline - System.nanoTime();
          if (left <= 0) {
            entry.urgentWaiters.remove(me);
            entry.waiters.remove(me);
            return false;
          }
        }
        LockSupport.parkNanos(entry, left);
        // A command is not abandoned halfway through waiting; the interrupt is kept for later.
        interrupted |= Thread.interrupted();
      }
    } finally {
      if (interrupted) {
        me.interrupt();
      }
    }
  }

  private static void release(Entry entry) {
    Thread next;
    synchronized (entry) {
      if (entry.owner != Thread.currentThread()) {
        throw new IllegalMonitorStateException("the lock is not held by this thread");
      }
      if (--entry.holds > 0) {
        return;
      }
      next = entry.urgentWaiters.pollFirst();
      if (next == null) {
        next = entry.waiters.pollFirst();
      }
      entry.owner = next;
      entry.holds = next == null ? 0 : 1;
    }
    if (next != null) {
      LockSupport.unpark(next);
    }
  }

  private void leave(String identifier) {
    locks.computeIfPresent(identifier, (id, e) -> --e.users == 0 ? null : e);
  }

  /** Aggregates with a lock held or waited for; the rest take no memory. */
  int aggregatesInUse() {
    return locks.size();
  }

  /** Threads waiting for the aggregate's lock (not counting its holder). */
  int waiting(String identifier) {
    Entry entry = locks.get(identifier);
    if (entry == null) {
      return 0;
    }
    synchronized (entry) {
      return entry.urgentWaiters.size() + entry.waiters.size();
    }
  }

  private final class HeldLock implements Lock {
    private final String identifier;
    private final Entry entry;

    HeldLock(String identifier, Entry entry) {
      this.identifier = identifier;
      this.entry = entry;
    }

    @Override
    public void release() {
      try {
        FifoLockFactory.release(entry);
      } finally {
        leave(identifier);
      }
    }

    @Override
    public boolean isHeld() {
      synchronized (entry) {
        return entry.owner == Thread.currentThread();
      }
    }
  }
}
