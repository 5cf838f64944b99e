package fr.guichet.command.ticket;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import fr.guichet.api.payment.PaidPlace;
import fr.guichet.api.rejection.CommandRejectedException;
import fr.guichet.api.rejection.Rejection;
import fr.guichet.api.ticket.IssuedTicket;
import fr.guichet.api.ticket.TicketEvent.Refusal;
import fr.guichet.api.ticket.TicketEvent.TicketAdmissionRefusedEvent;
import fr.guichet.api.ticket.TicketEvent.TicketAdmittedEvent;
import fr.guichet.api.ticket.TicketEvent.TicketHolderChangedEvent;
import fr.guichet.api.ticket.TicketEvent.TicketsIssuedEvent;
import fr.guichet.api.ticket.TicketEvent.TicketsRevokedEvent;
import fr.guichet.command.ticket.TicketCommands.Admission;
import fr.guichet.command.ticket.TicketCommands.AdmitTicketCommand;
import fr.guichet.command.ticket.TicketCommands.ChangeTicketHolderCommand;
import fr.guichet.command.ticket.TicketCommands.DescribeTicketsCommand;
import fr.guichet.command.ticket.TicketCommands.IssueTicketsCommand;
import fr.guichet.command.ticket.TicketCommands.IssuedTickets;
import fr.guichet.command.ticket.TicketCommands.RevokePlaceTicketsCommand;
import fr.guichet.command.ticket.TicketCommands.RevokeTicketsCommand;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * The tickets of one confirmed order: issued once, each admitted at most once, refused after
 * revocation (of the whole order, or of the places a manager cancelled: the others stay valid).
 * Every refusal at the door is an event too.
 */
@Aggregate
class OrderTickets {

  /** How many times the buyer may rename one ticket online. */
  static final int BUYER_NAME_CHANGES = 1;

  static final int MAX_NAME = 120;
  static final int MAX_REASON = 500;

  @AggregateIdentifier private String ticketBookId;
  private String orderId;
  private String eventId;
  private String paymentId;
  private String holderName;
  private List<IssuedTicket> tickets = List.of();
  private final Set<String> revokedTickets = new HashSet<>();
  private final Map<String, Instant> admittedAt = new HashMap<>();
  private final Map<String, String> admittedAtDoor = new HashMap<>();
  private final Map<String, Integer> nameChanges = new HashMap<>();

  OrderTickets() {}

  @CommandHandler
  @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
  IssuedTickets handle(IssueTicketsCommand c) {
    if (orderId == null) {
      if (c.places() == null || c.places().isEmpty()) {
        throw new CommandRejectedException(
            Rejection.invalid("no-places", "An order without places gets no tickets."));
      }
      List<IssuedTicket> issued = new ArrayList<>();
      int number = 1;
      for (PaidPlace place : c.places()) {
        issued.add(
            new IssuedTicket(
                c.orderId() + "/" + number,
                number,
                place.placeId(),
                place.category(),
                place.categoryName(),
                place.priceCents(),
                1,
                place.holderName() == null || place.holderName().isBlank()
                    ? c.holderName()
                    : place.holderName()));
        number++;
      }
      apply(
          new TicketsIssuedEvent(
              c.orderId(),
              c.eventId(),
              c.paymentId(),
              c.holderName(),
              c.email(),
              c.locale(),
              issued));
    }
    return describe();
  }

  @CommandHandler
  IssuedTickets handle(DescribeTicketsCommand c) {
    return describe();
  }

  private IssuedTickets describe() {
    return new IssuedTickets(
        orderId,
        eventId,
        paymentId,
        holderName,
        tickets.stream().filter(t -> !revokedTickets.contains(t.ticketId())).toList());
  }

  @CommandHandler
  Admission handle(AdmitTicketCommand c) {
    IssuedTicket ticket =
        tickets.stream().filter(t -> t.number() == c.number()).findFirst().orElse(null);
    if (ticket == null) {
      throw new CommandRejectedException(
          Rejection.notFound("unknown-ticket", "This order has no ticket " + c.number() + "."));
    }
    Refusal refusal = null;
    if (!eventId.equals(c.eventId())) {
      refusal = Refusal.OTHER_EVENT;
    } else if (revokedTickets.contains(ticket.ticketId())) {
      refusal = Refusal.REVOKED;
    } else if (ticket.issueNumber() != c.issueNumber()) {
      refusal = Refusal.SUPERSEDED;
    } else if (admittedAt.containsKey(ticket.ticketId())) {
      refusal = Refusal.ALREADY_ADMITTED;
    }
    if (refusal == null) {
      apply(
          new TicketAdmittedEvent(
              orderId, ticket.ticketId(), eventId, c.door(), GenericEventMessage.clock.instant()));
    } else {
      apply(
          new TicketAdmissionRefusedEvent(
              orderId, ticket.ticketId(), c.eventId(), c.door(), refusal));
    }
    return new Admission(
        refusal == null,
        refusal,
        ticket.ticketId(),
        ticket.placeId(),
        ticket.categoryName(),
        ticket.holderName() != null ? ticket.holderName() : holderName,
        admittedAt.get(ticket.ticketId()),
        admittedAtDoor.get(ticket.ticketId()));
  }

