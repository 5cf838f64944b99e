package fr.guichet.command.payment;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import fr.guichet.api.payment.PaidPlace;
import fr.guichet.api.payment.PaymentEvent.PaymentAttemptFailedEvent;
import fr.guichet.api.payment.PaymentEvent.PaymentCheckoutOpenedEvent;
import fr.guichet.api.payment.PaymentEvent.PaymentRefundRequestedEvent;
import fr.guichet.api.payment.PaymentEvent.PaymentRefundSentEvent;
import fr.guichet.api.payment.PaymentEvent.PaymentRefundedEvent;
import fr.guichet.api.payment.PaymentEvent.PaymentRequestedEvent;
import fr.guichet.api.payment.PaymentEvent.PaymentSucceededEvent;
import fr.guichet.api.payment.PaymentEvent.RefundReason;
import fr.guichet.api.rejection.CommandRejectedException;
import fr.guichet.api.rejection.Rejection;
import fr.guichet.command.payment.PaymentCommands.DescribePaymentCommand;
import fr.guichet.command.payment.PaymentCommands.RecordBankNotificationCommand;
import fr.guichet.command.payment.PaymentCommands.RecordCheckoutCommand;
import fr.guichet.command.payment.PaymentCommands.RecordRefundSentCommand;
import fr.guichet.command.payment.PaymentCommands.RequestPaymentCommand;
import fr.guichet.command.payment.PaymentCommands.RequestRefundCommand;
import fr.guichet.command.payment.PaymentDetails.PaymentStatus;
import fr.guichet.command.payment.PaymentGateway.BankNotification;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * One payment of one order. The bank's notifications arrive at least once and in any order: each is
 * recorded once (by the bank's event id), a success is final (a failure reported after it changes
 * nothing), and a notification whose amount differs from the payment's is refused.
 */
@Aggregate
class Payment {

  @AggregateIdentifier private String paymentId;
  private String orderId;
  private String eventId;
  private String customerId;
  private String provider;
  private String providerPaymentId;
  private String pageUrl;
  private long amountCents;
  private String currency;
  private List<PaidPlace> places;
  private String holderName;
  private String email;
  private String locale;
  private String mailboxFingerprint;
  private String cardFingerprint;
  private PaymentStatus status;
  private String lastFailureCode;
  private String refundId;
  private RefundReason refundReason;
  private final Set<String> bankEventIds = new HashSet<>();

  Payment() {}

  @CommandHandler
  @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
  void handle(RequestPaymentCommand c) {
    if (status != null) {
      return;
    }
    if (c.amountCents() <= 0) {
      throw new CommandRejectedException(
          Rejection.rule("nothing-to-pay", "An order is never sold at 0: nothing to pay."));
    }
    apply(
        new PaymentRequestedEvent(
            c.paymentId(),
            c.orderId(),
            c.eventId(),
            c.customerId(),
            c.provider(),
            c.amountCents(),
            c.currency(),
            c.places(),
            c.holderName(),
            c.email(),
            c.locale(),
            c.mailboxFingerprint()));
  }

  @CommandHandler
  void handle(RecordCheckoutCommand c) {
    if (providerPaymentId == null) {
      apply(new PaymentCheckoutOpenedEvent(paymentId, orderId, c.providerPaymentId(), c.pageUrl()));
    }
  }

