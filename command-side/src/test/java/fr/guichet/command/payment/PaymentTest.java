package fr.guichet.command.payment;

import fr.guichet.api.payment.PaidPlace;
import fr.guichet.api.payment.PaymentEvent.PaymentAttemptFailedEvent;
import fr.guichet.api.payment.PaymentEvent.PaymentRefundRequestedEvent;
import fr.guichet.api.payment.PaymentEvent.PaymentRequestedEvent;
import fr.guichet.api.payment.PaymentEvent.PaymentSucceededEvent;
import fr.guichet.api.payment.PaymentEvent.RefundReason;
import fr.guichet.api.payment.PaymentEvent.Source;
import fr.guichet.api.rejection.CommandRejectedException;
import fr.guichet.command.payment.PaymentCommands.RecordBankNotificationCommand;
import fr.guichet.command.payment.PaymentCommands.RequestRefundCommand;
import fr.guichet.command.payment.PaymentGateway.BankNotification;
import fr.guichet.command.payment.PaymentGateway.BankNotification.Type;
import java.time.Instant;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PaymentTest {

  private AggregateTestFixture<Payment> fixture;

  private static final PaymentRequestedEvent REQUESTED =
      new PaymentRequestedEvent(
          "pay-1",
          "order-1",
          "event-1",
          "bea",
          "sandbox",
          18000,
          "EUR",
          List.of(new PaidPlace("ORCH-A-1", "OR", "Carré Or", "FULL", 9000, 0, 9000, "FULL")),
          "Béatrice",
          "bea@example.org",
          "fr",
          "mb_bea");

  private static BankNotification bank(String id, Type type, long amount, String failure) {
    return new BankNotification(
        id,
        type,
        "pay-1",
        "sbx_1",
        amount,
        "EUR",
        failure,
        null,
        Instant.parse("2027-01-01T00:00:00Z"));
  }

  @BeforeEach
  void setUp() {
    fixture = new AggregateTestFixture<>(Payment.class);
  }

  @Test
  void a_success_delivered_twice_is_recorded_once() {
    fixture
        .given(
            REQUESTED,
            new PaymentSucceededEvent(
                "pay-1", "order-1", "event-1", 18000, "evt_1", Source.WEBHOOK, "bea", null))
        .when(
            new RecordBankNotificationCommand(
                "pay-1", bank("evt_1", Type.PAYMENT_SUCCEEDED, 18000, null), Source.WEBHOOK))
        .expectSuccessfulHandlerExecution()
        .expectNoEvents();
  }

  @Test
  void a_success_found_by_reconciliation_after_the_webhook_changes_nothing() {
    fixture
        .given(
            REQUESTED,
            new PaymentSucceededEvent(
                "pay-1", "order-1", "event-1", 18000, "evt_1", Source.WEBHOOK, "bea", null))
        .when(
            new RecordBankNotificationCommand(
                "pay-1", bank("evt_1", Type.PAYMENT_SUCCEEDED, 18000, null), Source.RECONCILIATION))
        .expectNoEvents();
  }

  @Test
  void a_failure_reported_after_the_success_does_not_undo_it() {
    fixture
        .given(
            REQUESTED,
            new PaymentSucceededEvent(
                "pay-1", "order-1", "event-1", 18000, "evt_2", Source.WEBHOOK, "bea", null))
        .when(
            new RecordBankNotificationCommand(
                "pay-1",
                bank("evt_1", Type.PAYMENT_FAILED, 18000, "card_declined"),
                Source.WEBHOOK))
        .expectNoEvents();
  }

  @Test
  void a_failed_attempt_then_a_success_are_both_recorded() {
    fixture
        .given(
            REQUESTED,
            new PaymentAttemptFailedEvent(
                "pay-1", "order-1", "card_declined", "evt_1", Source.WEBHOOK))
        .when(
            new RecordBankNotificationCommand(
                "pay-1", bank("evt_2", Type.PAYMENT_SUCCEEDED, 18000, null), Source.WEBHOOK))
        .expectEvents(
            new PaymentSucceededEvent(
                "pay-1", "order-1", "event-1", 18000, "evt_2", Source.WEBHOOK, "bea", null));
  }

  @Test
  void a_notification_with_another_amount_is_refused_and_changes_nothing() {
    fixture
        .given(REQUESTED)
        .when(
            new RecordBankNotificationCommand(
                "pay-1", bank("evt_1", Type.PAYMENT_SUCCEEDED, 100, null), Source.WEBHOOK))
        .expectException(CommandRejectedException.class)
        .expectNoEvents();
  }

  @Test
  void only_money_taken_can_be_refunded_and_only_once() {
    fixture
        .given(REQUESTED)
        .when(new RequestRefundCommand("pay-1", RefundReason.HOLD_ENDED, "system", "late"))
        .expectException(CommandRejectedException.class);
    fixture
        .given(
            REQUESTED,
            new PaymentSucceededEvent(
                "pay-1", "order-1", "event-1", 18000, "evt_1", Source.WEBHOOK, "bea", null),
            new PaymentRefundRequestedEvent(
                "pay-1",
                "order-1",
                "event-1",
                "pay-1:refund",
                18000,
                RefundReason.HOLD_ENDED,
                "system",
                "late"))
        .when(new RequestRefundCommand("pay-1", RefundReason.HOLD_ENDED, "system", "late"))
        .expectNoEvents();
  }
}
