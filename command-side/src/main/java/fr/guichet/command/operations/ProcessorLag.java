package fr.guichet.command.operations;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * How far each streaming event processor of this node is behind the head of the event store, in
 * events: what readiness and the {@code guichet.processor.lag} gauges report.
 *
 * <p>Background processors ({@code guichet.processors.background}, by default the ticket mails and
 * the box-office dashboard) do work no buyer waits for. At an onsale the mails trail the sales by
 * tens of thousands of events; that must neither slow the waiting room's admissions nor take the
 * node out of the load balancer, so {@link #largestLiveLag()} and readiness leave them out. Their
 * lag is still reported.
 */
@Component
public class ProcessorLag {

  private final EventProcessingConfiguration processing;
  private final EventStore eventStore;
  private final Set<String> background;

  ProcessorLag(
      EventProcessingConfiguration processing,
      EventStore eventStore,
      @Value("${guichet.processors.background:buyer-mail,dashboard}") List<String> background) {
    this.processing = processing;
    this.eventStore = eventStore;
    this.background = Set.copyOf(background.stream().map(String::trim).toList());
  }

  /**
   * One processor's state; {@code lag} is the largest of its segments'. A {@code background}
   * processor's lag or failure does not make the node unready.
   */
  public record Status(
      boolean running, boolean inError, int segments, long lag, boolean background) {}

  /** Every streaming processor of this node, by name. */
  public Map<String, Status> all() {
    long head = headPosition();
    Map<String, Status> statuses = new LinkedHashMap<>();
    for (var entry : processing.eventProcessors().entrySet()) {
      if (entry.getValue() instanceof StreamingEventProcessor processor) {
        statuses.put(entry.getKey(), statusOf(entry.getKey(), processor, head));
      }
    }
    return statuses;
  }

  /**
   * The largest lag of this node's streaming processors that are running, not replaying (a replay
   * is expected to be far behind), not in error (a failing handler is not a matter of load) and not
   * background work: how far the reactions buyers wait for trail the commands.
   */
  public long largestLiveLag() {
    long head = headPosition();
    long largest = 0;
    for (var entry : processing.eventProcessors().entrySet()) {
      if (entry.getValue() instanceof StreamingEventProcessor streaming
          && !background.contains(entry.getKey())
          && streaming.isRunning()
          && !streaming.isReplaying()) {
        Status status = statusOf(entry.getKey(), streaming, head);
        if (!status.inError()) {
          largest = Math.max(largest, status.lag());
        }
      }
    }
    return largest;
  }

  /** One processor's lag, or 0 when it is not a streaming processor of this node. */
  public long lagOf(String processorName) {
    return processing.eventProcessors().get(processorName) instanceof StreamingEventProcessor p
        ? statusOf(processorName, p, headPosition()).lag()
        : 0L;
  }

  private long headPosition() {
    TrackingToken head = eventStore.createHeadToken();
    return head == null ? 0 : head.position().orElse(0);
  }

  private Status statusOf(String name, StreamingEventProcessor processor, long head) {
    long lag = 0;
    boolean inError = false;
    Map<Integer, EventTrackerStatus> segments = processor.processingStatus();
    for (EventTrackerStatus status : segments.values()) {
      inError |= status.isErrorState();
      OptionalLong position = status.getCurrentPosition();
      lag = Math.max(lag, head - position.orElse(0));
    }
    return new Status(
        processor.isRunning(), inError, segments.size(), lag, background.contains(name));
  }
}
