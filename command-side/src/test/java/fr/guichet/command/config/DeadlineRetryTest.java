package fr.guichet.command.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;

import com.github.kagkarlsson.scheduler.task.Execution;
import com.github.kagkarlsson.scheduler.task.ExecutionComplete;
import com.github.kagkarlsson.scheduler.task.ExecutionOperations;
import com.github.kagkarlsson.scheduler.task.Task;
import java.time.Duration;
import java.time.Instant;
import org.axonframework.deadline.dbscheduler.DbSchedulerBinaryDeadlineDetails;
import org.axonframework.deadline.dbscheduler.DbSchedulerDeadlineManager;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.Test;
import org.springframework.context.ApplicationContext;

/**
 * A deadline that failed, for instance because it ran on a node whose cached Event was behind the
 * store, runs again a second later instead of db-scheduler's default five minutes, then backs off.
 */
class DeadlineRetryTest {

  private static final Instant DONE = Instant.parse("2027-03-01T10:00:00Z");

  private final Task<DbSchedulerBinaryDeadlineDetails> task =
      new DeadlineRetry()
          .deadlineDetailsTask(mock(ApplicationContext.class), Duration.ofSeconds(1));

  @Test
  void it_replaces_axons_deadline_task_under_the_same_name() {
    Task<DbSchedulerBinaryDeadlineDetails> axon = DbSchedulerDeadlineManager.binaryTask(() -> null);
    assertThat(task.getName()).isEqualTo(axon.getName());
    assertThat(task.getDataClass()).isEqualTo(DbSchedulerBinaryDeadlineDetails.class);
  }

  @Test
  void a_first_failure_is_retried_a_second_later() {
    assertThat(retryAfterFailures(0)).isEqualTo(DONE.plusSeconds(1));
  }

  @Test
  void repeated_failures_back_off() {
    assertThat(retryAfterFailures(3)).isAfter(DONE.plusSeconds(1));
  }

  @SuppressWarnings("unchecked")
  private Instant retryAfterFailures(int consecutiveFailures) {
    Execution execution =
        new Execution(
            DONE.minusSeconds(2),
            task.instance("deadline-1"),
            true,
            "node-a",
            null,
            null,
            consecutiveFailures,
            DONE,
            1);
    ExecutionComplete failed =
        ExecutionComplete.failure(
            execution, DONE.minusMillis(5), DONE, new ConcurrencyException("stale copy"));
    ExecutionOperations<DbSchedulerBinaryDeadlineDetails> operations =
        mock(ExecutionOperations.class);
    task.getFailureHandler().onFailure(failed, operations);
    org.mockito.ArgumentCaptor<Instant> next = org.mockito.ArgumentCaptor.forClass(Instant.class);
    verify(operations).reschedule(org.mockito.ArgumentMatchers.eq(failed), next.capture());
    return next.getValue();
  }
}
