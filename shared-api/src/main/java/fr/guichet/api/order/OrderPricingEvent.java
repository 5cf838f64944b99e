package fr.guichet.api.order;

import java.util.List;
import org.axonframework.serialization.Revision;

/** What happened to an order's prices. Each event records the rule-set version that decided. */
public sealed interface OrderPricingEvent {

  String orderId();

  /** Why an order was priced. */
  enum Reason {
    /** At creation, every ticket at full rate. */
    ORDER_CREATED,
    /** The buyer chose rates per ticket. */
    RATES_CHOSEN
  }

  /**
   * The order's tickets were priced by version {@code ruleSetVersion} of {@code ruleSetId}.
   *
   * @param context what the rules were given; kept so that later rate choices price the same
   *     places, tiers and sale time
   */
  @Revision("1")
  record OrderPricedEvent(
      String orderId,
      String eventId,
      Reason reason,
      String ruleSetId,
      int ruleSetVersion,
      String ruleSetHash,
      List<PricedTicket> tickets,
      long totalCents,
      PricingContext context)
      implements OrderPricingEvent {

    public OrderPricedEvent {
      tickets = List.copyOf(tickets);
    }
  }

  /**
   * No price could be given at creation (e.g. no rule prices a category): the order's hold is
   * released; the order is never sold at 0.
   */
  @Revision("1")
  record OrderPricingFailedEvent(
      String orderId,
      String eventId,
      String customerId,
      String ruleSetId,
      int ruleSetVersion,
      String code,
      String message)
      implements OrderPricingEvent {}
}
