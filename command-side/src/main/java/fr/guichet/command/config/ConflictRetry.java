package fr.guichet.command.config;

import fr.guichet.api.rejection.CommandRejectedException;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandCallback;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.CommandResultMessage;
import org.axonframework.commandhandling.callbacks.FailureLoggingCallback;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.commandhandling.gateway.RetryScheduler;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * When several command nodes share one event store, a node may decide on a cached aggregate that
 * another node has moved on since: its append then collides with the other node's event on the
 * (aggregate, sequence) key, nothing is stored, the unit of work rolls back and the stale aggregate
 * leaves the cache. The gateway then sends the command again ({@code
 * guichet.command-bus.conflict-retries} times, {@code …conflict-retry-interval-ms} apart), and the
 * retry decides on the aggregate as stored. Only such conflicts are retried: a business refusal is
 * an answer, not a failure.
 */
@Configuration(proxyBeanMethods = false)
public class ConflictRetry {

  @Bean
  public CommandGateway commandGateway(
      CommandBus commandBus,
      @Value("${guichet.command-bus.conflict-retries:8}") int retries,
      @Value("${guichet.command-bus.conflict-retry-interval-ms:10}") int intervalMillis) {
    ScheduledExecutorService retryThreads =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "command-conflict-retry");
              thread.setDaemon(true);
              return thread;
            });
    return DefaultCommandGateway.builder()
        .commandBus(commandBus)
        .retryScheduler(new ConflictRetryScheduler(retryThreads, retries, intervalMillis))
        .commandCallback(new RejectionsAreAnswers())
        .build();
  }

  /**
   * Axon's gateway logs a WARN line for every command that ends exceptionally; a {@link
   * CommandRejectedException} (a place already taken, a limit reached) is the command's answer,
   * turned into problem+json for the caller, and under an onsale there are thousands a second.
   * Those are not logged; every other failure is, exactly as Axon's default callback logs it.
   */
  static final class RejectionsAreAnswers implements CommandCallback<Object, Object> {

    private final CommandCallback<Object, Object> failures =
        new FailureLoggingCallback<>(LoggerFactory.getLogger(DefaultCommandGateway.class));

    @Override
    public void onResult(CommandMessage<?> command, CommandResultMessage<?> result) {
      if (result.isExceptional() && isRejection(result.exceptionResult())) {
        return;
      }
      failures.onResult(command, result);
    }

    static boolean isRejection(Throwable failure) {
      for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
        if (t instanceof CommandRejectedException) {
          return true;
        }
      }
      return false;
    }
  }

  /** Whether {@code failure} is, or was caused by, a concurrent append to the same aggregate. */
  public static boolean isConflict(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof ConcurrencyException) {
        return true;
      }
    }
    return false;
  }

  /**
   * Retries conflicts only (Axon's own schedulers test every cause of a failure against their
   * non-transient predicate, and a conflict's cause, the SQL duplicate-key error, is not one),
   * after a randomised, doubling pause, so that two nodes colliding do not collide again in step.
   */
  static final class ConflictRetryScheduler implements RetryScheduler {

    private final ScheduledExecutorService executor;
    private final int maxRetries;
    private final int baseIntervalMillis;

    ConflictRetryScheduler(ScheduledExecutorService executor, int maxRetries, int baseMillis) {
      this.executor = executor;
      this.maxRetries = maxRetries;
      this.baseIntervalMillis = baseMillis;
    }

    @Override
    @SuppressWarnings("rawtypes")
    public boolean scheduleRetry(
        CommandMessage command,
        RuntimeException lastFailure,
        List<Class<? extends Throwable>[]> failures,
        Runnable dispatchTask) {
      int attempt = failures.size();
      if (!isConflict(lastFailure) || attempt > maxRetries) {
        return false;
      }
      long ceiling = (long) baseIntervalMillis << Math.min(attempt - 1, 10);
      long pause = ceiling / 2 + ThreadLocalRandom.current().nextLong(ceiling / 2 + 1);
      try {
        executor.schedule(dispatchTask, pause, TimeUnit.MILLISECONDS);
        return true;
      } catch (RejectedExecutionException shuttingDown) {
        return false;
      }
    }
  }
}
