package fr.guichet.command.waitingroom;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Writes the waiting rooms' changes to the database in batches, in the order they happened, on one
 * thread: the rooms' locks are never held during I/O, so positions stay fast while thousands join.
 * A join is acknowledged to the visitor only once its batch is committed.
 */
@Component
class WaitingRoomJournal implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(WaitingRoomJournal.class);
  private static final int BATCH = 2_000;

  private sealed interface Entry permits Joined, LeftQueue {}

  private record Joined(
      String eventId,
      long joinSeq,
      long key,
      boolean preQueued,
      long stamp,
      CompletableFuture<Void> written)
      implements Entry {}

  private record LeftQueue(String eventId, long[] keys, char status, long stamp) implements Entry {}

  private final WaitingRoomStore store;
  private final BlockingQueue<Entry> pending = new LinkedBlockingQueue<>();
  private volatile Thread writer;

  WaitingRoomJournal(WaitingRoomStore store) {
    this.store = store;
  }

  CompletableFuture<Void> joined(
      String eventId, long joinSeq, long key, boolean preQueued, long stamp) {
    CompletableFuture<Void> written = new CompletableFuture<>();
    pending.add(new Joined(eventId, joinSeq, key, preQueued, stamp, written));
    return written;
  }

  void leftQueue(String eventId, long[] keys, int count, char status, long stamp) {
    if (count > 0) {
      pending.add(new LeftQueue(eventId, Arrays.copyOf(keys, count), status, stamp));
    }
  }

  private void run() {
    List<Entry> batch = new ArrayList<>();
    while (writer == Thread.currentThread() || !pending.isEmpty()) {
      try {
        Entry first = pending.poll(100, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        batch.add(first);
        pending.drainTo(batch, BATCH - 1);
        write(batch);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } finally {
        batch.clear();
      }
    }
  }

  private void write(List<Entry> batch) {
    int i = 0;
    while (i < batch.size()) {
      if (batch.get(i) instanceof Joined) {
        List<Joined> joins = new ArrayList<>();
        while (i < batch.size() && batch.get(i) instanceof Joined joined) {
          joins.add(joined);
          i++;
        }
        try {
          store.insertVisitors(
              joins.stream()
                  .map(
                      j ->
                          new WaitingRoomStore.VisitorRow(
                              j.joinSeq(), j.key(), j.preQueued(), 'Q', j.stamp()))
                  .toList(),
              joins.stream().map(Joined::eventId).toList());
          joins.forEach(j -> j.written().complete(null));
        } catch (RuntimeException e) {
          log.error("Could not record {} joins", joins.size(), e);
          joins.forEach(j -> j.written().completeExceptionally(e));
        }
      } else {
        LeftQueue left = (LeftQueue) batch.get(i++);
        try {
          store.markLeftQueue(
              left.eventId(), left.keys(), left.keys().length, left.status(), left.stamp());
        } catch (RuntimeException e) {
          log.error("Could not record {} visitors leaving the queue", left.keys().length, e);
        }
      }
    }
  }

  @Override
  public void start() {
    Thread thread = new Thread(this::run, "waiting-room-journal");
    thread.setDaemon(true);
    writer = thread;
    thread.start();
  }

  @Override
  public void stop() {
    Thread thread = writer;
    writer = null;
    if (thread != null) {
      try {
        thread.join(10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public boolean isRunning() {
    return writer != null;
  }

  /** Stops after the rooms' ticker, so the last admissions are written. */
  @Override
  public int getPhase() {
    return SmartLifecycle.DEFAULT_PHASE - 1;
  }
}
