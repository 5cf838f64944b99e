package fr.guichet.command.config;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.axonframework.common.lock.Lock;
import org.axonframework.common.lock.LockAcquisitionFailedException;
import org.axonframework.common.lock.LockFactory;

/**
 * Per-aggregate locks that serve waiting commands first come, first served.
 *
 * <p>Axon's {@code PessimisticLockFactory} waits in 10 ms slices, and whenever the thread releasing
 * a lock catches it free again it discards the lock object, sending every waiter to queue again on
 * a new one; so under contention the next holder is drawn at random. At a full onsale a hot Event
 * had a hundred HTTP holds waiting at any moment, and the one thread confirming payments got its
 * turn so rarely that confirmations fell minutes behind (bench/README.md, session 7). Here each
 * aggregate has a fair {@link ReentrantLock}, kept as long as someone holds or waits for it: a
 * command waits behind those that came before it, never behind those that came after.
 *
 * <p>Axon's factory also detects a deadlock between two aggregates' locks; this one relies on the
 * wait limit instead ({@code maxWait}, then {@link LockAcquisitionFailedException}), and the Event
 * aggregate it serves never waits for another aggregate's lock while holding its own.
 */
public final class FifoLockFactory implements LockFactory {

  private final ConcurrentHashMap<String, Entry> locks = new ConcurrentHashMap<>();
  private final Duration maxWait;

  public FifoLockFactory(Duration maxWait) {
    if (maxWait.isNegative() || maxWait.isZero()) {
      throw new IllegalArgumentException("the wait limit must be positive, not " + maxWait);
    }
    this.maxWait = maxWait;
  }

  /**
   * A fair lock and how many threads hold or wait for it (changed only inside the map's compute).
   */
  private static final class Entry {
    final ReentrantLock lock = new ReentrantLock(true);
    int users;
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
    boolean locked;
    try {
      locked = entry.lock.tryLock(maxWait.toNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      leave(identifier);
      Thread.currentThread().interrupt();
      throw new LockAcquisitionFailedException(
          "Interrupted while waiting for aggregate " + identifier, e);
    }
    if (!locked) {
      leave(identifier);
      throw new LockAcquisitionFailedException(
          "Aggregate " + identifier + " stayed locked by other commands for " + maxWait);
    }
    return new HeldLock(identifier, entry);
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
    return entry == null ? 0 : entry.lock.getQueueLength();
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
        entry.lock.unlock();
      } finally {
        leave(identifier);
      }
    }

    @Override
    public boolean isHeld() {
      return entry.lock.isHeldByCurrentThread();
    }
  }
}
