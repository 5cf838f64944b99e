package fr.guichet.command.order;

import static org.axonframework.modelling.command.AggregateLifecycle.createNew;

import fr.guichet.api.order.PricingContext;
import fr.guichet.api.rejection.CommandRejectedException;
import fr.guichet.api.rejection.Rejection;
import fr.guichet.command.event.OrderOpening;
import fr.guichet.command.pricing.OrderPricing;
import fr.guichet.command.pricing.OrderPricing.PricedOrder;
import fr.guichet.command.pricing.RuleSets;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Prices a hold's basket with the rules in force and creates its {@link Order} next to the hold,
 * through Axon's aggregate-creates-aggregate support: both aggregates' events are stored in the
 * Event's unit of work, or neither.
 */
@Component
public class PricedOrderOpening implements OrderOpening {

  private static final Logger log = LoggerFactory.getLogger(PricedOrderOpening.class);

  private final OrderPricing pricing;
  private final Runnable rulesPublished;

  @Autowired
  PricedOrderOpening(OrderPricing pricing, RuleSets ruleSets) {
    this(pricing, ruleSets::ensurePublished);
  }

  /**
   * @param rulesPublished makes sure a rule set is in force (publishes the shipped one on a new
   *     installation)
   */
  public PricedOrderOpening(OrderPricing pricing, Runnable rulesPublished) {
    this.pricing = pricing;
    this.rulesPublished = rulesPublished;
  }

  @Override
  public Priced price(NewOrder order, PricingContext basket) {
    PricedOrder priced;
    try {
      rulesPublished.run();
      priced = pricing.price(basket, List.of(), basket.saleTime());
    } catch (IllegalStateException e) {
      log.warn("Hold of order {} refused: pricing unavailable", order.orderId(), e);
      throw new CommandRejectedException(
          Rejection.unavailable(
              "pricing-unavailable",
              "Prices cannot be computed at this moment; nothing was held. Please try again."));
    }
    return () -> open(order, basket, priced);
  }

  private static void open(NewOrder order, PricingContext basket, PricedOrder priced) {
    try {
      createNew(Order.class, () -> new Order(order, basket, priced));
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException("Order " + order.orderId() + " could not be opened", e);
    }
  }
}
