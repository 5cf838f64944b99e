package fr.guichet.command.config;

import fr.guichet.api.upcasting.EventUpcasters;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.MessageOriginProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.axonframework.serialization.jackson3.Jackson3SerializerCustomizer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.jsontype.BasicPolymorphicTypeValidator;

/** How Axon runs the command side, whatever store lies underneath. */
@Configuration(proxyBeanMethods = false)
public class AxonConfiguration {

  /** Correlation and causation ids: which command caused which events, across aggregates. */
  @Bean
  public CorrelationDataProvider messageOriginProvider() {
    return new MessageOriginProvider();
  }

  /**
   * Copies the audit metadata of every command onto the events it causes ({@code cause} says why a
   * process acted on someone's behalf, e.g. {@code account-blocked}).
   */
  @Bean
  public CorrelationDataProvider auditMetaDataProvider() {
    return new SimpleCorrelationDataProvider(
        "actorId",
        "actorRole",
        "requestId",
        "idempotencyKey",
        "clientIp",
        "userAgent",
        "deviceId",
        "cause");
  }

  /**
   * Old revisions of stored events become the current classes when read (docs/adr/0703). The query
   * side declares the same chain for when it runs alone; in one application only the first
   * declaration counts (both are {@link EventUpcasters#chain()}), so each upcaster runs once.
   */
  @Bean
  @ConditionalOnMissingBean(name = "guichetEventUpcasters")
  public EventUpcaster guichetEventUpcasters() {
    return EventUpcasters.chain();
  }

  /**
   * Tracking tokens and other Axon types are stored with their class name; only our own and Axon's
   * packages may be named there.
   */
  @Bean
  public Jackson3SerializerCustomizer guichetTypeValidator() {
    return builder ->
        builder.polymorphicTypeValidator(
            BasicPolymorphicTypeValidator.builder()
                .allowIfSubType("org.axonframework.")
                .allowIfSubType("fr.guichet.")
                .allowIfSubType("java.util.")
                .allowIfSubType("java.lang.")
                .allowIfSubType("java.time.")
                .build());
  }

  /**
   * Processes that drive other aggregates must not skip an event on a passing failure: the error
   * propagates and the processor retries from its last token.
   */
  @Autowired
  void retryProcessesOnFailure(EventProcessingConfigurer processing) {
    processing.registerDefaultListenerInvocationErrorHandler(
        configuration -> PropagatingErrorHandler.instance());
  }
}
