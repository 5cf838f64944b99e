package fr.guichet.command.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

class LogCorrelationTest {

  @AfterEach
  void clear() {
    MDC.clear();
  }

  @Test
  void a_handler_logs_with_the_request_trace_and_correlation_ids_of_its_message() throws Exception {
    MDC.put("requestId", "outer-request");
    var message =
        GenericEventMessage.asEventMessage("PlacesHeld")
            .andMetaData(
                MetaData.from(
                    Map.of("requestId", "req-42", "traceId", "trace-1", "correlationId", "cmd-7")));
    Map<String, String> seen = new HashMap<>();

    Object result =
        new LogCorrelation()
            .handle(
                DefaultUnitOfWork.startAndGet(message),
                () -> {
                  seen.putAll(MDC.getCopyOfContextMap());
                  return "handled";
                });

    assertThat(result).isEqualTo("handled");
    assertThat(seen)
        .containsEntry("requestId", "req-42")
        .containsEntry("traceId", "trace-1")
        .containsEntry("correlationId", "cmd-7");
    assertThat(MDC.get("requestId")).isEqualTo("outer-request");
    assertThat(MDC.get("traceId")).isNull();
  }

  @Test
  void ids_a_message_lacks_are_not_borrowed_from_the_previous_one_on_the_thread() throws Exception {
    MDC.put("traceId", "stale");
    Map<String, String> seen = new HashMap<>();
    new LogCorrelation()
        .handle(
            DefaultUnitOfWork.startAndGet(GenericEventMessage.asEventMessage("Other")),
            () -> {
              seen.put("traceId", MDC.get("traceId"));
              return null;
            });
    assertThat(seen.get("traceId")).isNull();
    assertThat(MDC.get("traceId")).isEqualTo("stale");
  }
}
