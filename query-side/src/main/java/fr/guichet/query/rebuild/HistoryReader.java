package fr.guichet.query.rebuild;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.messaging.StreamableMessageSource;

/**
 * Reads the event history once, from its first event, on its own thread, and hands each batch to
 * every {@link ShadowRebuild} started with it, so that views rebuilt together cost one reading of
 * the history, not one each. The rebuilds apply a batch side by side (one worker each: applying is
 * mostly waiting for MongoDB's answers) and the next batch is read once all of them are done with
 * this one. A rebuild leaves when it is switched over, discarded or fails; the others go on; the
 * reader stops when none is left.
 *
 * <p>Each rebuild still applies an event only once its own live processor has: a rebuild waiting
 * for its live processor holds the others back meanwhile (live processors follow the head closely,
 * so this is short).
 */
final class HistoryReader implements Runnable {

  /** Events read per batch (the live processors' batch size). */
  static final int BATCH_SIZE = 100;

  private static final long POLL_MILLIS = 200;

  private final StreamableMessageSource<TrackedEventMessage<?>> history;
  private final List<ShadowRebuild> rebuilds;
  private final String name;

  HistoryReader(
      StreamableMessageSource<TrackedEventMessage<?>> history,
      List<ShadowRebuild> rebuilds,
      String name) {
    this.history = history;
    this.rebuilds = new CopyOnWriteArrayList<>(rebuilds);
    this.name = name;
  }

  @Override
  public void run() {
    AtomicInteger workers = new AtomicInteger();
    ExecutorService appliers =
        Executors.newFixedThreadPool(
            rebuilds.size(),
            runnable -> {
              Thread thread = new Thread(runnable, name + "-" + workers.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
    try (BlockingStream<TrackedEventMessage<?>> stream = history.openStream(null)) {
      while (true) {
        for (ShadowRebuild rebuild : rebuilds) {
          if (rebuild.leaving()) {
            rebuilds.remove(rebuild);
            rebuild.left();
          }
        }
        if (rebuilds.isEmpty()) {
          return;
        }
        if (!stream.hasNextAvailable((int) POLL_MILLIS, TimeUnit.MILLISECONDS)) {
          rebuilds.forEach(ShadowRebuild::idle);
          continue;
        }
        List<TrackedEventMessage<?>> batch = new ArrayList<>();
        while (batch.size() < BATCH_SIZE && stream.hasNextAvailable()) {
          batch.add(stream.nextAvailable());
        }
        boolean reachedTheHead = batch.size() < BATCH_SIZE;
        List<Callable<Void>> applying = new ArrayList<>();
        for (ShadowRebuild rebuild : rebuilds) {
          applying.add(
              () -> {
                rebuild.accept(batch, reachedTheHead);
                return null;
              });
        }
        for (Future<Void> applied : appliers.invokeAll(applying)) {
          applied.get();
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof InterruptedException)) {
        RuntimeException cause =
            e.getCause() instanceof RuntimeException runtime
                ? runtime
                : new IllegalStateException(e.getCause());
        rebuilds.forEach(rebuild -> rebuild.fail(cause));
      }
    } catch (RuntimeException e) {
      rebuilds.forEach(rebuild -> rebuild.fail(e));
    } finally {
      appliers.shutdownNow();
      rebuilds.forEach(ShadowRebuild::left);
    }
  }
}
