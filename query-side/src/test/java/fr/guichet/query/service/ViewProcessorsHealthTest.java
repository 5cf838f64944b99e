package fr.guichet.query.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
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
import org.springframework.boot.health.contributor.Status;

/** A view node stays in service while only background views (the dashboard) trail the store. */
class ViewProcessorsHealthTest {

  private static final long HEAD = 50_000;

  private final Map<String, EventProcessor> processors = new LinkedHashMap<>();
  private final EventProcessingConfiguration processing = mock(EventProcessingConfiguration.class);
  private final EventStore eventStore = mock(EventStore.class);

  ViewProcessorsHealthTest() {
    when(processing.eventProcessors()).thenReturn(processors);
    when(eventStore.createHeadToken()).thenReturn(new GlobalSequenceTrackingToken(HEAD));
  }

  @Test
  void a_dashboard_far_behind_leaves_the_node_ready_a_seat_map_far_behind_does_not() {
    processors.put("seat-map", processorAt(HEAD - 5));
    processors.put("dashboard", processorAt(HEAD - 30_000));
    ViewProcessorsHealth health =
        new ViewProcessorsHealth(
            processing,
            eventStore,
            new SimpleMeterRegistry(),
            10_000,
            List.of("buyer-mail", "dashboard"));

    assertThat(health.health().getStatus()).isEqualTo(Status.UP);
    assertThat(health.health().getDetails().get("dashboard"))
        .isEqualTo(Map.of("running", true, "error", false, "lag", 30_000L, "background", true));

    processors.put("seat-map", processorAt(HEAD - 10_001));
    assertThat(health.health().getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
  }

  private static StreamingEventProcessor processorAt(long position) {
    StreamingEventProcessor processor = mock(StreamingEventProcessor.class);
    EventTrackerStatus segment = mock(EventTrackerStatus.class);
    when(segment.getCurrentPosition()).thenReturn(OptionalLong.of(position));
    when(processor.isRunning()).thenReturn(true);
    when(processor.processingStatus()).thenReturn(Map.of(0, segment));
    return processor;
  }
}
