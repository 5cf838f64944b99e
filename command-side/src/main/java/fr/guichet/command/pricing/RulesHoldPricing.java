package fr.guichet.command.pricing;

import fr.guichet.api.order.PricingContext;
import fr.guichet.command.event.HoldPricing;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Prices a basket at full rate with the rules in force before a hold is granted, and refuses it
 * when they cannot ({@link OrderPricing.PricingRefusedException}, 422). Before the first rule set
 * is published, or when the rules time out, the hold goes ahead: the order's pricing step then
 * decides, and gives the places back if it must.
 */
@Component
class RulesHoldPricing implements HoldPricing {

  private static final Logger log = LoggerFactory.getLogger(RulesHoldPricing.class);

  private final OrderPricing pricing;

  RulesHoldPricing(OrderPricing pricing) {
    this.pricing = pricing;
  }

  @Override
  public void requirePriceable(PricingContext places) {
    try {
      pricing.price(places, List.of(), places.saleTime());
    } catch (IllegalStateException e) {
      log.debug("Hold granted without a price check: {}", e.getMessage());
    }
  }
}
