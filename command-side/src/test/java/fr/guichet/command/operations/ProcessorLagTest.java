package fr.guichet.command.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

/**
 * At an onsale the ticket mails trail the sales by tens of thousands of events (bench/README.md,
 * session 7): that lag must not throttle the waiting room nor take the node out of service, while a
 * buyer-facing processor's lag still does.
 */
class ProcessorLagTest {

  private static final long HEAD = 50_000;

  private final Map<String, EventProcessor> processors = new LinkedHashMap<>();
  private final EventProcessingConfiguration processing = mock(EventProcessingConfiguration.class);
  private final EventStore eventStore = mock(EventStore.class);

  ProcessorLagTest() {
    when(processing.eventProcessors()).thenReturn(processors);
    when(eventStore.createHeadToken()).thenReturn(new GlobalSequenceTrackingToken(HEAD));
  }

  @Test
  void a_background_processor_far_behind_does_not_count_as_the_nodes_lag() {
    processors.put("order-lifecycle", processorAt(HEAD - 98, false));
    processors.put("buyer-mail", processorAt(HEAD - 47_475, false));

    ProcessorLag lag = new ProcessorLag(processing, eventStore, List.of("buyer-mail", "dashboard"));

    assertThat(lag.largestLiveLag()).isEqualTo(98);
    assertThat(lag.all().get("buyer-mail"))
        .isEqualTo(new ProcessorLag.Status(true, false, 1, 47_475, true));
    assertThat(lag.all().get("order-lifecycle"))
        .isEqualTo(new ProcessorLag.Status(true, false, 1, 98, false));
    assertThat(lag.lagOf("buyer-mail")).isEqualTo(47_475);
  }

  @Test
  void with_no_background_processor_configured_every_lag_counts() {
    processors.put("order-lifecycle", processorAt(HEAD - 98, false));
    processors.put("buyer-mail", processorAt(HEAD - 47_475, false));

    ProcessorLag lag = new ProcessorLag(processing, eventStore, List.of());

    assertThat(lag.largestLiveLag()).isEqualTo(47_475);
  }

  @Test
  void readiness_ignores_background_work_but_not_a_buyer_facing_processor() {
    processors.put("seat-map", processorAt(HEAD - 10, false));
    processors.put("buyer-mail", processorAt(HEAD - 47_475, true));
    ProcessorLag lag =
        new ProcessorLag(processing, eventStore, List.of(" buyer-mail", "dashboard"));

    Health ready = new EventProcessorsHealth(lag, 10_000).health();
    assertThat(ready.getStatus()).isEqualTo(Status.UP);
    assertThat(ready.getDetails().get("buyer-mail"))
        .isEqualTo(
            Map.of(
                "running", true, "error", true, "segments", 1, "lag", 47_475L, "background", true));

    processors.put("order-lifecycle", processorAt(HEAD - 10_001, false));
    assertThat(new EventProcessorsHealth(lag, 10_000).health().getStatus())
        .isEqualTo(Status.OUT_OF_SERVICE);
  }

  private static StreamingEventProcessor processorAt(long position, boolean inError) {
    StreamingEventProcessor processor = mock(StreamingEventProcessor.class);
    EventTrackerStatus segment = mock(EventTrackerStatus.class);
    when(segment.getCurrentPosition()).thenReturn(OptionalLong.of(position));
    when(segment.isErrorState()).thenReturn(inError);
    when(processor.isRunning()).thenReturn(true);
    when(processor.isReplaying()).thenReturn(false);
    when(processor.processingStatus()).thenReturn(Map.of(0, segment));
    return processor;
  }
}
