package fr.guichet.command.operations;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

/**
 * Reports every streaming event processor of this node: running or not, its segments, and how many
 * events it lags behind the head of the store. A processor in error, or further behind than {@code
 * guichet.health.max-processor-lag}, makes the node not ready, unless it is background work ({@link
 * ProcessorLag}): ticket mails trailing an onsale are no reason to stop serving it.
 */
@Component("eventProcessors")
class EventProcessorsHealth extends AbstractHealthIndicator {

  private final ProcessorLag processors;
  private final long maxLag;

  EventProcessorsHealth(
      ProcessorLag processors, @Value("${guichet.health.max-processor-lag:10000}") long maxLag) {
    this.processors = processors;
    this.maxLag = maxLag;
  }

  @Override
  protected void doHealthCheck(Health.Builder builder) {
    boolean healthy = true;
    Map<String, Object> details = new LinkedHashMap<>();
    for (var entry : processors.all().entrySet()) {
      ProcessorLag.Status status = entry.getValue();
      if (!status.background()) {
        healthy &= status.running() && !status.inError() && status.lag() <= maxLag;
      }
      details.put(
          entry.getKey(),
          Map.of(
              "running",
              status.running(),
              "error",
              status.inError(),
              "segments",
              status.segments(),
              "lag",
              status.lag(),
              "background",
              status.background()));
    }
    builder.status(healthy ? "UP" : "OUT_OF_SERVICE").withDetails(details);
  }
}