  @CommandHandler
  void handle(RecordBankNotificationCommand c) {
    BankNotification n = c.notification();
    if (n.bankEventId() == null || n.bankEventId().isBlank()) {
      throw new CommandRejectedException(
          Rejection.invalid("bank-event-id", "A bank notification needs its event id."));
    }
    if (bankEventIds.contains(n.bankEventId())) {
      return;
    }
    if (providerPaymentId != null
        && n.providerPaymentId() != null
        && !providerPaymentId.equals(n.providerPaymentId())) {
      throw new CommandRejectedException(
          Rejection.invalid(
              "payment-mismatch",
              "The bank's payment "
                  + n.providerPaymentId()
                  + " is not payment "
                  + paymentId
                  + "."));
    }
    long expected = amountCents;
    if (n.amountCents() != expected || (n.currency() != null && !n.currency().equals(currency))) {
      throw new CommandRejectedException(
          Rejection.invalid(
              "amount-mismatch",
              "The bank reports "
                  + n.amountCents()
                  + " "
                  + n.currency()
                  + " for payment "
                  + paymentId
                  + ", which is "
                  + expected
                  + " "
                  + currency
                  + "."));
    }
    switch (n.type()) {
      case PAYMENT_SUCCEEDED -> {
        if (status == PaymentStatus.AWAITING_BANK) {
          apply(
              new PaymentSucceededEvent(
                  paymentId,
                  orderId,
                  eventId,
                  amountCents,
                  n.bankEventId(),
                  c.source(),
                  customerId,
                  n.cardFingerprint()));
        }
      }
      case PAYMENT_FAILED -> {
        if (status == PaymentStatus.AWAITING_BANK) {
          apply(
              new PaymentAttemptFailedEvent(
                  paymentId, orderId, n.failureCode(), n.bankEventId(), c.source()));
        }
      }
      case REFUND_SUCCEEDED -> {
        if (status == PaymentStatus.REFUND_REQUESTED && n.refundId().equals(refundId)) {
          apply(
              new PaymentRefundedEvent(
                  paymentId, orderId, refundId, amountCents, n.bankEventId(), c.source()));
        }
      }
    }
  }

  @CommandHandler
  PaymentStatus handle(RequestRefundCommand c) {
    if (status == PaymentStatus.SUCCEEDED) {
      apply(
          new PaymentRefundRequestedEvent(
              paymentId,
              orderId,
              eventId,
              paymentId + ":refund",
              amountCents,
              c.reason(),
              c.requestedBy(),
              c.comment()));
    } else if (status == PaymentStatus.AWAITING_BANK) {
      throw new CommandRejectedException(
          Rejection.rule("not-paid", "Payment " + paymentId + " has taken no money to refund."));
    }
    return status;
  }

  @CommandHandler
  void handle(RecordRefundSentCommand c) {
    if (status == PaymentStatus.REFUND_REQUESTED && c.refundId().equals(refundId)) {
      apply(new PaymentRefundSentEvent(paymentId, orderId, refundId));
    }
  }

  @CommandHandler
  PaymentDetails handle(DescribePaymentCommand c) {
    return new PaymentDetails(
        paymentId,
        orderId,
        eventId,
        customerId,
        provider,
        providerPaymentId,
        pageUrl,
        amountCents,
        currency,
        places,
        holderName,
        email,
        locale,
        status,
        lastFailureCode,
        refundId,
        mailboxFingerprint,
        cardFingerprint,
        refundReason);
  }

  @EventSourcingHandler
  void on(PaymentRequestedEvent e) {
    paymentId = e.paymentId();
    orderId = e.orderId();
    eventId = e.eventId();
    customerId = e.customerId();
    provider = e.provider();
    amountCents = e.amountCents();
    currency = e.currency();
    places = e.places();
    holderName = e.holderName();
    email = e.email();
    locale = e.locale();
    mailboxFingerprint = e.mailboxFingerprint();
    status = PaymentStatus.AWAITING_BANK;
  }

  @EventSourcingHandler
  void on(PaymentCheckoutOpenedEvent e) {
    providerPaymentId = e.providerPaymentId();
    pageUrl = e.paymentPageUrl();
  }

  @EventSourcingHandler
  void on(PaymentSucceededEvent e) {
    bankEventIds.add(e.bankEventId());
    cardFingerprint = e.cardFingerprint();
    status = PaymentStatus.SUCCEEDED;
  }

  @EventSourcingHandler
  void on(PaymentAttemptFailedEvent e) {
    bankEventIds.add(e.bankEventId());
    lastFailureCode = e.failureCode();
  }

  @EventSourcingHandler
  void on(PaymentRefundRequestedEvent e) {
    refundId = e.refundId();
    refundReason = e.reason();
    status = PaymentStatus.REFUND_REQUESTED;
  }

  @EventSourcingHandler
  void on(PaymentRefundedEvent e) {
    bankEventIds.add(e.bankEventId());
    status = PaymentStatus.REFUNDED;
  }
}
