package fr.guichet.pricing.facts;

/**
 * A discount a ticket is eligible for, in percent of its full price. Only the best one applies
 * unless an {@link AllowStacking} says otherwise.
 */
public class Discount extends RuleOutcome {

  private final Ticket ticket;
  private final int percent;

  public Discount(Ticket ticket, int percent) {
    this.ticket = ticket;
    this.percent = percent;
  }

  public Ticket getTicket() {
    return ticket;
  }

  public int getPercent() {
    return percent;
  }
}
