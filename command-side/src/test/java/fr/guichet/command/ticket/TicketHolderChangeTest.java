package fr.guichet.command.ticket;

import fr.guichet.api.payment.PaidPlace;
import fr.guichet.api.rejection.CommandRejectedException;
import fr.guichet.api.ticket.IssuedTicket;
import fr.guichet.api.ticket.TicketEvent.Refusal;
import fr.guichet.api.ticket.TicketEvent.TicketAdmissionRefusedEvent;
import fr.guichet.api.ticket.TicketEvent.TicketAdmittedEvent;
import fr.guichet.api.ticket.TicketEvent.TicketHolderChangedEvent;
import fr.guichet.api.ticket.TicketEvent.TicketsIssuedEvent;
import fr.guichet.api.ticket.TicketEvent.TicketsRevokedEvent;
import fr.guichet.command.ticket.TicketCommands.AdmitTicketCommand;
import fr.guichet.command.ticket.TicketCommands.ChangeTicketHolderCommand;
import fr.guichet.command.ticket.TicketCommands.IssueTicketsCommand;
import fr.guichet.command.ticket.TicketCommands.IssuedTickets;
import java.time.Instant;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Tickets carry their holder's name; changing it is limited, audited, and voids the old code. */
class TicketHolderChangeTest {

  private static final TicketsIssuedEvent ISSUED =
      new TicketsIssuedEvent(
          "o1",
          "ev-1",
          "pay-1",
          "Béa Martin",
          "bea@example.org",
          "fr",
          List.of(
              new IssuedTicket("o1/1", 1, "ORCH-A-1", "OR", "Carré Or", 9000, 1, "Alice Martin"),
              new IssuedTicket("o1/2", 2, "ORCH-A-2", "OR", "Carré Or", 9000, 1)));

  private AggregateTestFixture<OrderTickets> fixture;

  @BeforeEach
  void setUp() {
    fixture = new AggregateTestFixture<>(OrderTickets.class);
  }

  @Test
  void the_buyer_renames_a_ticket_once_and_it_is_reissued_with_the_change_recorded() {
    fixture
        .given(ISSUED)
        .when(new ChangeTicketHolderCommand("o1", 1, " Claire Dubois ", "bea", false, null))
        .expectEvents(
            new TicketHolderChangedEvent(
                "o1", "o1/1", 1, "Alice Martin", "Claire Dubois", 2, 1, "bea", false, null))
        .expectResultMessagePayload(
            new IssuedTicket("o1/1", 1, "ORCH-A-1", "OR", "Carré Or", 9000, 2, "Claire Dubois"));
  }

  @Test
  void a_ticket_without_its_own_name_was_the_order_holders() {
    fixture
        .given(ISSUED)
        .when(new ChangeTicketHolderCommand("o1", 2, "Claire Dubois", "bea", false, null))
        .expectEvents(
            new TicketHolderChangedEvent(
                "o1", "o1/2", 2, "Béa Martin", "Claire Dubois", 2, 1, "bea", false, null));
  }

  @Test
  void a_second_change_by_the_buyer_is_refused_and_the_box_office_needs_a_reason() {
    TicketHolderChangedEvent first =
        new TicketHolderChangedEvent(
            "o1", "o1/1", 1, "Alice Martin", "Claire Dubois", 2, 1, "bea", false, null);
    fixture
        .given(ISSUED, first)
        .when(new ChangeTicketHolderCommand("o1", 1, "Denis Roy", "bea", false, null))
        .expectException(CommandRejectedException.class)
        .expectExceptionMessage(org.hamcrest.Matchers.containsString("ask the box office"))
        .expectNoEvents();
    fixture
        .given(ISSUED, first)
        .when(new ChangeTicketHolderCommand("o1", 1, "Denis Roy", "manager-1", true, " "))
        .expectException(CommandRejectedException.class)
        .expectNoEvents();
    fixture
        .given(ISSUED, first)
        .when(
            new ChangeTicketHolderCommand(
                "o1", 1, "Denis Roy", "manager-1", true, "illness, ID checked at the counter"))
        .expectEvents(
            new TicketHolderChangedEvent(
                "o1",
                "o1/1",
                1,
                "Claire Dubois",
                "Denis Roy",
                3,
                2,
                "manager-1",
                true,
                "illness, ID checked at the counter"));
  }

  @Test
  void the_code_printed_before_the_change_no_longer_admits() {
    fixture
        .given(
            ISSUED,
            new TicketHolderChangedEvent(
                "o1", "o1/1", 1, "Alice Martin", "Claire Dubois", 2, 1, "bea", false, null))
        .when(new AdmitTicketCommand("o1", 1, 1, "ev-1", "nord"))
        .expectEvents(
            new TicketAdmissionRefusedEvent("o1", "o1/1", "ev-1", "nord", Refusal.SUPERSEDED));
  }

  @Test
  void a_used_or_revoked_ticket_keeps_its_name_and_the_same_name_changes_nothing() {
    fixture
        .given(
            ISSUED,
            new TicketAdmittedEvent(
                "o1", "o1/1", "ev-1", "nord", Instant.parse("2027-07-14T19:00:00Z")))
        .when(new ChangeTicketHolderCommand("o1", 1, "Claire Dubois", "bea", false, null))
        .expectException(CommandRejectedException.class)
        .expectNoEvents();
    fixture
        .given(ISSUED, new TicketsRevokedEvent("o1", "ev-1", List.of("o1/1", "o1/2"), "x", "m"))
        .when(new ChangeTicketHolderCommand("o1", 2, "Claire Dubois", "bea", false, null))
        .expectException(CommandRejectedException.class)
        .expectNoEvents();
    fixture
        .given(ISSUED)
        .when(new ChangeTicketHolderCommand("o1", 1, "Alice Martin", "bea", false, null))
        .expectNoEvents();
  }

  @Test
  void tickets_are_issued_once_whatever_payment_asks_again() {
    fixture
        .given(ISSUED)
        .when(
            new IssueTicketsCommand(
                "o1",
                "ev-1",
                "box-office:o1",
                "Someone Else",
                "else@example.org",
                "en",
                List.of(
                    new PaidPlace(
                        "ORCH-A-1", "OR", "Carré Or", "STANDARD", 9000, 0, 9000, "FULL"))))
        .expectNoEvents()
        .expectResultMessagePayload(
            new IssuedTickets("o1", "ev-1", "pay-1", "Béa Martin", ISSUED.tickets()));
  }
}
