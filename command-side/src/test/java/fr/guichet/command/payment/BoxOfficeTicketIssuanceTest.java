package fr.guichet.command.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import fr.guichet.api.order.OrderDomainEvent.OrderConfirmedEvent;
import fr.guichet.api.payment.PaidPlace;
import fr.guichet.command.order.BoxOfficeSale;
import fr.guichet.command.order.DescribeBoxOfficeSaleCommand;
import fr.guichet.command.ticket.TicketCommands.IssueTicketsCommand;
import fr.guichet.command.ticket.TicketCommands.IssuedTickets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An order sold at the box office's counter gets its tickets through the same command as a bank
 * sale, with the holders and e-mail the box office recorded; other confirmations are the bank's.
 */
class BoxOfficeTicketIssuanceTest {

  static final String ORDER = "order-7";
  static final List<PaidPlace> PLACES =
      List.of(
          new PaidPlace("ORCH-A-1", "OR", "Carré Or", "STANDARD", 9000, 0, 9000, "FULL"),
          new PaidPlace("ORCH-A-2", "OR", "Carré Or", "STANDARD", 9000, 0, 9000, "FULL")
              .withHolder("Bruno Martin"));
  static final BoxOfficeSale SALE =
      new BoxOfficeSale(
          ORDER, "event-1", "box-office:" + ORDER, "Béa Martin", "bea@example.org", "en", PLACES);

  private final List<Object> sent = new CopyOnWriteArrayList<>();
  private CommandGateway commands;
  private PaymentConfirmationProcess process;

  @BeforeEach
  void setUp() {
    commands = mock(CommandGateway.class);
    when(commands.sendAndWait(any()))
        .thenAnswer(
            call -> {
              Object command = call.getArgument(0);
              sent.add(command);
              if (command instanceof DescribeBoxOfficeSaleCommand) {
                return SALE;
              }
              if (command instanceof IssueTicketsCommand issue) {
                return new IssuedTickets(
                    issue.orderId(), issue.eventId(), issue.paymentId(), "Béa Martin", List.of());
              }
              throw new AssertionError("Unexpected command " + command);
            });
    process = new PaymentConfirmationProcess(commands);
  }

  @Test
  void a_box_office_sale_issues_the_tickets_with_its_holders_and_e_mail() {
    process.on(new OrderConfirmedEvent(ORDER, "event-1", "box-office:" + ORDER));

    assertThat(sent)
        .containsExactly(
            new DescribeBoxOfficeSaleCommand(ORDER),
            new IssueTicketsCommand(
                ORDER,
                "event-1",
                "box-office:" + ORDER,
                "Béa Martin",
                "bea@example.org",
                "en",
                PLACES));
  }

  @Test
  void an_order_confirmed_by_a_bank_payment_gets_its_tickets_from_the_payment_not_from_here() {
    process.on(new OrderConfirmedEvent(ORDER, "event-1", "pay-42"));
    process.on(new OrderConfirmedEvent(ORDER, "event-1", "box-office:another-order"));

    assertThat(sent).isEmpty();
  }
}
