package fr.guichet.command.operations;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

/**
 * Reports every streaming event processor of this node: running or not, its segments, and how many
 * events it lags behind the head of the store. A processor in error, or further behind than {@code
 * guichet.health.max-processor-lag}, makes the node not ready.
 */
@Component("eventProcessors")
class EventProcessorsHealth extends AbstractHealthIndicator {

  private final EventProcessingConfiguration processing;
  private final EventStore eventStore;
  private final long maxLag;

  EventProcessorsHealth(
      EventProcessingConfiguration processing,
      EventStore eventStore,
      @Value("${guichet.health.max-processor-lag:10000}") long maxLag) {
    this.processing = processing;
    this.eventStore = eventStore;
    this.maxLag = maxLag;
  }

  @Override
  protected void doHealthCheck(Health.Builder builder) {
    TrackingToken head = eventStore.createHeadToken();
    long headPosition = head == null ? 0 : head.position().orElse(0);
    boolean healthy = true;
    Map<String, Object> details = new LinkedHashMap<>();
    for (var entry : processing.eventProcessors().entrySet()) {
      if (!(entry.getValue() instanceof StreamingEventProcessor processor)) {
        continue;
      }
      long lag = 0;
      boolean inError = false;
      for (EventTrackerStatus status : processor.processingStatus().values()) {
        inError |= status.isErrorState();
        OptionalLong position = status.getCurrentPosition();
        lag = Math.max(lag, headPosition - position.orElse(0));
      }
      boolean ok = processor.isRunning() && !inError && lag <= maxLag;
      healthy &= ok;
      details.put(
          entry.getKey(),
          Map.of(
              "running",
              processor.isRunning(),
              "error",
              inError,
              "segments",
              processor.processingStatus().size(),
              "lag",
              lag));
    }
    builder.status(healthy ? "UP" : "OUT_OF_SERVICE").withDetails(details);
  }
}
