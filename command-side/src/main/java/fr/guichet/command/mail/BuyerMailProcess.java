package fr.guichet.command.mail;

import fr.guichet.api.order.OrderDomainEvent.OrderPlacesCancelledEvent;
import fr.guichet.api.payment.PaymentEvent.PaymentRefundRequestedEvent;
import fr.guichet.api.payment.PaymentEvent.RefundReason;
import fr.guichet.api.ticket.IssuedTicket;
import fr.guichet.api.ticket.TicketEvent.TicketsIssuedEvent;
import fr.guichet.command.order.BoxOfficeSale;
import fr.guichet.command.order.DescribeBoxOfficeSaleCommand;
import fr.guichet.command.payment.PaymentCommands.DescribePaymentCommand;
import fr.guichet.command.payment.PaymentDetails;
import fr.guichet.command.ticket.PlaceNames;
import fr.guichet.command.ticket.TicketCodes;
import fr.guichet.command.ticket.TicketCommands.DescribeTicketsCommand;
import fr.guichet.command.ticket.TicketCommands.IssuedTickets;
import jakarta.mail.MessagingException;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;

/**
 * Sends the buyer's e-mails: tickets on confirmation, the refund notice of a late payment or of a
 * cancelled order, the notice of cancelled places (naming them and what goes back). Each mail is
 * sent once (see {@link MailRecord}); an SMTP failure propagates, so the tracking processor retries
 * the event with backoff until the server accepts it.
 */
@Component
@ProcessingGroup(BuyerMailProcess.NAME)
class BuyerMailProcess {

  static final String NAME = "buyer-mail";
  private static final Logger log = LoggerFactory.getLogger(BuyerMailProcess.class);

  private final CommandGateway commands;
  private final MailOnce once;
  private final BuyerMails mails;
  private final PlaceNames placeNames;

  BuyerMailProcess(
      CommandGateway commands,
      ObjectProvider<JavaMailSender> mailer,
      TicketCodes codes,
      PlaceNames placeNames,
      @Value("${guichet.mail.from:billetterie@guichet.localhost}") String from) {
    this.commands = commands;
    this.once = new MailOnce(commands, mailer);
    this.mails = new BuyerMails(codes, from);
    this.placeNames = placeNames;
  }

  @EventHandler
  @DisallowReplay
  void on(TicketsIssuedEvent e) throws MessagingException {
    if (e.email() == null || e.email().isBlank()) {
      log.info(
          "Order {}: tickets issued without an e-mail address (printed at the box office)",
          e.orderId());
      return;
    }
    send(
        "mail-tickets-" + e.orderId(),
        "TICKETS",
        e.orderId(),
        e.email(),
        e.locale(),
        sender ->
            mails.tickets(
                sender,
                e.email(),
                e.locale(),
                e.orderId(),
                e.eventId(),
                e.holderName(),
                e.tickets(),
                placeNames.of(
                    e.eventId(), e.tickets().stream().map(IssuedTicket::placeId).toList())));
  }

  /**
   * A manager cancelled some places of the order: the buyer is told which, and what goes back, in
   * the language of their payment (or of the box office's sale); without an address, nothing.
   */
  @EventHandler
  @DisallowReplay
  void on(OrderPlacesCancelledEvent e) throws MessagingException {
    IssuedTickets tickets = commands.sendAndWait(new DescribeTicketsCommand(e.orderId()));
    String email;
    String locale;
    boolean atCounter = BoxOfficeSale.isReference(e.orderId(), tickets.paymentId());
    if (atCounter) {
      BoxOfficeSale sale = commands.sendAndWait(new DescribeBoxOfficeSaleCommand(e.orderId()));
      email = sale.email();
      locale = sale.locale();
    } else {
      PaymentDetails p = commands.sendAndWait(new DescribePaymentCommand(tickets.paymentId()));
      email = p.email();
      locale = p.locale();
    }
    if (email == null || email.isBlank()) {
      log.info("Order {}: places cancelled, no e-mail address to tell", e.orderId());
      return;
    }
    send(
        "mail-places-cancellation-" + e.orderId() + "-" + e.cancellationId(),
        "PLACES_CANCELLATION",
        e.orderId(),
        email,
        locale,
        sender ->
            mails.placesCancellation(
                sender,
                email,
                locale,
                e.orderId(),
                e.placeIds(),
                placeNames.of(e.eventId(), e.placeIds()),
                e.refundCents(),
                e.remainingPlaceIds().isEmpty(),
                atCounter,
                e.reason()));
  }

  @EventHandler
  @DisallowReplay
  void on(PaymentRefundRequestedEvent e) throws MessagingException {
    if (e.reason() == RefundReason.PLACES_CANCELLED) {
      return; // told with the cancelled places (OrderPlacesCancelledEvent)
    }
    PaymentDetails p = commands.sendAndWait(new DescribePaymentCommand(e.paymentId()));
    if (e.reason() == RefundReason.ORDER_CANCELLED) {
      send(
          "mail-cancellation-" + e.paymentId(),
          "CANCELLATION",
          e.orderId(),
          p.email(),
          p.locale(),
          sender ->
              mails.cancellation(
                  sender, p.email(), p.locale(), e.orderId(), e.amountCents(), e.comment()));
    } else if (e.reason() == RefundReason.PURCHASE_CAP) {
      send(
          "mail-refund-" + e.paymentId(),
          "PURCHASE_CAP_REFUND",
          e.orderId(),
          p.email(),
          p.locale(),
          sender ->
              mails.purchaseCapRefund(sender, p.email(), p.locale(), e.orderId(), e.amountCents()));
    } else {
      send(
          "mail-refund-" + e.paymentId(),
          "LATE_PAYMENT_REFUND",
          e.orderId(),
          p.email(),
          p.locale(),
          sender -> mails.lateRefund(sender, p.email(), p.locale(), e.orderId(), e.amountCents()));
    }
  }

  private void send(
      String mailKey,
      String kind,
      String orderId,
      String to,
      String locale,
      MailOnce.Composer composer)
      throws MessagingException {
    once.send(mailKey, kind, orderId, to, locale, composer);
  }
}
