package fr.guichet.command.config;

import fr.guichet.api.rejection.CommandRejectedException;
import fr.guichet.api.rejection.Rejection;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandCallback;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.CommandResultMessage;
import org.axonframework.commandhandling.DuplicateCommandHandlerResolver;
import org.axonframework.commandhandling.GenericCommandResultMessage;
import org.axonframework.commandhandling.MonitorAwareCallback;
import org.axonframework.commandhandling.NoHandlerForCommandException;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.common.Registration;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.messaging.DefaultInterceptorChain;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.MessageHandler;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.RollbackConfiguration;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.CommandTargetResolver;
import org.axonframework.monitoring.MessageMonitor;
import org.axonframework.monitoring.NoOpMessageMonitor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;

/**
 * A local command bus that commits many commands addressed to the same aggregate in one unit of
 * work and one database transaction ("batch appends").
 *
 * <p>Commands the {@code batched} predicate selects (the frequent ones on a hot aggregate: holds,
 * releases, sales) wait in a bounded in-memory queue per target aggregate, holding neither a thread
 * nor a database connection. A worker takes up to {@code maxBatch} of them, without waiting for
 * more (one command alone runs at once, exactly as on a {@link SimpleCommandBus}), opens one root
 * unit of work with the transaction, and runs each command in a nested unit of work through its
 * ordinary handler and the bus's handler interceptors. That is Axon's own nesting: a nested unit of
 * work carries its own message and correlation data, so each command's events carry that command's
 * metadata; its events move to the root's queue when it commits; the repositories keep the
 * aggregates they load in the root, so the aggregate is loaded and locked once per batch, and every
 * event of the batch is appended at the root's commit.
 *
 * <p>Failure handling, so that nothing is ever half-applied:
 *
 * <ul>
 *   <li>Results go out only after the root committed (a nested commit is not durable). A rejection
 *       that did not roll its nested unit back (see {@link RejectionKeepsUnitOfWork}) is delivered
 *       as that command's answer; the others get their results.
 *   <li>When a nested unit of work rolls back (it may have applied events to the shared aggregate,
 *       or written to the transaction, e.g. a deadline), or the root fails to commit, the whole
 *       root rolls back (the caching repository then evicts the aggregate), and every command of
 *       the batch runs again alone, in its own unit of work and transaction, whose result it gets.
 * </ul>
 *
 * <p>Beyond {@code maxQueued} commands waiting for one aggregate, a command is refused at once with
 * a {@link Rejection.Kind#UNAVAILABLE} rejection {@value #OVERLOADED} (HTTP 503 with Retry-After):
 * nothing was changed and the client may try again. On shutdown the queues are drained within a
 * bound; whatever is still queued then gets a {@value #SHUTTING_DOWN} rejection.
 *
 * <p>Every other command goes to an ordinary {@link SimpleCommandBus}, unchanged; so does a batched
 * command sent from inside a unit of work (it runs nested in it, as it always did).
 */
public final class BatchingCommandBus implements CommandBus, DisposableBean {

  /** The code of the rejection of a command that found its aggregate's queue full. */
  public static final String OVERLOADED = "overloaded";

  /** The code of the rejection of a command still queued when the bus shut down. */
  public static final String SHUTTING_DOWN = "shutting-down";

  private static final Logger log = LoggerFactory.getLogger(BatchingCommandBus.class);

  private final SimpleCommandBus ordinary;
  private final TransactionManager transactionManager;
  private final RollbackConfiguration rollbackConfiguration;
  private final MessageMonitor<? super CommandMessage<?>> monitor;
  private final DuplicateCommandHandlerResolver duplicates;
  private final Predicate<CommandMessage<?>> batched;
  private final CommandTargetResolver targets = new CachedCommandTargetResolver();
  private final int maxBatch;
  private final int maxQueued;
  private final long shutdownMillis;

  private final Map<String, MessageHandler<? super CommandMessage<?>>> handlers =
      new ConcurrentHashMap<>();
  private final List<MessageHandlerInterceptor<? super CommandMessage<?>>> handlerInterceptors =
      new CopyOnWriteArrayList<>();
  private final List<MessageDispatchInterceptor<? super CommandMessage<?>>> dispatchInterceptors =
      new CopyOnWriteArrayList<>();
  private final ConcurrentHashMap<String, Lane> lanes = new ConcurrentHashMap<>();
  private final AtomicInteger queued = new AtomicInteger();
  private final ExecutorService workers;
  private volatile boolean closed;

