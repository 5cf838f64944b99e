package fr.guichet.command.web;

import static org.assertj.core.api.Assertions.assertThat;

import fr.guichet.api.rejection.Rejection;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import reactor.netty.channel.AbortedException;

class ProblemResponsesTest {

  @Test
  void a_refusal_worth_retrying_is_a_503_that_says_when_to_try_again() {
    ResponseEntity<ProblemDetail> response =
        ProblemResponses.problem(
            Rejection.unavailable("pricing-unavailable", "Prices cannot be computed right now."));

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
    assertThat(response.getHeaders().getFirst("Retry-After")).isEqualTo("1");
    assertThat(response.getBody().getProperties()).containsEntry("code", "pricing-unavailable");
    assertThat(response.getBody().getDetail()).isEqualTo("Prices cannot be computed right now.");
  }

  @Test
  void each_kind_of_refusal_has_its_status_and_only_the_retryable_one_a_retry_after() {
    assertThat(statusOf(Rejection.conflict("places-not-free", "Taken.", List.of("A-1"))))
        .isEqualTo(409);
    assertThat(statusOf(Rejection.rule("order-limit", "Too many."))).isEqualTo(422);
    assertThat(statusOf(Rejection.invalid("quantity", "At least one."))).isEqualTo(400);
    assertThat(statusOf(Rejection.notFound("unknown-order", "No such order."))).isEqualTo(404);
    assertThat(statusOf(Rejection.forbidden("blocked", "Blocked."))).isEqualTo(403);
    assertThat(
            ProblemResponses.problem(Rejection.rule("order-limit", "Too many."))
                .getHeaders()
                .containsHeader("Retry-After"))
        .isFalse();
  }

  @Test
  void a_command_stopped_by_the_unit_of_work_timeout_is_an_overload_to_retry_not_a_500() {
    ProblemResponses responses = new ProblemResponses(new SimpleMeterRegistry());
    Exception stopped =
        new CompletionException(
            new InterruptedException("UnitOfWork of SimpleCommandBus was interrupted."));

    ResponseEntity<ProblemDetail> response = responses.unexpected(stopped);

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
    assertThat(response.getHeaders().getFirst("Retry-After")).isEqualTo("5");
    assertThat(response.getBody().getProperties()).containsEntry("code", "timed-out");
    assertThat(responses.unexpected(new IllegalStateException("bug")).getStatusCode())
        .isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
  }

  @Test
  void a_client_that_hung_up_is_no_failure_of_ours() {
    ProblemResponses responses = new ProblemResponses(new SimpleMeterRegistry());

    assertThat(
            responses
                .unexpected(
                    new CompletionException(
                        new AbortedException("Connection has been closed BEFORE send operation")))
                .getStatusCode()
                .value())
        .isEqualTo(499);
    assertThat(
            responses
                .unexpected(new RuntimeException(new IOException("Connection reset by peer")))
                .getStatusCode()
                .value())
        .isEqualTo(499);
    assertThat(
            responses
                .unexpected(new RuntimeException(new IOException("disk full")))
                .getStatusCode())
        .isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
  }

  private static int statusOf(Rejection rejection) {
    return ProblemResponses.problem(rejection).getStatusCode().value();
  }
}
