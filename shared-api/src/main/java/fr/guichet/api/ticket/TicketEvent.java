package fr.guichet.api.ticket;

import java.time.Instant;
import java.util.List;
import org.axonframework.serialization.Revision;

/** What happened to the tickets of one order. */
public sealed interface TicketEvent {

  String orderId();

  /** Why the door refused a ticket whose signature was valid. */
  enum Refusal {
    ALREADY_ADMITTED,
    REVOKED,
    SUPERSEDED,
    OTHER_EVENT
  }

  /** The order is confirmed: one ticket per place, bound to the holder's name. */
  @Revision("1")
  record TicketsIssuedEvent(
      String orderId,
      String eventId,
      String paymentId,
      String holderName,
      String email,
      String locale,
      List<IssuedTicket> tickets)
      implements TicketEvent {

    public TicketsIssuedEvent {
      tickets = List.copyOf(tickets);
    }
  }

  /** A ticket went through a door: the first and only admission. */
  @Revision("1")
  record TicketAdmittedEvent(
      String orderId, String ticketId, String eventId, String door, Instant admittedAt)
      implements TicketEvent {}

  /** A ticket with a valid signature was refused at a door. */
  @Revision("1")
  record TicketAdmissionRefusedEvent(
      String orderId, String ticketId, String eventId, String door, Refusal refusal)
      implements TicketEvent {}

  /** Tickets no longer admit anyone (order cancelled, refunded). */
  @Revision("1")
  record TicketsRevokedEvent(
      String orderId, String eventId, List<String> ticketIds, String reason, String revokedBy)
      implements TicketEvent {

    public TicketsRevokedEvent {
      ticketIds = List.copyOf(ticketIds);
    }
  }

  /**
   * A ticket now names another holder. It is reissued ({@code issueNumber} goes up), so the code
   * printed with the former name stops admitting anyone (SUPERSEDED at the door): a ticket resold
   * under a new name cannot be used twice.
   *
   * @param changeNumber how many times this ticket's holder has changed, this change included
   * @param changedBy the actor who changed it (the buyer, or the box office)
   * @param reason the box office's reason (null for the buyer's own change)
   */
  @Revision("1")
  record TicketHolderChangedEvent(
      String orderId,
      String ticketId,
      int number,
      String previousHolderName,
      String holderName,
      int issueNumber,
      int changeNumber,
      String changedBy,
      boolean byBoxOffice,
      String reason)
      implements TicketEvent {}
}
