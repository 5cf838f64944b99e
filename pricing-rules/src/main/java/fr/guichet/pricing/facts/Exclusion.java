package fr.guichet.pricing.facts;

/** No discount at all for this ticket; the inserting rule's description says why. */
public class Exclusion extends RuleOutcome {

  private final Ticket ticket;

  public Exclusion(Ticket ticket) {
    this.ticket = ticket;
  }

  public Ticket getTicket() {
    return ticket;
  }
}
