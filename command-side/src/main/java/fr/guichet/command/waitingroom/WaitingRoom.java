package fr.guichet.command.waitingroom;

import fr.guichet.command.waitingroom.WaitingQueue.Standing;
import fr.guichet.command.waitingroom.WaitingRoomStore.VisitorRow;
import java.time.Instant;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;

/**
 * One event's waiting room: its settings, its queue and the admission pace. Every change is written
 * to the store first, under the room's lock, then applied to memory.
 */
final class WaitingRoom {

  private final String eventId;
  private final WaitingQueue queue;
  private RoomSettings settings;
  private Long seed;
  private long nextJoinSeq;
  private double credits;
  private long lastTickNanos = -1;
  private long[] admittedKeys = new long[64];
  private long[] droppedKeys = new long[64];
  private int admittedInTick;
  private int droppedInTick;

  WaitingRoom(String eventId, RoomSettings settings, int expectedVisitors) {
    this.eventId = eventId;
    this.settings = settings;
    this.queue = new WaitingQueue(expectedVisitors);
  }

  String eventId() {
    return eventId;
  }

  synchronized RoomSettings settings() {
    return settings;
  }

  synchronized void configure(RoomSettings settings, WaitingRoomStore store) {
    store.saveSettings(eventId, settings);
    this.settings = settings;
  }

  /**
   * Joins or finds the visitor. A new join is in memory at once (so the order of slots is the order
   * of join numbers) and {@code written} completes when it is on disk.
   */
  synchronized Joining join(
      long key,
      Instant at,
      long admissionWindow,
      long randomSeed,
      WaitingRoomStore store,
      WaitingRoomJournal journal) {
    openIfDue(at, randomSeed, store);
    long now = at.getEpochSecond();
    CompletableFuture<Void> written = CompletableFuture.completedFuture(null);
    if (queue.wouldTakeSlot(key, now, admissionWindow)) {
      written = journal.joined(eventId, nextJoinSeq, key, !queue.isOpen(), now);
      nextJoinSeq++;
    }
    queue.join(key, now, admissionWindow);
    return new Joining(queue.standing(key), written);
  }

  record Joining(Standing standing, CompletableFuture<Void> written) {}

  synchronized Standing standing(long key, long now) {
    queue.touch(key, now);
    return queue.standing(key);
  }

  synchronized Stats stats() {
    return new Stats(
        queue.isOpen(),
        queue.waiting(),
        queue.preQueueSize(),
        queue.admittedCount(),
        queue.droppedCount());
  }

  record Stats(boolean open, int waiting, int preQueued, long admitted, long dropped) {}

  /**
   * Opens the pre-queue when its time has come, then admits as many visitors as the rate allows
   * since the last tick: the configured rate times {@code factor} (from {@link AdaptiveAdmission},
   * between its floor and 1).
   */
  synchronized void tick(
      Instant now,
      long nanoTime,
      long randomSeed,
      WaitingRoomStore store,
      WaitingRoomJournal journal,
      double factor) {
    if (!settings.enabled()) {
      lastTickNanos = -1;
      return;
    }
    openIfDue(now, randomSeed, store);
    if (!queue.isOpen()) {
      return;
    }
    double perSecond = settings.admitPerSecond() * Math.min(1.0, factor);
    if (lastTickNanos >= 0) {
      double elapsed = (nanoTime - lastTickNanos) / 1e9;
      credits = Math.min(credits + elapsed * perSecond, Math.max(1.0, perSecond));
    }
    lastTickNanos = nanoTime;
    int allowed = (int) credits;
    if (allowed == 0) {
      return;
    }
    admittedInTick = 0;
    droppedInTick = 0;
    long nowSecond = now.getEpochSecond();
    int admitted =
        queue.admit(allowed, nowSecond, settings.graceSeconds(), this::admitted, this::dropped);
    credits -= admitted;
    journal.leftQueue(eventId, admittedKeys, admittedInTick, 'A', nowSecond);
    journal.leftQueue(eventId, droppedKeys, droppedInTick, 'D', nowSecond);
  }

  /** At the opening time the pre-queue is drawn, with a seed stored first. */
  private void openIfDue(Instant now, long randomSeed, WaitingRoomStore store) {
    if (settings.enabled()
        && !queue.isOpen()
        && (settings.opensAt() == null || !now.isBefore(settings.opensAt()))) {
      store.saveSeed(eventId, randomSeed);
      seed = randomSeed;
      queue.open(randomSeed);
    }
  }

  private void admitted(long key) {
    if (admittedInTick == admittedKeys.length) {
      admittedKeys = Arrays.copyOf(admittedKeys, admittedKeys.length * 2);
    }
    admittedKeys[admittedInTick++] = key;
  }

  private void dropped(long key) {
    if (droppedInTick == droppedKeys.length) {
      droppedKeys = Arrays.copyOf(droppedKeys, droppedKeys.length * 2);
    }
    droppedKeys[droppedInTick++] = key;
  }

  // ---- restart ----

  private long[] preKeys = new long[0];
  private long[] preStamps = new long[0];
  private char[] preStatus = new char[0];
  private int preCount;
  private boolean preFlushed;
  private long restoredAt;

  /** Rebuilds the queue from its stored joins: begin, every row in join order, end. */
  /**
   * Starts a restore at {@code now}: last-seen times are not stored, so every queued visitor gets a
   * full grace period from the restart.
   */
  synchronized void beginRestore(Long storedSeed, long now) {
    this.seed = storedSeed;
    this.restoredAt = now;
  }

  synchronized void restoreRow(VisitorRow row) {
    nextJoinSeq = Math.max(nextJoinSeq, row.joinSeq() + 1);
    if (row.preQueued() && !preFlushed) {
      if (preCount == preKeys.length) {
        int capacity = Math.max(1024, preCount * 2);
        preKeys = Arrays.copyOf(preKeys, capacity);
        preStamps = Arrays.copyOf(preStamps, capacity);
        preStatus = Arrays.copyOf(preStatus, capacity);
      }
      preKeys[preCount] = row.key();
      preStamps[preCount] = row.status() == 'Q' ? restoredAt : row.stamp();
      preStatus[preCount] = row.status();
      preCount++;
      return;
    }
    flushPreQueue();
    queue.restore(
        row.key(),
        row.status() == 'Q' ? restoredAt : row.stamp(),
        row.status() != 'Q',
        row.status() == 'D',
        false);
  }

  synchronized void endRestore() {
    flushPreQueue();
    queue.restored(seed != null);
    preKeys = null;
    preStamps = null;
    preStatus = null;
  }

  private void flushPreQueue() {
    if (preFlushed) {
      return;
    }
    preFlushed = true;
    int[] order = seed == null ? identity(preCount) : WaitingQueue.shuffledOrder(preCount, seed);
    for (int slot = 0; slot < preCount; slot++) {
      int i = order[slot];
      queue.restore(preKeys[i], preStamps[i], preStatus[i] != 'Q', preStatus[i] == 'D', true);
    }
  }

  private static int[] identity(int n) {
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    return order;
  }
}
