package fr.guichet.query.rebuild;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.axonframework.eventhandling.EventMessageHandler;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.RollbackConfigurationType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One view rebuilt from the first event into the next generation of its collections, while the live
 * generation keeps serving and its processor keeps running.
 *
 * <p>A {@link HistoryReader} reads the event history from the start (once for every view rebuilt
 * together) and hands each batch to this rebuild, which applies its events to a replica of the
 * view's projection (writing only the new generation, without side effects), in the order of the
 * history and in batches (one unit of work per batch, like the live processor). It never applies an
 * event before the live processor has applied it: so at any moment the rebuilt generation has
 * applied a subset of what the live one has, which makes a comparison meaningful while both move,
 * and lets a switch hand the live processor's token over unchanged. Once it has read up to the
 * newest event stored and applied it (even if sales append more meanwhile) it has caught up, and
 * goes on following the live processor until it is switched over or discarded.
 *
 * <p>To switch, the live processor is paused and its token given to {@link #finishAt}: the rebuild
 * then applies exactly the events that token covers and stops, so that the live processor,
 * restarted on the new generation with its token unchanged, neither misses nor repeats an event.
 */
final class ShadowRebuild {

  private static final Logger log = LoggerFactory.getLogger(ShadowRebuild.class);
  private static final long LIVE_WAIT_MILLIS = 20;

  enum State {
    REPLAYING,
    CAUGHT_UP,
    SWITCHING,
    SWITCHED,
    DISCARDED,
    FAILED;

    boolean ended() {
      return this == SWITCHED || this == DISCARDED || this == FAILED;
    }
  }

  private final String view;
  private final int generation;
  private final EventMessageHandler replica;
  private final Supplier<TrackingToken> liveToken;
  private final Consumer<ShadowRebuild> onCaughtUp;
  private final Instant startedAt = Instant.now();
  private final AtomicLong replayed = new AtomicLong();
  private final AtomicLong applied = new AtomicLong();
  private final CompletableFuture<Void> finished = new CompletableFuture<>();
  private final CompletableFuture<Void> stopped = new CompletableFuture<>();

  private volatile State state = State.REPLAYING;
  private volatile TrackingToken position;
  private volatile TrackingToken target;
  private volatile boolean waitingForLive;
  private volatile boolean stopRequested;
  private volatile Instant caughtUpAt;
  private volatile Instant endedAt;
  private volatile String error;
  private volatile ViewComparison caughtUpReport;

  /**
   * @param replica the view's replica projection, adapted to receive event messages
   * @param liveToken the live processor's current token (null while it has none, or is not running
   *     here)
   * @param onCaughtUp called once, on the reader's threads, when it has caught up
   */
  ShadowRebuild(
      String view,
      int generation,
      EventMessageHandler replica,
      Supplier<TrackingToken> liveToken,
      Consumer<ShadowRebuild> onCaughtUp) {
    this.view = view;
    this.generation = generation;
    this.replica = replica;
    this.liveToken = liveToken;
    this.onCaughtUp = onCaughtUp;
  }

  /**
   * Whether this rebuild no longer takes batches from the reader: stopped, or (switching) it has
   * applied every event the paused live processor's token covers. Called by the reader before each
   * batch; a rebuild that leaves is told so by {@link #left}.
   */
  boolean leaving() {
    if (stopRequested || state.ended()) {
      return true;
    }
    TrackingToken finalToken = target;
    if (finalToken != null && hasSeenAll(position, finalToken)) {
      finished.complete(null);
      return true;
    }
    return false;
  }

  /** The reader no longer feeds this rebuild (it left, or the reader ended). */
  void left() {
    stopped.complete(null);
  }

  /** No event came within the reader's poll: it is at the head of the history. */
  void idle() {
    if (state == State.REPLAYING && target == null) {
      caughtUp();
    }
  }

  /**
   * Applies {@code batch} (read in the order of the history, right after the previous one) once the
   * live processor has; {@code reachedTheHead} when the reader found no more event after it.
   */
  void accept(List<TrackedEventMessage<?>> batch, boolean reachedTheHead)
      throws InterruptedException {
    if (state.ended()) {
      return;
    }
    try {
      TrackingToken limit = awaitLive(batch);
      if (stopRequested) {
        return;
      }
      apply(batch, limit);
    } catch (RuntimeException e) {
      fail(e);
      return;
    }
    if (state == State.REPLAYING && target == null && reachedTheHead) {
      caughtUp();
    }
  }

  /** The rebuild cannot go on: applying an event, or reading the history, failed. */
  void fail(RuntimeException e) {
    log.error("Rebuild of view {} into generation {} failed", view, generation, e);
    error = e.getClass().getSimpleName() + ": " + e.getMessage();
    state = State.FAILED;
    endedAt = Instant.now();
    finished.completeExceptionally(e);
  }

  /**
   * Waits until the live processor has applied every event of {@code batch} and returns null; or,
   * when a switch has given the final token meanwhile, returns that token.
   */
  private TrackingToken awaitLive(List<TrackedEventMessage<?>> batch) throws InterruptedException {
    while (!stopRequested) {
      TrackingToken finalToken = target;
      if (finalToken != null) {
        waitingForLive = false;
        return finalToken;
      }
      TrackingToken live = liveToken.get();
      if (live != null && batch.stream().allMatch(m -> applied(live, m.trackingToken()))) {
        waitingForLive = false;
        return null;
      }
      waitingForLive = true;
      Thread.sleep(LIVE_WAIT_MILLIS);
    }
    return null;
  }

  /**
   * Applies the events of {@code batch} the replica handles (only those {@code limit} covers, when
   * given) in one unit of work.
   */
  private void apply(List<TrackedEventMessage<?>> batch, TrackingToken limit) {
    List<TrackedEventMessage<?>> toApply = new ArrayList<>();
    long read = 0;
    for (TrackedEventMessage<?> message : batch) {
      if (limit != null && !applied(limit, message.trackingToken())) {
        continue;
      }
      read++;
      if (replica.canHandle(message)) {
        toApply.add(message);
      }
    }
    if (!toApply.isEmpty()) {
      BatchingUnitOfWork<TrackedEventMessage<?>> unitOfWork = new BatchingUnitOfWork<>(toApply);
      ResultMessage<Object> result =
          unitOfWork.executeWithResult(
              () -> replica.handle(unitOfWork.getMessage()),
              RollbackConfigurationType.ANY_THROWABLE);
      if (result.isExceptional()) {
        Throwable cause = result.exceptionResult();
        throw cause instanceof RuntimeException runtime
            ? runtime
            : new IllegalStateException(cause.getMessage(), cause);
      }
    }
    replayed.addAndGet(read);
    applied.addAndGet(toApply.size());
    position = batch.get(batch.size() - 1).trackingToken();
  }

  private void caughtUp() {
    state = State.CAUGHT_UP;
    caughtUpAt = Instant.now();
    log.info(
        "Rebuild of view {} caught up: {} events replayed into generation {}",
        view,
        replayed.get(),
        generation);
    onCaughtUp.accept(this);
  }

  /**
   * Whether the live processor whose token is {@code live} has applied the event at {@code event}:
   * at or before its position and not one of the gaps it still waits for.
   */
  static boolean applied(TrackingToken live, TrackingToken event) {
    TrackingToken token = WrappedToken.unwrapLowerBound(live);
    if (token == null) {
      return false;
    }
    if (token instanceof GapAwareTrackingToken gapAware
        && event instanceof GapAwareTrackingToken eventToken) {
      return eventToken.getIndex() <= gapAware.getIndex()
          && !gapAware.getGaps().contains(eventToken.getIndex());
    }
    return token.covers(event);
  }

  /**
   * Whether a reader that has read the history up to {@code seen} has seen every event the token
   * {@code target} covers.
   */
  static boolean hasSeenAll(TrackingToken seen, TrackingToken target) {
    TrackingToken goal = WrappedToken.unwrapLowerBound(target);
    if (goal == null) {
      return true;
    }
    if (seen == null) {
      return false;
    }
    if (seen instanceof GapAwareTrackingToken reader
        && goal instanceof GapAwareTrackingToken gapAware) {
      return reader.getIndex() >= gapAware.getIndex()
          && reader.getGaps().headSet(gapAware.getIndex() + 1).stream()
              .allMatch(gapAware.getGaps()::contains);
    }
    return seen.covers(goal);
  }

  /**
   * Applies exactly the events {@code liveToken} (the paused live processor's) covers and stops
   * reading; fails (and goes on following the live processor) if that takes longer than {@code
   * timeout}. {@code meanwhile} runs every couple of seconds while it waits (to keep the paused
   * processor's token claimed).
   */
  void finishAt(TrackingToken liveToken, Duration timeout, Runnable meanwhile)
      throws TimeoutException {
    state = State.SWITCHING;
    target = liveToken;
    long deadline = System.nanoTime() + timeout.toNanos();
    try {
      while (true) {
        try {
          finished.get(2, TimeUnit.SECONDS);
          return;
        } catch (TimeoutException e) {
          if (System.nanoTime() > deadline) {
            throw e;
          }
          meanwhile.run();
        }
      }
    } catch (TimeoutException e) {
      target = null;
      state = State.CAUGHT_UP;
      throw e;
    } catch (ExecutionException e) {
      throw new IllegalStateException("Rebuild of view " + view + " failed", e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      target = null;
      state = State.CAUGHT_UP;
      throw new IllegalStateException("Interrupted while finishing the rebuild of " + view, e);
    }
  }

  void switched() {
    state = State.SWITCHED;
    endedAt = Instant.now();
  }

  /**
   * Stops taking batches (the reader lets it go before its next one) and waits up to {@code
   * timeout}.
   */
  void stop(State finalState, Duration timeout) {
    stopRequested = true;
    try {
      stopped.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException | ExecutionException e) {
      log.warn("Rebuild of view {} did not stop within {}", view, timeout);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (!state.ended()) {
      state = finalState;
      endedAt = Instant.now();
    }
  }

  void report(ViewComparison report) {
    caughtUpReport = report;
  }

  String view() {
    return view;
  }

  int generation() {
    return generation;
  }

  State state() {
    return state;
  }

  /** Whether it still reads the history (and its generation may still be switched to). */
  boolean running() {
    return !state.ended();
  }

  Long position() {
    TrackingToken token = position;
    if (token == null) {
      return null;
    }
    OptionalLong index = token.position();
    return index.isPresent() ? index.getAsLong() : null;
  }

  RebuildProgress progress(int liveGeneration, Long livePosition, Long headPosition) {
    ViewComparison report = caughtUpReport;
    return new RebuildProgress(
        view,
        state.name(),
        generation,
        liveGeneration,
        replayed.get(),
        applied.get(),
        position(),
        livePosition,
        headPosition,
        waitingForLive && state == State.REPLAYING,
        report == null ? null : report.differences(),
        startedAt,
        caughtUpAt,
        endedAt,
        error);
  }
}
