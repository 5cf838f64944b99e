package fr.guichet.command.payment;

import fr.guichet.api.event.EventCommand.SellHeldPlacesCommand;
import fr.guichet.api.event.HoldOutcome;
import fr.guichet.api.event.HoldOutcome.HoldStatus;
import fr.guichet.api.order.OrderDomainEvent.OrderConfirmedEvent;
import fr.guichet.api.payment.PaidPlace;
import fr.guichet.api.payment.PaymentEvent.PaymentSucceededEvent;
import fr.guichet.api.payment.PaymentEvent.RefundReason;
import fr.guichet.command.order.BoxOfficeSale;
import fr.guichet.command.order.DescribeBoxOfficeSaleCommand;
import fr.guichet.command.payment.PaymentCommands.DescribePaymentCommand;
import fr.guichet.command.payment.PaymentCommands.RequestRefundCommand;
import fr.guichet.command.ticket.TicketCommands.IssueTicketsCommand;
import fr.guichet.command.ticket.TicketCommands.IssuedTickets;
import java.util.List;
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
 * A sale taken at the box office's counter gets its tickets the same way, once its order is
 * confirmed. Every step is idempotent: the tracking processor may deliver an event again after a
 * crash.
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
    if (outcome.status() == HoldStatus.SOLD_TO_OTHER_PAYMENT) {
      log.info(
          "Order {} was already sold to another payment (box office or bank): refunding payment {}",
          event.orderId(),
          event.paymentId());
      commands.sendAndWait(
          new RequestRefundCommand(
              event.paymentId(),
              RefundReason.DUPLICATE_PAYMENT,
              "system",
              "The order's places were already sold to another payment"));
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
        issueTickets(
            event.orderId(),
            event.eventId(),
            event.paymentId(),
            payment.holderName(),
            payment.email(),
            payment.locale(),
            payment.places());
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

  /**
   * An order the box office was paid for at its counter is confirmed (its places sold, or bought by
   * a late payment the event accepts): its tickets are issued as for a bank sale, with the names
   * and e-mail the box office recorded, and the tickets e-mail follows ({@code buyer-mail}) when
   * the buyer gave an address. Orders paid through the bank get theirs above.
   */
  @EventHandler
  void on(OrderConfirmedEvent event) {
    if (!BoxOfficeSale.isReference(event.orderId(), event.paymentReference())) {
      return;
    }
    BoxOfficeSale sale = commands.sendAndWait(new DescribeBoxOfficeSaleCommand(event.orderId()));
    IssuedTickets issued =
        issueTickets(
            sale.orderId(),
            sale.eventId(),
            sale.paymentReference(),
            sale.holderName(),
            sale.email(),
            sale.locale(),
            sale.places());
    if (!issued.paymentId().equals(sale.paymentReference())) {
      log.warn(
          "Order {} sold at the box office already had tickets for payment {}",
          event.orderId(),
          issued.paymentId());
    }
  }

  /** One ticket per paid place, once per order: answers the order's tickets, however issued. */
  private IssuedTickets issueTickets(
      String orderId,
      String eventId,
      String paymentId,
      String holderName,
      String email,
      String locale,
      List<PaidPlace> places) {
    return commands.sendAndWait(
        new IssueTicketsCommand(orderId, eventId, paymentId, holderName, email, locale, places));
  }
}
