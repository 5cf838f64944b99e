package fr.guichet.command.operations;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.monitoring.NoOpMessageMonitor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Switches off Axon's per-message Micrometer monitors on event processors (timers, counters,
 * capacity and latency per processor), keeping those of the command bus, event store and query bus.
 *
 * <p>Every event reaches every processor, and each processor's monitors look up or register a meter
 * and record into sliding windows for each event, handled or ignored: with about twenty processors
 * and three events per hold, that was ≈6 % of the platform's CPU samples per accepted hold in the
 * benchmark (bench/README.md, "CPU per hold"). What operators watch instead is the lag per
 * processor ({@code guichet_processor_lag_events}) and the processors' health, which read the
 * processors' own status, not these monitors. {@code guichet.metrics.event-processor-messages=true}
 * restores Axon's monitors.
 */
@Configuration(proxyBeanMethods = false)
public class EventProcessorMetrics {

  @Bean
  @ConditionalOnProperty(
      name = "guichet.metrics.event-processor-messages",
      havingValue = "false",
      matchIfMissing = true)
  public ConfigurerModule eventProcessorsWithoutMessageMonitors() {
    return EventProcessorMetrics::withoutMessageMonitors;
  }

  /** Event processors of any kind get no message monitor; other components keep theirs. */
  static void withoutMessageMonitors(org.axonframework.config.Configurer configurer) {
    configurer.configureMessageMonitor(
        EventProcessor.class, (configuration, type, name) -> NoOpMessageMonitor.instance());
  }
}
