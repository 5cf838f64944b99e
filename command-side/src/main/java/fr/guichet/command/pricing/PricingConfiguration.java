package fr.guichet.command.pricing;

import fr.guichet.pricing.PricingRulesCompiler;
import fr.guichet.pricing.drools.DroolsPricingRules;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the pricing port to its Drools implementation. */
@Configuration(proxyBeanMethods = false)
public class PricingConfiguration {

  @Bean
  public PricingRulesCompiler pricingRulesCompiler() {
    return new CachingRulesCompiler(new DroolsPricingRules());
  }

  @Bean
  public OrderPricing orderPricing(ActiveRuleSet rules, SubscriberRegistry subscribers) {
    return new OrderPricing(rules, subscribers);
  }
}
