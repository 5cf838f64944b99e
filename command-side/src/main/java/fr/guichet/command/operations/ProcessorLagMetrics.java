package fr.guichet.command.operations;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * One gauge per streaming event processor, {@code guichet.processor.lag{processor=…}}: events
 * between the head of the store and the processor's position (projection lag on a node running the
 * views). Registered once the processors exist; each scrape asks the store for its head.
 */
@Component
class ProcessorLagMetrics {

  private final ProcessorLag processors;
  private final MeterRegistry registry;

  ProcessorLagMetrics(ProcessorLag processors, MeterRegistry registry) {
    this.processors = processors;
    this.registry = registry;
  }

  @EventListener(ApplicationReadyEvent.class)
  void registerGauges() {
    for (String name : processors.all().keySet()) {
      Gauge.builder("guichet.processor.lag", processors, p -> p.lagOf(name))
          .tag("processor", name)
          .description("Events between the head of the event store and this processor")
          .baseUnit("events")
          .register(registry);
    }
  }
}
