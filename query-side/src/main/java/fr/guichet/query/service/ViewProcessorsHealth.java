package fr.guichet.query.service;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
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
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The query service's view processors, for readiness and Prometheus: running or not, in error or
 * not, and how many events each lags behind the head of the store ({@code
 * guichet.processor.lag{processor=…}}). A view node too far behind ({@code
 * guichet.health.max-processor-lag}) is taken out of the load balancer until it catches up, unless
 * the view is background work ({@code guichet.processors.background}, by default the box-office
 * dashboard): no buyer waits for it, so it must not take the seat map out of service. The
 * standalone platform reports every processor of its JVM through the command side's twin ({@code
 * fr.guichet.command.operations.EventProcessorsHealth}); this one serves the query service running
 * alone.
 */
@Component("eventProcessors")
class ViewProcessorsHealth extends AbstractHealthIndicator {

  private final EventProcessingConfiguration processing;
  private final EventStore eventStore;
  private final MeterRegistry registry;
  private final long maxLag;
  private final Set<String> background;

  ViewProcessorsHealth(
      EventProcessingConfiguration processing,
      EventStore eventStore,
      MeterRegistry registry,
      @Value("${guichet.health.max-processor-lag:10000}") long maxLag,
      @Value("${guichet.processors.background:buyer-mail,dashboard}") List<String> background) {
    this.processing = processing;
    this.eventStore = eventStore;
    this.registry = registry;
    this.maxLag = maxLag;
    this.background = Set.copyOf(background.stream().map(String::trim).toList());
  }

  @EventListener(ApplicationReadyEvent.class)
  void registerLagGauges() {
    processing
        .eventProcessors()
        .forEach(
            (name, processor) -> {
              if (processor instanceof StreamingEventProcessor streaming) {
                Gauge.builder("guichet.processor.lag", streaming, p -> lag(p, headPosition()))
                    .tag("processor", name)
                    .description("Events between the head of the event store and this processor")
                    .baseUnit("events")
                    .register(registry);
              }
            });
  }

  @Override
  protected void doHealthCheck(Health.Builder builder) {
    long head = headPosition();
    boolean healthy = true;
    Map<String, Object> details = new LinkedHashMap<>();
    for (var entry : processing.eventProcessors().entrySet()) {
      if (!(entry.getValue() instanceof StreamingEventProcessor processor)) {
        continue;
      }
      boolean inError =
          processor.processingStatus().values().stream().anyMatch(EventTrackerStatus::isErrorState);
      long lag = lag(processor, head);
      boolean isBackground = background.contains(entry.getKey());
      if (!isBackground) {
        healthy &= processor.isRunning() && !inError && lag <= maxLag;
      }
      details.put(
          entry.getKey(),
          Map.of(
              "running",
              processor.isRunning(),
              "error",
              inError,
              "lag",
              lag,
              "background",
              isBackground));
    }
    builder.status(healthy ? "UP" : "OUT_OF_SERVICE").withDetails(details);
  }

  private long headPosition() {
    TrackingToken head = eventStore.createHeadToken();
    return head == null ? 0 : head.position().orElse(0);
  }

  private static long lag(StreamingEventProcessor processor, long head) {
    long lag = 0;
    for (EventTrackerStatus status : processor.processingStatus().values()) {
      OptionalLong position = status.getCurrentPosition();
      lag = Math.max(lag, head - position.orElse(0));
    }
    return lag;
  }
}
