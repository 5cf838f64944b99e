package fr.guichet.command.config;

import fr.guichet.api.event.EventCommand.HoldPlacesCommand;
import fr.guichet.api.event.EventCommand.ReleaseHoldCommand;
import fr.guichet.api.event.EventCommand.SellHeldPlacesCommand;
import fr.guichet.command.operations.LogCorrelation;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Set;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.DuplicateCommandHandlerResolver;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.common.caching.Cache;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.disruptor.commandhandling.DisruptorCommandBus;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.messaging.interceptors.CorrelationDataInterceptor;
import org.axonframework.messaging.unitofwork.RollbackConfiguration;
import org.axonframework.messaging.unitofwork.RollbackConfigurationType;
import org.axonframework.modelling.command.CommandTargetResolver;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The local command bus, chosen by configuration.
 *
 * <ul>
 *   <li>{@code guichet.command-bus=batching} (default): {@link BatchingCommandBus}: holds, releases
 *       and sales of one Event wait in that Event's queue and are committed together, up to {@code
 *       guichet.command-bus.batching.max-batch} (64) per unit of work and transaction; beyond
 *       {@code …max-queued} (2,000) waiting commands per Event a command is refused with 503
 *       "overloaded"; {@code …workers} (4) threads run the batches. Every other command runs as on
 *       the simple bus.
 *   <li>{@code guichet.command-bus=simple}: Axon's SimpleCommandBus, as Axon's autoconfiguration
 *       builds it (transaction manager, monitor, correlation data), commands run on the caller's
 *       thread under the aggregate's lock. On a quiet 2-core machine it accepts fewer holds per
 *       second than the batching bus since the processes behind a hold batch their work too
 *       (bench/README.md, sessions 11 and 12; docs/adr/0706).
 *   <li>{@code guichet.command-bus=disruptor}: Axon's DisruptorCommandBus: one thread invokes the
 *       handlers on cached aggregates, another stores the events, without per-aggregate locks.
 *   <li>{@code guichet.command-bus.keep-cache-on-rejection} (default true): see {@link
 *       RejectionKeepsUnitOfWork}; false restores Axon's roll-back-on-anything.
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
public class CommandBusConfiguration {

  /**
   * The commands that batch: frequent, addressed to one Event, and each answered on its own. All
   * target the Event aggregate (the queues are keyed by target id only).
   */
  static final Set<Class<?>> BATCHED =
      Set.of(HoldPlacesCommand.class, ReleaseHoldCommand.class, SellHeldPlacesCommand.class);

  /**
   * Used by every aggregate's command handler: Axon's configuration takes the {@code
   * CommandTargetResolver} bean when there is one.
   */
  @Bean
  public CommandTargetResolver commandTargetResolver() {
    return new CachedCommandTargetResolver();
  }

  @Bean
  public RollbackConfiguration commandRollbackConfiguration(
      @Value("${guichet.command-bus.keep-cache-on-rejection:true}") boolean keepOnRejection) {
    return keepOnRejection
        ? new RejectionKeepsUnitOfWork()
        : RollbackConfigurationType.ANY_THROWABLE;
  }

  @Autowired
  void correlateEventHandlerLogs(EventProcessingConfigurer processing) {
    processing.registerDefaultHandlerInterceptor((axon, processor) -> new LogCorrelation());
  }

  @Autowired
  void markUnitsThatPublish(EventBus eventBus) {
    eventBus.registerDispatchInterceptor(RejectionKeepsUnitOfWork.markUnitsThatPublish());
  }

  @Bean(destroyMethod = "")
  @Qualifier("localSegment")
  public CommandBus commandBus(
      @Value("${guichet.command-bus:batching}") String type,
      @Value("${guichet.command-bus.batching.max-batch:64}") int maxBatch,
      @Value("${guichet.command-bus.batching.max-queued:2000}") int maxQueued,
      @Value("${guichet.command-bus.batching.workers:4}") int workers,
      ObjectProvider<MeterRegistry> meters,
      TransactionManager transactionManager,
      org.axonframework.config.Configuration axon,
      DuplicateCommandHandlerResolver duplicates,
      RollbackConfiguration commandRollbackConfiguration,
      @Qualifier("eventAggregateCache") Cache eventAggregateCache) {
    CorrelationDataInterceptor<CommandMessage<?>> correlation =
        new CorrelationDataInterceptor<>(axon.correlationDataProviders());
    switch (type) {
      case "batching" -> {
        BatchingCommandBus bus =
            BatchingCommandBus.builder()
                .transactionManager(transactionManager)
                .duplicateCommandHandlerResolver(duplicates)
                .rollbackConfiguration(commandRollbackConfiguration)
                .messageMonitor(axon.messageMonitor(CommandBus.class, "commandBus"))
                .batched(BatchingCommandBus.payloadIn(BATCHED))
                .maxBatch(maxBatch)
                .maxQueued(maxQueued)
                .workers(workers)
                .meterRegistry(meters.getIfAvailable(SimpleMeterRegistry::new))
                .build();
        bus.registerHandlerInterceptor(correlation);
        bus.registerHandlerInterceptor(new LogCorrelation());
        return bus;
      }
      case "simple" -> {
        SimpleCommandBus bus =
            SimpleCommandBus.builder()
                .transactionManager(transactionManager)
                .duplicateCommandHandlerResolver(duplicates)
                .rollbackConfiguration(commandRollbackConfiguration)
                .messageMonitor(axon.messageMonitor(CommandBus.class, "commandBus"))
                .build();
        bus.registerHandlerInterceptor(correlation);
        bus.registerHandlerInterceptor(new LogCorrelation());
        return bus;
      }
      case "disruptor" -> {
        DisruptorCommandBus bus =
            DisruptorCommandBus.builder()
                .transactionManager(transactionManager)
                .duplicateCommandHandlerResolver(duplicates)
                .rollbackConfiguration(commandRollbackConfiguration)
                .messageMonitor(axon.messageMonitor(CommandBus.class, "commandBus"))
                .cache(eventAggregateCache)
                .build();
        bus.registerHandlerInterceptor(correlation);
        bus.registerHandlerInterceptor(new LogCorrelation());
        return bus;
      }
      default ->
          throw new IllegalArgumentException(
              "guichet.command-bus must be batching, simple or disruptor, not " + type);
    }
  }
}
