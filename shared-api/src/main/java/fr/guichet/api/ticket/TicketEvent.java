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
}
