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
import fr.guichet.command.payment.PaymentCommands.RequestPartialRefundCommand;
import fr.guichet.command.payment.PaymentCommands.RequestPaymentCommand;
import fr.guichet.command.payment.PaymentCommands.RequestRefundCommand;
import fr.guichet.command.payment.PaymentDetails.PaymentStatus;
import fr.guichet.command.payment.PaymentGateway.BankNotification;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * nothing), and a notification whose amount differs from the payment's (a refund's: from that
 * refund's) is refused. Money goes back in one refund, or in several partial ones (cancelled
 * places), never more than was taken.
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
  private final Map<String, Long> refunds = new LinkedHashMap<>();
  private final Set<String> refundsDone = new HashSet<>();
  private final Set<String> refundsSent = new HashSet<>();
  private long refundRequestedCents;

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
    long expected =
        n.type() == BankNotification.Type.REFUND_SUCCEEDED
                && n.refundId() != null
                && refunds.containsKey(n.refundId())
            ? refunds.get(n.refundId())
            : amountCents;
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
        if (n.refundId() != null
            && refunds.containsKey(n.refundId())
            && !refundsDone.contains(n.refundId())) {
          apply(
              new PaymentRefundedEvent(
                  paymentId,
                  orderId,
                  n.refundId(),
                  refunds.get(n.refundId()),
                  n.bankEventId(),
                  c.source()));
        }
      }
    }
  }

  /** Gives back all the money not yet given back (all of it without partial refunds), once. */
  @CommandHandler
  PaymentStatus handle(RequestRefundCommand c) {
    String wholeRefund = paymentId + ":refund";
    if ((status == PaymentStatus.SUCCEEDED || status == PaymentStatus.PARTLY_REFUNDED)
        && !refunds.containsKey(wholeRefund)
        && amountCents > refundRequestedCents) {
      apply(
          new PaymentRefundRequestedEvent(
              paymentId,
              orderId,
              eventId,
              wholeRefund,
              amountCents - refundRequestedCents,
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
  PaymentStatus handle(RequestPartialRefundCommand c) {
    if (refunds.containsKey(c.refundId())) {
      return status;
    }
    if (status == PaymentStatus.AWAITING_BANK) {
      throw new CommandRejectedException(
          Rejection.rule("not-paid", "Payment " + paymentId + " has taken no money to refund."));
    }
    if (c.amountCents() <= 0) {
      throw new CommandRejectedException(
          Rejection.invalid("amount", "A refund gives back more than 0."));
    }
    long left = amountCents - refundRequestedCents;
    if (c.amountCents() > left) {
      throw new CommandRejectedException(
          Rejection.conflict(
              "refund-exceeds-payment",
              "Payment "
                  + paymentId
                  + " has "
                  + left
                  + " cents left to give back, not "
                  + c.amountCents()
                  + ".",
              c.placeIds() == null ? List.of() : c.placeIds()));
    }
    apply(
        new PaymentRefundRequestedEvent(
            paymentId,
            orderId,
            eventId,
            c.refundId(),
            c.amountCents(),
            RefundReason.PLACES_CANCELLED,
            c.requestedBy(),
            c.comment()));
    return status;
  }

  @CommandHandler
  void handle(RecordRefundSentCommand c) {
    if (refunds.containsKey(c.refundId())
        && !refundsDone.contains(c.refundId())
        && !refundsSent.contains(c.refundId())) {
      apply(new PaymentRefundSentEvent(paymentId, orderId, c.refundId()));
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
        refundReason,
        refundRequestedCents);
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
    refunds.put(e.refundId(), e.amountCents());
    refundRequestedCents += e.amountCents();
    status =
        refundRequestedCents >= amountCents
            ? PaymentStatus.REFUND_REQUESTED
            : PaymentStatus.PARTLY_REFUNDED;
  }

  @EventSourcingHandler
  void on(PaymentRefundSentEvent e) {
    refundsSent.add(e.refundId());
  }

  @EventSourcingHandler
  void on(PaymentRefundedEvent e) {
    bankEventIds.add(e.bankEventId());
    refundsDone.add(e.refundId());
    if (status == PaymentStatus.REFUND_REQUESTED && refundsDone.containsAll(refunds.keySet())) {
      status = PaymentStatus.REFUNDED;
    }
  }
}
