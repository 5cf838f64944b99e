package fr.guichet.command.ticket;

import fr.guichet.api.payment.PaidPlace;
import fr.guichet.api.ticket.IssuedTicket;
import fr.guichet.api.ticket.TicketEvent.Refusal;
import java.time.Instant;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Commands to the tickets of one order; only the command side sends them. */
public final class TicketCommands {

  private TicketCommands() {}

  /**
   * The id of an order's tickets aggregate: not the order's own id, which the Order aggregate uses
   * in the same event store.
   */
  public static String ticketBookId(String orderId) {
    return "tickets-" + orderId;
  }

  /** Issues one ticket per paid place, once per order. Answers {@link IssuedTickets}. */
  public record IssueTicketsCommand(
      String orderId,
      String eventId,
      String paymentId,
      String holderName,
      String email,
      String locale,
      List<PaidPlace> places) {

    @TargetAggregateIdentifier
    public String ticketBookId() {
      return TicketCommands.ticketBookId(orderId);
    }
  }

  /**
   * The tickets of the order and the payment they were issued for (the first one); revoked tickets
   * are left out.
   */
  public record IssuedTickets(
      String orderId,
      String eventId,
      String paymentId,
      String holderName,
      List<IssuedTicket> tickets) {}

  /**
   * A door scanned a ticket whose signature is valid. Answers {@link Admission}.
   *
   * @param eventId the event the door lets people into
   */
  public record AdmitTicketCommand(
      String orderId, int number, int issueNumber, String eventId, String door) {

    @TargetAggregateIdentifier
    public String ticketBookId() {
      return TicketCommands.ticketBookId(orderId);
    }
  }

  /** The door's answer. {@code refusal} is null when admitted. */
  public record Admission(
      boolean admitted,
      Refusal refusal,
      String ticketId,
      String placeId,
      String categoryName,
      String holderName,
      Instant firstAdmittedAt,
      String firstDoor) {}

  public record RevokeTicketsCommand(String orderId, String reason, String revokedBy) {

    @TargetAggregateIdentifier
    public String ticketBookId() {
      return TicketCommands.ticketBookId(orderId);
    }
  }

  /**
   * Revokes the tickets of some places of the order (a manager cancelled those places); the others
   * stay valid. Tickets already revoked are left as they are, so a retry changes nothing.
   */
  public record RevokePlaceTicketsCommand(
      String orderId, List<String> placeIds, String reason, String revokedBy) {

    @TargetAggregateIdentifier
    public String ticketBookId() {
      return TicketCommands.ticketBookId(orderId);
    }
  }

  /** Answers the order's {@link IssuedTickets}; changes nothing. */
  public record DescribeTicketsCommand(String orderId) {

    @TargetAggregateIdentifier
    public String ticketBookId() {
      return TicketCommands.ticketBookId(orderId);
    }
  }

  /**
   * Names another holder on one ticket. Answers the ticket as reissued ({@link IssuedTicket}).
   *
   * @param byBoxOffice true when the box office changes it (beyond the buyer's allowance, with a
   *     reason)
   */
  public record ChangeTicketHolderCommand(
      String orderId,
      int number,
      String holderName,
      String changedBy,
      boolean byBoxOffice,
      String reason) {

    @TargetAggregateIdentifier
    public String ticketBookId() {
      return TicketCommands.ticketBookId(orderId);
    }
  }
}
