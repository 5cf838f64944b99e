package fr.guichet.command.operations;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.config.Configuration;
import org.axonframework.config.Configurer;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventhandling.SubscribingEventProcessor;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.micrometer.GlobalMetricRegistry;
import org.axonframework.monitoring.NoOpMessageMonitor;
import org.junit.jupiter.api.Test;

class EventProcessorMetricsTest {

  @Test
  void event_processors_get_no_message_monitor_while_the_command_bus_and_event_store_keep_theirs() {
    Configurer configurer = DefaultConfigurer.defaultConfiguration();
    new GlobalMetricRegistry(new SimpleMeterRegistry()).registerWithConfigurer(configurer);
    EventProcessorMetrics.withoutMessageMonitors(configurer);
    Configuration configuration = configurer.buildConfiguration();

    assertThat(configuration.messageMonitor(TrackingEventProcessor.class, "seat-map"))
        .isSameAs(NoOpMessageMonitor.instance());
    assertThat(configuration.messageMonitor(SubscribingEventProcessor.class, "booking-metrics"))
        .isSameAs(NoOpMessageMonitor.instance());
    assertThat(configuration.messageMonitor(SimpleCommandBus.class, "commandBus"))
        .isNotSameAs(NoOpMessageMonitor.instance());
    assertThat(configuration.messageMonitor(EmbeddedEventStore.class, "eventStore"))
        .isNotSameAs(NoOpMessageMonitor.instance());
  }

  @Test
  void without_the_module_axon_monitors_event_processors_too() {
    Configurer configurer = DefaultConfigurer.defaultConfiguration();
    new GlobalMetricRegistry(new SimpleMeterRegistry()).registerWithConfigurer(configurer);
    Configuration configuration = configurer.buildConfiguration();

    assertThat(configuration.messageMonitor(TrackingEventProcessor.class, "seat-map"))
        .isNotSameAs(NoOpMessageMonitor.instance());
  }
}
