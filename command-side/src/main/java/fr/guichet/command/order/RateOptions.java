package fr.guichet.command.order;

import fr.guichet.api.order.RateChoice.Rate;
import java.util.List;

/**
 * The rates a checkout offers for each ticket of an order: full rate, and each discounted rate the
 * rule set in force would grant (given a proof or a valid subscription number).
 */
public record RateOptions(String orderId, int ruleSetVersion, List<TicketRates> tickets) {

  public RateOptions {
    tickets = List.copyOf(tickets);
  }

  public record TicketRates(String placeId, List<Rate> rates) {

    public TicketRates {
      rates = List.copyOf(rates);
    }
  }
}
