package fr.guichet.command.order;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.AggregateFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Orders are instantiated with their constructor, not as Spring prototype beans (Axon's default for
 * an {@code @Aggregate} under Spring, replaced by a bean named {@code orderAggregateFactory}). An
 * Order has nothing for Spring to inject (its handlers take their services as parameters), and
 * creating a prototype bean, with autowiring and every bean post-processor, was 23 % of the time to
 * load an Order from the store, which every release, expiry and sale of a hold does
 * (bench/README.md, session 12).
 */
@Configuration(proxyBeanMethods = false)
class OrderAggregateConfiguration {

  @Bean
  AggregateFactory<Order> orderAggregateFactory() {
    return new AggregateFactory<>() {
      @Override
      public Order createAggregateRoot(String aggregateIdentifier, DomainEventMessage<?> first) {
        return first.getPayload() instanceof Order snapshot ? snapshot : new Order();
      }

      @Override
      public Class<Order> getAggregateType() {
        return Order.class;
      }
    };
  }
}
