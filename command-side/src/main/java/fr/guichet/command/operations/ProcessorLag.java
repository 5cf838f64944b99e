package fr.guichet.command.operations;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

/**
 * How far each streaming event processor of this node is behind the head of the event store, in
 * events: what readiness and the {@code guichet.processor.lag} gauges report.
 */
@Component
public class ProcessorLag {

  private final EventProcessingConfiguration processing;
  private final EventStore eventStore;

  ProcessorLag(EventProcessingConfiguration processing, EventStore eventStore) {
    this.processing = processing;
    this.eventStore = eventStore;
  }

  /** One processor's state; {@code lag} is the largest of its segments'. */
  public record Status(boolean running, boolean inError, int segments, long lag) {}

  /** Every streaming processor of this node, by name. */
  public Map<String, Status> all() {
    long head = headPosition();
    Map<String, Status> statuses = new LinkedHashMap<>();
    for (var entry : processing.eventProcessors().entrySet()) {
      if (entry.getValue() instanceof StreamingEventProcessor processor) {
        statuses.put(entry.getKey(), statusOf(processor, head));
      }
    }
    return statuses;
  }

  /**
   * The largest lag of this node's streaming processors that are running, not replaying (a replay
   * is expected to be far behind) and not in error (a failing handler is not a matter of load): how
   * far the reactions to commands trail them.
   */
  public long largestLiveLag() {
    long head = headPosition();
    long largest = 0;
    for (var processor : processing.eventProcessors().values()) {
      if (processor instanceof StreamingEventProcessor streaming
          && streaming.isRunning()
          && !streaming.isReplaying()) {
        Status status = statusOf(streaming, head);
        if (!status.inError()) {
          largest = Math.max(largest, status.lag());
        }
      }
    }
    return largest;
  }

  /** One processor's lag, or 0 when it is not a streaming processor of this node. */
  public long lagOf(String processorName) {
    return processing
        .eventProcessor(processorName, StreamingEventProcessor.class)
        .map(processor -> statusOf(processor, headPosition()).lag())
        .orElse(0L);
  }

  private long headPosition() {
    TrackingToken head = eventStore.createHeadToken();
    return head == null ? 0 : head.position().orElse(0);
  }

  private static Status statusOf(StreamingEventProcessor processor, long head) {
    long lag = 0;
    boolean inError = false;
    Map<Integer, EventTrackerStatus> segments = processor.processingStatus();
    for (EventTrackerStatus status : segments.values()) {
      inError |= status.isErrorState();
      OptionalLong position = status.getCurrentPosition();
      lag = Math.max(lag, head - position.orElse(0));
    }
    return new Status(processor.isRunning(), inError, segments.size(), lag);
  }
}
