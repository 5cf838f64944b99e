package fr.guichet.command.config;

import com.github.kagkarlsson.scheduler.task.ExecutionContext;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import java.time.Duration;
import org.axonframework.deadline.dbscheduler.DbSchedulerBinaryDeadlineDetails;
import org.axonframework.deadline.dbscheduler.DbSchedulerDeadlineManager;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The db-scheduler task that runs Axon's persistent deadlines, as Axon's autoconfiguration builds
 * it (it yields to a bean qualified {@code deadlineDetailsTask}), except for what happens when a
 * deadline fails: db-scheduler's default retries a failed one-time task after five minutes; this
 * one retries after {@code guichet.deadlines.retry-after} (1 s), doubling each time.
 *
 * <p>Why: with several command nodes, a deadline may run on a node whose cached Event is behind the
 * store. It then fails on purpose (the Event's deadlines check the stored version first, and an
 * append from a stale copy collides), the unit of work rolls back and the stale copy leaves the
 * cache; the retry decides on the Event as stored. Five minutes would leave holds held that long
 * past their time (ADR 0707, "Several command nodes"). A deadline that keeps failing backs off: 1
 * s, 2 s, 4 s…
 */
@Configuration(proxyBeanMethods = false)
public class DeadlineRetry {

  @Bean
  @Qualifier("deadlineDetailsTask")
  public Task<DbSchedulerBinaryDeadlineDetails> deadlineDetailsTask(
      ApplicationContext spring,
      @Value("${guichet.deadlines.retry-after:1s}") Duration retryAfter) {
    Task<DbSchedulerBinaryDeadlineDetails> axon =
        DbSchedulerDeadlineManager.binaryTask(
            () -> spring.getBean(DbSchedulerDeadlineManager.class));
    return new OneTimeTask<>(
        axon.getName(),
        DbSchedulerBinaryDeadlineDetails.class,
        new FailureHandler.ExponentialBackoffFailureHandler<>(retryAfter, 2.0)) {
      @Override
      public void executeOnce(
          TaskInstance<DbSchedulerBinaryDeadlineDetails> instance, ExecutionContext context) {
        axon.execute(instance, context);
      }
    };
  }
}
