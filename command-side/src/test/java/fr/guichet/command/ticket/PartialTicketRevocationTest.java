package fr.guichet.command.ticket;

import fr.guichet.api.ticket.IssuedTicket;
import fr.guichet.api.ticket.TicketEvent.Refusal;
import fr.guichet.api.ticket.TicketEvent.TicketAdmissionRefusedEvent;
import fr.guichet.api.ticket.TicketEvent.TicketAdmittedEvent;
import fr.guichet.api.ticket.TicketEvent.TicketsIssuedEvent;
import fr.guichet.api.ticket.TicketEvent.TicketsRevokedEvent;
import fr.guichet.command.ticket.TicketCommands.AdmitTicketCommand;
import fr.guichet.command.ticket.TicketCommands.DescribeTicketsCommand;
import fr.guichet.command.ticket.TicketCommands.IssuedTickets;
import fr.guichet.command.ticket.TicketCommands.RevokePlaceTicketsCommand;
import fr.guichet.command.ticket.TicketCommands.RevokeTicketsCommand;
import java.time.Instant;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The tickets of cancelled places are refused at the door; the order's other tickets stay valid.
 */
class PartialTicketRevocationTest {

  private static final IssuedTicket FIRST =
      new IssuedTicket("o1/1", 1, "ORCH-A-1", "OR", "Carré Or", 9000, 1, "Alice");
  private static final IssuedTicket SECOND =
      new IssuedTicket("o1/2", 2, "ORCH-A-2", "OR", "Carré Or", 6300, 1, "Bob");
  private static final TicketsIssuedEvent ISSUED =
      new TicketsIssuedEvent(
          "o1", "ev-1", "pay-1", "Béa", "bea@example.org", "fr", List.of(FIRST, SECOND));
  private static final TicketsRevokedEvent SECOND_REVOKED =
      new TicketsRevokedEvent("o1", "ev-1", List.of("o1/2"), "seat broken", "manager-1");
  private static final Instant NOW = Instant.parse("2027-03-01T20:00:00Z");

  private AggregateTestFixture<OrderTickets> fixture;

  @BeforeEach
  void setUp() {
    fixture = new AggregateTestFixture<>(OrderTickets.class);
  }

  @Test
  void revoking_the_places_tickets_names_the_manager_and_reason() {
    fixture
        .given(ISSUED)
        .when(new RevokePlaceTicketsCommand("o1", List.of("ORCH-A-2"), "seat broken", "manager-1"))
        .expectEvents(SECOND_REVOKED)
        .expectResultMessagePayload(List.of("o1/2"));
  }

  @Test
  void revoking_them_again_changes_nothing() {
    fixture
        .given(ISSUED, SECOND_REVOKED)
        .when(new RevokePlaceTicketsCommand("o1", List.of("ORCH-A-2"), "seat broken", "manager-1"))
        .expectNoEvents()
        .expectResultMessagePayload(List.of());
  }

  @Test
  void the_revoked_ticket_is_refused_at_the_door_and_the_other_admitted() {
    fixture
        .given(ISSUED, SECOND_REVOKED)
        .andGivenCurrentTime(NOW)
        .when(new AdmitTicketCommand("o1", 2, 1, "ev-1", "door-1"))
        .expectEvents(
            new TicketAdmissionRefusedEvent("o1", "o1/2", "ev-1", "door-1", Refusal.REVOKED));
    setUp();
    fixture
        .given(ISSUED, SECOND_REVOKED)
        .andGivenCurrentTime(NOW)
        .when(new AdmitTicketCommand("o1", 1, 1, "ev-1", "door-1"))
        .expectEvents(new TicketAdmittedEvent("o1", "o1/1", "ev-1", "door-1", NOW));
  }

  @Test
  void the_order_lists_only_its_valid_tickets_and_a_whole_revocation_takes_the_rest() {
    fixture
        .given(ISSUED, SECOND_REVOKED)
        .when(new DescribeTicketsCommand("o1"))
        .expectResultMessagePayload(
            new IssuedTickets("o1", "ev-1", "pay-1", "Béa", List.of(FIRST)));
    fixture
        .given(ISSUED, SECOND_REVOKED)
        .when(new RevokeTicketsCommand("o1", "dispute", "manager-2"))
        .expectEvents(
            new TicketsRevokedEvent("o1", "ev-1", List.of("o1/1"), "dispute", "manager-2"));
  }
}