  private final Counter refused;
  private final Counter batches;
  private final Counter batchedCommands;
  private final Counter fallbacks;

  private BatchingCommandBus(Builder b) {
    this.transactionManager = Objects.requireNonNull(b.transactionManager, "transactionManager");
    this.rollbackConfiguration = Objects.requireNonNull(b.rollbackConfiguration, "rollback");
    this.monitor = b.monitor;
    this.duplicates = b.duplicates;
    this.batched = Objects.requireNonNull(b.batched, "batched");
    if (b.maxBatch < 1 || b.maxQueued < 1 || b.workers < 1) {
      throw new IllegalArgumentException("max-batch, max-queued and workers must be >= 1");
    }
    this.maxBatch = b.maxBatch;
    this.maxQueued = b.maxQueued;
    this.shutdownMillis = b.shutdownMillis;
    this.ordinary =
        SimpleCommandBus.builder()
            .transactionManager(transactionManager)
            .duplicateCommandHandlerResolver(duplicates)
            .rollbackConfiguration(rollbackConfiguration)
            .messageMonitor(monitor)
            .build();
    AtomicInteger threads = new AtomicInteger();
    this.workers =
        Executors.newFixedThreadPool(
            b.workers,
            runnable -> {
              Thread thread = new Thread(runnable, "command-batch-" + threads.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
    MeterRegistry meters = b.meters;
    this.refused =
        Counter.builder("guichet.command.batching.refused")
            .description("Commands refused because their aggregate's queue was full")
            .register(meters);
    this.batches =
        Counter.builder("guichet.command.batching.batches")
            .description("Units of work that committed two or more commands together")
            .register(meters);
    this.batchedCommands =
        Counter.builder("guichet.command.batching.commands")
            .description("Commands committed in a batch of two or more")
            .register(meters);
    this.fallbacks =
        Counter.builder("guichet.command.batching.fallbacks")
            .description("Batches rolled back and run again one command at a time")
            .register(meters);
    Gauge.builder("guichet.command.batching.queued", queued, AtomicInteger::get)
        .description("Commands waiting in the per-aggregate queues")
        .register(meters);
  }

  /** Selects the commands whose payload is one of {@code types}. */
  public static Predicate<CommandMessage<?>> payloadIn(java.util.Set<Class<?>> types) {
    return command -> types.contains(command.getPayloadType());
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  public <C> void dispatch(CommandMessage<C> command) {
    dispatch(command, (message, result) -> {});
  }

  @Override
  public <C, R> void dispatch(
      CommandMessage<C> command, CommandCallback<? super C, ? super R> callback) {
    CommandMessage<C> intercepted = intercept(command);
    // A command sent from inside a unit of work (an event handler, a process) runs nested in it, on
    // the caller's thread, as on the simple bus: atomic with the caller's work, and never queued
    // behind a batch that may be the caller itself (a subscribing processor runs in the batch's
    // commit and holds the Event's lock).
    if (closed || CurrentUnitOfWork.isStarted() || !batched.test(intercepted)) {
      ordinary.dispatch(intercepted, callback);
      return;
    }
    String target;
    try {
      target = targets.resolveTarget(intercepted).getIdentifier();
    } catch (RuntimeException noTarget) {
      ordinary.dispatch(intercepted, callback);
      return;
    }
    @SuppressWarnings({"unchecked", "rawtypes"})
    CommandCallback<Object, Object> monitored =
        new MonitorAwareCallback(callback, monitor.onMessageIngested(intercepted));
    MessageHandler<? super CommandMessage<?>> handler = handlers.get(intercepted.getCommandName());
    if (handler == null) {
      monitored.onResult(
          (CommandMessage<Object>) (CommandMessage<?>) intercepted,
          GenericCommandResultMessage.asCommandResultMessage(
              new NoHandlerForCommandException(intercepted)));
      return;
    }
    Pending pending = new Pending(intercepted, handler, monitored);
    if (!enqueue(target, pending)) {
      refused.increment();
      pending.deliver(
          GenericCommandResultMessage.asCommandResultMessage(
              new CommandRejectedException(
                  Rejection.unavailable(
                      OVERLOADED,
                      "Too many requests for this event at this moment; nothing was changed."
                          + " Please try again in a second."))));
    }
  }

  @SuppressWarnings("unchecked")
  private <C> CommandMessage<C> intercept(CommandMessage<C> command) {
    CommandMessage<C> result = command;
    for (MessageDispatchInterceptor<? super CommandMessage<?>> interceptor : dispatchInterceptors) {
      result = (CommandMessage<C>) interceptor.handle(result);
    }
    return result;
  }

  /** Queues {@code pending} behind its aggregate's lane; false when that lane is full. */
  private boolean enqueue(String target, Pending pending) {
    boolean[] accepted = {false};
    boolean[] start = {false};
    lanes.compute(
        target,
        (id, lane) -> {
          Lane l = lane == null ? new Lane() : lane;
          if (l.queue.size() >= maxQueued) {
            return l;
          }
          l.queue.add(pending);
          accepted[0] = true;
          if (!l.scheduled) {
            l.scheduled = true;
            start[0] = true;
          }
          return l;
        });
    if (accepted[0]) {
      queued.incrementAndGet();
    }
    if (start[0]) {
      schedule(target);
    }
    return accepted[0];
  }

  private void schedule(String target) {
    try {
      workers.execute(() -> drain(target));
    } catch (RejectedExecutionException shutDown) {
      // The bus is closing: serve the lane on this thread so that nothing is left waiting.
      List<Pending> batch;
      while (!(batch = take(target)).isEmpty()) {
        run(batch);
      }
    }
  }

  /** Runs one batch of {@code target}'s lane, then gives the lane back to the pool's queue. */
  private void drain(String target) {
    List<Pending> batch = take(target);
    if (batch.isEmpty()) {
      return;
    }
    run(batch);
    // Re-queued rather than looped, so that hot aggregates share the workers in turn.
    schedule(target);
  }

  /** Takes up to maxBatch commands; an empty result unschedules (and forgets) the lane. */
  private List<Pending> take(String target) {
    List<Pending> batch = new ArrayList<>();
    lanes.computeIfPresent(
        target,
        (id, lane) -> {
          while (batch.size() < maxBatch && !lane.queue.isEmpty()) {
            batch.add(lane.queue.poll());
          }
          if (batch.isEmpty()) {
            lane.scheduled = false;
            return null;
          }
          return lane;
        });
    queued.addAndGet(-batch.size());
    return batch;
  }

  private void run(List<Pending> batch) {
    try {
      if (batch.size() == 1 || !runTogether(batch)) {
        if (batch.size() > 1) {
          fallbacks.increment();
        }
        for (Pending pending : batch) {
          runAlone(pending);
        }
      }
    } catch (Throwable unexpected) {
      log.error("Command batch failed unexpectedly", unexpected);
      for (Pending pending : batch) {
        pending.deliver(GenericCommandResultMessage.asCommandResultMessage(unexpected));
      }
    }
  }

  /**
   * Runs the batch in one root unit of work and delivers the results, or rolls everything back and
   * returns false (nothing delivered) when a command's unit of work rolled back or the root failed.
   */
  private boolean runTogether(List<Pending> batch) {
    clearInterruption();
    List<ResultMessage<?>> results = new ArrayList<>(batch.size());
    DefaultUnitOfWork<CommandMessage<?>> root = DefaultUnitOfWork.startAndGet(batch.get(0).command);
    try {
      root.attachTransaction(transactionManager);
      for (Pending pending : batch) {
        DefaultUnitOfWork<CommandMessage<?>> nested =
            DefaultUnitOfWork.startAndGet(pending.command);
        ResultMessage<?> result =
            nested.executeWithResult(
                () ->
                    new DefaultInterceptorChain<>(nested, handlerInterceptors, pending.handler)
                        .proceed(),
                rollbackConfiguration);
        if (nested.isRolledBack()) {
          root.rollback(
              result.isExceptional()
                  ? result.exceptionResult()
                  : new IllegalStateException("A command of the batch rolled back"));
          return false;
        }
        results.add(result);
      }
      root.commit();
    } catch (Throwable failure) {
      rollBackUpTo(root, failure);
      log.debug("A batch of {} commands rolled back; running them one by one", batch.size());
      return false;
    }
    batches.increment();
    batchedCommands.increment(batch.size());
    for (int i = 0; i < batch.size(); i++) {
      batch.get(i).deliver(GenericCommandResultMessage.asCommandResultMessage(results.get(i)));
    }
    return true;
  }

  /** The ordinary path: one unit of work and one transaction, as on the SimpleCommandBus. */
  private void runAlone(Pending pending) {
    clearInterruption();
    DefaultUnitOfWork<CommandMessage<?>> unitOfWork =
        DefaultUnitOfWork.startAndGet(pending.command);
    ResultMessage<?> result;
    try {
      unitOfWork.attachTransaction(transactionManager);
      result =
          unitOfWork.executeWithResult(
              () ->
                  new DefaultInterceptorChain<>(unitOfWork, handlerInterceptors, pending.handler)
                      .proceed(),
              rollbackConfiguration);
    } catch (Throwable failure) {
      rollBackUpTo(unitOfWork, failure);
      result = GenericCommandResultMessage.asCommandResultMessage(failure);
    }
    pending.deliver(GenericCommandResultMessage.asCommandResultMessage(result));
  }

  /**
   * Rolls back every unit of work still started on this thread, innermost first, up to {@code
   * root}: a worker never carries a unit of work (or its transaction) from one batch to the next.
   */
  private static void rollBackUpTo(UnitOfWork<?> root, Throwable cause) {
    while (CurrentUnitOfWork.isStarted()) {
      UnitOfWork<?> current = CurrentUnitOfWork.get();
      if (current.isActive() && current.phase().isBefore(UnitOfWork.Phase.ROLLBACK)) {
        current.rollback(cause);
      } else {
        CurrentUnitOfWork.clear(current);
      }
      if (current == root) {
        return;
      }
    }
  }

  /** An interruption meant for an earlier command (a unit-of-work timeout) is not this one's. */
  private static void clearInterruption() {
    Thread.interrupted();
  }

  @Override
  public Registration subscribe(
      String commandName, MessageHandler<? super CommandMessage<?>> handler) {
    Registration inOrdinary = ordinary.subscribe(commandName, handler);
    handlers.compute(
        commandName,
        (name, existing) ->
            existing == null || existing == handler
                ? handler
                : duplicates.resolve(name, existing, handler));
    return () -> {
      boolean removed = handlers.remove(commandName, handler);
      return inOrdinary.cancel() || removed;
    };
  }

  @Override
  public Registration registerHandlerInterceptor(
      MessageHandlerInterceptor<? super CommandMessage<?>> handlerInterceptor) {
    Registration inOrdinary = ordinary.registerHandlerInterceptor(handlerInterceptor);
    handlerInterceptors.add(handlerInterceptor);
    return () -> {
      boolean removed = handlerInterceptors.remove(handlerInterceptor);
      return inOrdinary.cancel() || removed;
    };
  }

  @Override
  public Registration registerDispatchInterceptor(
      MessageDispatchInterceptor<? super CommandMessage<?>> dispatchInterceptor) {
    // Applied here once, before the command goes to a lane or to the ordinary bus.
    dispatchInterceptors.add(dispatchInterceptor);
    return () -> dispatchInterceptors.remove(dispatchInterceptor);
  }

  /** How many commands wait in the per-aggregate queues now. */
  public int queued() {
    return queued.get();
  }

  /**
   * Stops taking commands into the queues (later ones take the ordinary path), lets the workers
   * drain what is queued for up to the shutdown bound, then refuses whatever is left.
   */
  @Override
  public void destroy() {
    closed = true;
    workers.shutdown();
    try {
      if (!workers.awaitTermination(shutdownMillis, TimeUnit.MILLISECONDS)) {
        workers.shutdownNow();
      }
    } catch (InterruptedException interrupted) {
      workers.shutdownNow();
      Thread.currentThread().interrupt();
    }
    for (String target : List.copyOf(lanes.keySet())) {
      List<Pending> left;
      while (!(left = takeAll(target)).isEmpty()) {
        for (Pending pending : left) {
          pending.deliver(
              GenericCommandResultMessage.asCommandResultMessage(
                  new CommandRejectedException(
                      Rejection.unavailable(
                          SHUTTING_DOWN,
                          "This node is shutting down; nothing was changed. Please try again."))));
        }
      }
    }
  }

  private List<Pending> takeAll(String target) {
    List<Pending> all = new ArrayList<>();
    lanes.computeIfPresent(
        target,
        (id, lane) -> {
          all.addAll(lane.queue);
          lane.queue.clear();
          return null;
        });
    queued.addAndGet(-all.size());
    return all;
  }

  /** One aggregate's waiting commands; guarded by the lanes map's per-key lock. */
  private static final class Lane {
    private final ArrayDeque<Pending> queue = new ArrayDeque<>();
    private boolean scheduled;
  }

  /** A queued command, its handler and its (monitored) callback. */
  private static final class Pending {
    private final CommandMessage<?> command;
    private final MessageHandler<? super CommandMessage<?>> handler;
    private final CommandCallback<Object, Object> callback;
    private boolean delivered;

    @SuppressWarnings("unchecked")
    Pending(
        CommandMessage<?> command,
        MessageHandler<? super CommandMessage<?>> handler,
        CommandCallback<?, ?> callback) {
      this.command = command;
      this.handler = handler;
      this.callback = (CommandCallback<Object, Object>) callback;
    }

    @SuppressWarnings("unchecked")
    void deliver(CommandResultMessage<?> result) {
      if (delivered) {
        return;
      }
      delivered = true;
      try {
        callback.onResult((CommandMessage<Object>) command, (CommandResultMessage<Object>) result);
      } catch (RuntimeException e) {
        log.warn("A command callback failed", e);
      }
    }
  }

  /** Settings of a {@link BatchingCommandBus}. */
  public static final class Builder {
    private TransactionManager transactionManager;
    private RollbackConfiguration rollbackConfiguration;
    private MessageMonitor<? super CommandMessage<?>> monitor = NoOpMessageMonitor.instance();
    private DuplicateCommandHandlerResolver duplicates =
        org.axonframework.commandhandling.LoggingDuplicateCommandHandlerResolver.instance();
    private Predicate<CommandMessage<?>> batched = command -> false;
    private int maxBatch = 64;
    private int maxQueued = 2_000;
    private int workers = 4;
    private long shutdownMillis = 10_000;
    private MeterRegistry meters = new io.micrometer.core.instrument.simple.SimpleMeterRegistry();

    public Builder transactionManager(TransactionManager transactionManager) {
      this.transactionManager = transactionManager;
      return this;
    }

    public Builder rollbackConfiguration(RollbackConfiguration rollbackConfiguration) {
      this.rollbackConfiguration = rollbackConfiguration;
      return this;
    }

    public Builder messageMonitor(MessageMonitor<? super CommandMessage<?>> monitor) {
      this.monitor = monitor;
      return this;
    }

    public Builder duplicateCommandHandlerResolver(DuplicateCommandHandlerResolver duplicates) {
      this.duplicates = duplicates;
      return this;
    }

    /** Which commands wait in their target aggregate's queue; every other one runs at once. */
    public Builder batched(Predicate<CommandMessage<?>> batched) {
      this.batched = batched;
      return this;
    }

    /** Commands committed together at most. */
    public Builder maxBatch(int maxBatch) {
      this.maxBatch = maxBatch;
      return this;
    }

    /** Commands waiting for one aggregate at most; beyond it they are refused ("overloaded"). */
    public Builder maxQueued(int maxQueued) {
      this.maxQueued = maxQueued;
      return this;
    }

    /** Threads running batches (one aggregate is served by one thread at a time). */
    public Builder workers(int workers) {
      this.workers = workers;
      return this;
    }

    /** How long closing the bus waits for the queues to drain. */
    public Builder shutdownMillis(long shutdownMillis) {
      this.shutdownMillis = shutdownMillis;
      return this;
    }

    public Builder meterRegistry(MeterRegistry meters) {
      this.meters = meters;
      return this;
    }

    public BatchingCommandBus build() {
      return new BatchingCommandBus(this);
    }
  }
}
