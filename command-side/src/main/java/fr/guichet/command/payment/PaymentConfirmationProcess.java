package fr.guichet.command.payment;

import fr.guichet.api.event.EventCommand.SellHeldPlacesCommand;
import fr.guichet.api.event.HoldOutcome;
import fr.guichet.api.event.HoldOutcome.HoldStatus;
import fr.guichet.api.payment.PaymentEvent.PaymentSucceededEvent;
import fr.guichet.api.payment.PaymentEvent.RefundReason;
import fr.guichet.command.payment.PaymentCommands.DescribePaymentCommand;
import fr.guichet.command.payment.PaymentCommands.RequestRefundCommand;
import fr.guichet.command.ticket.TicketCommands.IssueTicketsCommand;
import fr.guichet.command.ticket.TicketCommands.IssuedTickets;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * A successful payment asks the order's Event to sell the held places; the Event decides, with the
 * hold's validity, whether they are sold. Sold: the order's tickets are issued (once per order).
 * Too late: the Event records the late payment (and the order is marked for refund through {@code
 * PaymentAfterHoldEndedEvent}), and the money goes back automatically. Over a purchase cap (the
 * card or the buyer's verified mailbox already bought the event's per-buyer limit): the Event
 * refuses the sale and releases the hold, and the money goes back with reason {@code PURCHASE_CAP}.
 * Every step is idempotent: the tracking processor may deliver an event again after a crash.
 */
@Component
@ProcessingGroup(PaymentConfirmationProcess.NAME)
class PaymentConfirmationProcess {

  static final String NAME = "payment-confirmation";
  private static final Logger log = LoggerFactory.getLogger(PaymentConfirmationProcess.class);

  private final CommandGateway commands;

  PaymentConfirmationProcess(CommandGateway commands) {
    this.commands = commands;
  }

  @EventHandler
  void on(PaymentSucceededEvent event) {
    PaymentDetails payment = commands.sendAndWait(new DescribePaymentCommand(event.paymentId()));
    HoldOutcome outcome =
        commands.sendAndWait(
            new SellHeldPlacesCommand(
                event.eventId(),
                event.orderId(),
                event.paymentId(),
                event.cardFingerprint(),
                payment.mailboxFingerprint()));
    if (outcome.status() == HoldStatus.REFUSED) {
      log.info(
          "Payment {} of order {} is over a purchase cap: refunding",
          event.paymentId(),
          event.orderId());
      commands.sendAndWait(
          new RequestRefundCommand(
              event.paymentId(),
              RefundReason.PURCHASE_CAP,
              "system",
              "This card or e-mail address already bought the event's limit of places"));
      return;
    }
    if (outcome.status() != HoldStatus.SOLD) {
      log.info(
          "Payment {} of order {} came after its hold ended ({}): refunding",
          event.paymentId(),
          event.orderId(),
          outcome.status());
      commands.sendAndWait(
          new RequestRefundCommand(
              event.paymentId(),
              RefundReason.HOLD_ENDED,
              "system",
              "Paid after the hold ended (" + outcome.status() + ")"));
      return;
    }
    IssuedTickets issued =
        commands.sendAndWait(
            new IssueTicketsCommand(
                event.orderId(),
                event.eventId(),
                event.paymentId(),
                payment.holderName(),
                payment.email(),
                payment.locale(),
                payment.places()));
    if (!issued.paymentId().equals(event.paymentId())) {
      log.info(
          "Order {} was already paid by {}: refunding payment {}",
          event.orderId(),
          issued.paymentId(),
          event.paymentId());
      commands.sendAndWait(
          new RequestRefundCommand(
              event.paymentId(),
              RefundReason.DUPLICATE_PAYMENT,
              "system",
              "Order already paid by " + issued.paymentId()));
    }
  }
}
