package fr.guichet.command.order;

import org.axonframework.eventsourcing.AggregateFactory;
import org.axonframework.eventsourcing.GenericAggregateFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Orders are instantiated by Axon's plain factory, not as Spring prototype beans (Axon's default
 * for an {@code @Aggregate} under Spring, replaced by a bean named {@code orderAggregateFactory}).
 * An Order has nothing for Spring to inject (its handlers take their services as parameters), and
 * creating a prototype bean, with autowiring and every bean post-processor, was 23 % of the time to
 * load an Order from the store, which every release, expiry and sale of a hold does
 * (bench/README.md, session 12).
 */
@Configuration(proxyBeanMethods = false)
class OrderAggregateConfiguration {

  @Bean
  AggregateFactory<Order> orderAggregateFactory() {
    return new GenericAggregateFactory<>(Order.class);
  }
}
