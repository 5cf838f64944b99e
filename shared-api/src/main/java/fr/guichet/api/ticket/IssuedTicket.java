package fr.guichet.api.ticket;

/**
 * One ticket: one place of a confirmed order.
 *
 * @param ticketId {@code orderId/number}
 * @param number 1-based position of the ticket in its order
 * @param issueNumber 1 at first issue; a reissued ticket gets the next number and the old QR fails
 * @param holderName the person this ticket is for; null on tickets issued before per-ticket names
 *     (their holder is the order's)
 */
public record IssuedTicket(
    String ticketId,
    int number,
    String placeId,
    String category,
    String categoryName,
    long priceCents,
    int issueNumber,
    String holderName) {

  /** A ticket held by the order's holder. */
  public IssuedTicket(
      String ticketId,
      int number,
      String placeId,
      String category,
      String categoryName,
      long priceCents,
      int issueNumber) {
    this(ticketId, number, placeId, category, categoryName, priceCents, issueNumber, null);
  }
}
