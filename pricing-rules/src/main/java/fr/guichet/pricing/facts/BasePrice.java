package fr.guichet.pricing.facts;

/** A rule's decision that a ticket's full price comes from one tier of its category. */
public class BasePrice extends RuleOutcome {

  private final Ticket ticket;
  private final String tier;

  public BasePrice(Ticket ticket, String tier) {
    this.ticket = ticket;
    this.tier = tier;
  }

  public Ticket getTicket() {
    return ticket;
  }

  public String getTier() {
    return tier;
  }
}
