package fr.guichet.command.waitingroom;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.LongConsumer;

/**
 * The queue of one event's waiting room, in memory, in primitive arrays so that a million visitors
 * fit in a few tens of megabytes. Visitors are known only by a 64-bit key (a keyed hash of their
 * account id). Each join takes the next slot; slots below the frontier have been admitted (or
 * dropped for being away longer than the grace period), so a queued visitor's position is {@code
 * slot - frontier + 1}. Visitors who join before the opening form the pre-queue: at opening their
 * slots are shuffled with a secret seed, then later arrivals queue first come, first served.
 *
 * <p>Not thread-safe: the owning {@link WaitingRoom} serialises access. Times are whole seconds.
 */
public final class WaitingQueue {

  public enum Status {
    NOT_QUEUED,
    PRE_QUEUED,
    QUEUED,
    ADMITTED
  }

  /** Where one visitor stands. {@code position} is 1 for the next to be admitted, 0 if none. */
  public record Standing(Status status, long position, long since) {}

  private long[] keys;
  // While queued: when the visitor was last seen. Once admitted: when they were admitted.
  private long[] stamps;
  private int size;
  private int frontier;
  private int preQueue;
  private boolean open;
  private long admitted;
  private long dropped;
  private final LongIntHashMap index;

  public WaitingQueue(int expected) {
    int capacity = Math.max(16, expected);
    keys = new long[capacity];
    stamps = new long[capacity];
    index = new LongIntHashMap(capacity);
  }

  /**
   * Adds the visitor, or finds their place again. A visitor keeps their slot while queued or while
   * their admission is younger than {@code admissionWindow} seconds; after that, or once dropped,
   * joining again puts them at the back. Returns true if a new slot was taken.
   */
  public boolean join(long key, long now, long admissionWindow) {
    if (!wouldTakeSlot(key, now, admissionWindow)) {
      touch(key, now);
      return false;
    }
    append(key, now);
    return true;
  }

  /** Whether {@link #join} would give this visitor a new slot at the back. */
  public boolean wouldTakeSlot(long key, long now, long admissionWindow) {
    int slot = index.get(key);
    if (slot == LongIntHashMap.MISSING) {
      return true;
    }
    return slot < frontier && now - stamps[slot] > admissionWindow;
  }

  /** The visitor shows they are still here (polling, live updates). */
  public void touch(long key, long now) {
    int slot = index.get(key);
    if (slot != LongIntHashMap.MISSING && slot >= frontier) {
      stamps[slot] = now;
    }
  }

  public Standing standing(long key) {
    int slot = index.get(key);
    if (slot == LongIntHashMap.MISSING) {
      return new Standing(Status.NOT_QUEUED, 0, 0);
    }
    if (slot < frontier) {
      return new Standing(Status.ADMITTED, 0, stamps[slot]);
    }
    if (!open) {
      return new Standing(Status.PRE_QUEUED, 0, stamps[slot]);
    }
    return new Standing(Status.QUEUED, (long) slot - frontier + 1, stamps[slot]);
  }

  /**
   * Opening time: the pre-queue is shuffled (Fisher-Yates with {@code seed}), so the order in which
   * early visitors arrived gives no advantage. Idempotent.
   */
  public void open(long seed) {
    if (open) {
      return;
    }
    int[] order = shuffledOrder(preQueue, seed);
    long[] shuffledKeys = new long[preQueue];
    long[] shuffledStamps = new long[preQueue];
    for (int i = 0; i < preQueue; i++) {
      shuffledKeys[i] = keys[order[i]];
      shuffledStamps[i] = stamps[order[i]];
    }
    System.arraycopy(shuffledKeys, 0, keys, 0, preQueue);
    System.arraycopy(shuffledStamps, 0, stamps, 0, preQueue);
    for (int i = 0; i < preQueue; i++) {
      index.put(keys[i], i);
    }
    open = true;
  }

  /**
   * The opening order of a pre-queue of {@code n} visitors: slot i goes to the visitor who joined
   * {@code order[i]}-th. Deterministic for a seed, so a restart rebuilds the same order.
   */
  public static int[] shuffledOrder(int n, long seed) {
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    SplittableRandom random = new SplittableRandom(seed);
    for (int i = n - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    return order;
  }

  /**
   * Admits up to {@code count} visitors from the head of the queue. A visitor not seen for more
   * than {@code grace} seconds loses their place instead (and does not use up the admission).
   */
  public int admit(
      int count, long now, long grace, LongConsumer onAdmitted, LongConsumer onDropped) {
    if (!open) {
      return 0;
    }
    int done = 0;
    while (done < count && frontier < size) {
      long key = keys[frontier];
      if (now - stamps[frontier] > grace) {
        index.remove(key);
        dropped++;
        onDropped.accept(key);
      } else {
        stamps[frontier] = now;
        admitted++;
        done++;
        onAdmitted.accept(key);
      }
      frontier++;
    }
    return done;
  }

  /** Visitors still waiting for their turn (pre-queued or queued). */
  public int waiting() {
    return size - frontier;
  }

  public int preQueueSize() {
    return preQueue;
  }

  public boolean isOpen() {
    return open;
  }

  public long admittedCount() {
    return admitted;
  }

  public long droppedCount() {
    return dropped;
  }

  /** Bytes held by this queue's arrays (object headers aside): what its size costs in heap. */
  public long footprintBytes() {
    return 8L * keys.length + 8L * stamps.length + index.footprintBytes();
  }

  // ---- restoring from storage, in slot order ----

  /** Puts back a slot read from storage; call in slot order, then {@link #restored}. */
  public void restore(long key, long stamp, boolean gone, boolean dropped, boolean preQueued) {
    if (size == keys.length) {
      grow();
    }
    keys[size] = key;
    stamps[size] = stamp;
    if (dropped) {
      index.remove(key);
      this.dropped++;
    } else {
      index.put(key, size);
    }
    if (gone) {
      if (frontier == size) {
        frontier++;
      }
      if (!dropped) {
        admitted++;
      }
    }
    if (preQueued) {
      preQueue++;
    }
    size++;
  }

  /** Ends a restore: {@code open} tells whether the pre-queue was already shuffled. */
  public void restored(boolean open) {
    this.open = open;
  }

  private void append(long key, long now) {
    if (size == keys.length) {
      grow();
    }
    keys[size] = key;
    stamps[size] = now;
    index.put(key, size);
    if (!open) {
      preQueue++;
    }
    size++;
  }

  private void grow() {
    int capacity = keys.length + (keys.length >> 1);
    keys = Arrays.copyOf(keys, capacity);
    stamps = Arrays.copyOf(stamps, capacity);
  }
}
