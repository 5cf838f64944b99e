package fr.guichet.command.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import fr.guichet.api.event.EventCommand.SellHeldPlacesCommand;
import fr.guichet.api.event.HoldOutcome;
import fr.guichet.api.event.HoldOutcome.HoldStatus;
import fr.guichet.api.payment.PaymentEvent.PaymentSucceededEvent;
import fr.guichet.api.payment.PaymentEvent.RefundReason;
import fr.guichet.api.payment.PaymentEvent.Source;
import fr.guichet.command.payment.PaymentCommands.DescribePaymentCommand;
import fr.guichet.command.payment.PaymentCommands.RequestRefundCommand;
import fr.guichet.command.ticket.TicketCommands.IssueTicketsCommand;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;

/**
 * A bank payment that succeeds for an order whose places the box office's counter already sold
 * loses the race: it is refunded (an event on the payment), and it issues no tickets.
 */
class PaymentRaceTest {

  @Test
  void a_bank_payment_losing_to_the_box_office_is_refunded_and_issues_no_tickets() {
    List<Object> sent = new CopyOnWriteArrayList<>();
    CommandGateway commands = mock(CommandGateway.class);
    when(commands.sendAndWait(any()))
        .thenAnswer(
            call -> {
              Object command = call.getArgument(0);
              sent.add(command);
              if (command instanceof DescribePaymentCommand) {
                return new PaymentDetails(
                    "pay-9",
                    "order-9",
                    "event-1",
                    "bea",
                    "sandbox",
                    "sbx_9",
                    null,
                    9000,
                    "EUR",
                    List.of(),
                    "Béa",
                    "bea@example.org",
                    "fr",
                    PaymentDetails.PaymentStatus.SUCCEEDED,
                    null,
                    null,
                    null,
                    null,
                    null,
                    0);
              }
              if (command instanceof SellHeldPlacesCommand) {
                return new HoldOutcome(
                    "event-1",
                    "order-9",
                    List.of("ORCH-A-1"),
                    Instant.parse("2027-01-01T10:10:00Z"),
                    HoldStatus.SOLD_TO_OTHER_PAYMENT);
              }
              if (command instanceof RequestRefundCommand) {
                return PaymentDetails.PaymentStatus.REFUND_REQUESTED;
              }
              throw new AssertionError("Unexpected command " + command);
            });

    new PaymentConfirmationProcess(commands)
        .on(
            new PaymentSucceededEvent(
                "pay-9", "order-9", "event-1", 9000, "evt_1", Source.WEBHOOK, "bea", null));

    assertThat(sent)
        .contains(
            new RequestRefundCommand(
                "pay-9",
                RefundReason.DUPLICATE_PAYMENT,
                "system",
                "The order's places were already sold to another payment"))
        .noneMatch(IssueTicketsCommand.class::isInstance);
  }
}