  /**
   * Tickets carry their holder's name, and changing it is limited: the buyer may rename each ticket
   * {@value #BUYER_NAME_CHANGES} time(s); beyond that only the box office may, giving a reason.
   * Never once the ticket was used at a door or the order's tickets were revoked. Each change
   * reissues the ticket (its former code stops working) and is recorded with who made it.
   */
  @CommandHandler
  IssuedTicket handle(ChangeTicketHolderCommand c) {
    IssuedTicket ticket =
        tickets.stream().filter(t -> t.number() == c.number()).findFirst().orElse(null);
    if (ticket == null) {
      throw new CommandRejectedException(
          Rejection.notFound("unknown-ticket", "This order has no ticket " + c.number() + "."));
    }
    String name = c.holderName() == null ? "" : c.holderName().strip();
    if (name.isEmpty() || name.length() > MAX_NAME) {
      throw new CommandRejectedException(
          Rejection.invalid("holder-name", "Give the holder's name (1 to " + MAX_NAME + ")."));
    }
    if (revokedTickets.contains(ticket.ticketId())) {
      throw new CommandRejectedException(
          Rejection.rule("tickets-revoked", "This ticket was revoked."));
    }
    if (admittedAt.containsKey(ticket.ticketId())) {
      throw new CommandRejectedException(
          Rejection.rule("ticket-used", "This ticket was already used at the door."));
    }
    String current = ticket.holderName() != null ? ticket.holderName() : holderName;
    if (name.equals(current)) {
      return ticket;
    }
    int changes = nameChanges.getOrDefault(ticket.ticketId(), 0);
    String reason = c.reason() == null ? null : c.reason().strip();
    if (c.byBoxOffice()) {
      if (reason == null || reason.isEmpty() || reason.length() > MAX_REASON) {
        throw new CommandRejectedException(
            Rejection.invalid(
                "change-reason",
                "The box office says why it renames a ticket (1 to " + MAX_REASON + ")."));
      }
    } else if (changes >= BUYER_NAME_CHANGES) {
      throw new CommandRejectedException(
          Rejection.rule(
              "name-change-limit",
              "This ticket's holder was already changed "
                  + changes
                  + " time(s), the most allowed online; ask the box office."));
    }
    apply(
        new TicketHolderChangedEvent(
            orderId,
            ticket.ticketId(),
            ticket.number(),
            current,
            name,
            ticket.issueNumber() + 1,
            changes + 1,
            c.changedBy(),
            c.byBoxOffice(),
            c.byBoxOffice() ? reason : null));
    return tickets.stream().filter(t -> t.number() == c.number()).findFirst().orElseThrow();
  }

  @CommandHandler
  void handle(RevokeTicketsCommand c) {
    List<String> valid =
        tickets.stream()
            .map(IssuedTicket::ticketId)
            .filter(id -> !revokedTickets.contains(id))
            .toList();
    if (!valid.isEmpty()) {
      apply(new TicketsRevokedEvent(orderId, eventId, valid, c.reason(), c.revokedBy()));
    }
  }

  @CommandHandler
  List<String> handle(RevokePlaceTicketsCommand c) {
    List<String> valid =
        tickets.stream()
            .filter(t -> c.placeIds().contains(t.placeId()))
            .map(IssuedTicket::ticketId)
            .filter(id -> !revokedTickets.contains(id))
            .toList();
    if (!valid.isEmpty()) {
      apply(new TicketsRevokedEvent(orderId, eventId, valid, c.reason(), c.revokedBy()));
    }
    return valid;
  }

  @EventSourcingHandler
  void on(TicketsIssuedEvent e) {
    ticketBookId = TicketCommands.ticketBookId(e.orderId());
    orderId = e.orderId();
    eventId = e.eventId();
    paymentId = e.paymentId();
    holderName = e.holderName();
    tickets = e.tickets();
  }

  @EventSourcingHandler
  void on(TicketAdmittedEvent e) {
    admittedAt.put(e.ticketId(), e.admittedAt());
    admittedAtDoor.put(e.ticketId(), e.door());
  }

  @EventSourcingHandler
  void on(TicketsRevokedEvent e) {
    revokedTickets.addAll(e.ticketIds());
  }

  @EventSourcingHandler
  void on(TicketHolderChangedEvent e) {
    nameChanges.put(e.ticketId(), e.changeNumber());
    List<IssuedTicket> renamed = new ArrayList<>();
    for (IssuedTicket t : tickets) {
      renamed.add(
          t.number() == e.number()
              ? new IssuedTicket(
                  t.ticketId(),
                  t.number(),
                  t.placeId(),
                  t.category(),
                  t.categoryName(),
                  t.priceCents(),
                  e.issueNumber(),
                  e.holderName())
              : t);
    }
    tickets = List.copyOf(renamed);
  }
}
