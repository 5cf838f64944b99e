package fr.guichet.command.payment;

import fr.guichet.api.payment.PaidPlace;
import fr.guichet.api.payment.PaymentEvent.PaymentRefundRequestedEvent;
import fr.guichet.api.payment.PaymentEvent.PaymentRefundSentEvent;
import fr.guichet.api.payment.PaymentEvent.PaymentRefundedEvent;
import fr.guichet.api.payment.PaymentEvent.PaymentRequestedEvent;
import fr.guichet.api.payment.PaymentEvent.PaymentSucceededEvent;
import fr.guichet.api.payment.PaymentEvent.RefundReason;
import fr.guichet.api.payment.PaymentEvent.Source;
import fr.guichet.api.rejection.CommandRejectedException;
import fr.guichet.command.payment.PaymentCommands.DescribePaymentCommand;
import fr.guichet.command.payment.PaymentCommands.RecordBankNotificationCommand;
import fr.guichet.command.payment.PaymentCommands.RecordRefundSentCommand;
import fr.guichet.command.payment.PaymentCommands.RequestPartialRefundCommand;
import fr.guichet.command.payment.PaymentCommands.RequestRefundCommand;
import fr.guichet.command.payment.PaymentDetails.PaymentStatus;
import fr.guichet.command.payment.PaymentGateway.BankNotification;
import fr.guichet.command.payment.PaymentGateway.BankNotification.Type;
import java.time.Instant;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Money goes back in parts (cancelled places), each once, never more than was taken. */
class PartialRefundTest {

  private static final PaymentRequestedEvent REQUESTED =
      new PaymentRequestedEvent(
          "pay-1",
          "order-1",
          "event-1",
          "bea",
          "sandbox",
          18000,
          "EUR",
          List.of(
              new PaidPlace("ORCH-A-1", "OR", "Carré Or", "FULL", 9000, 0, 9000, "FULL"),
              new PaidPlace("ORCH-A-2", "OR", "Carré Or", "FULL", 9000, 0, 9000, "FULL")),
          "Béatrice",
          "bea@example.org",
          "fr",
          null);
  private static final PaymentSucceededEvent SUCCEEDED =
      new PaymentSucceededEvent(
          "pay-1", "order-1", "event-1", 18000, "evt_1", Source.WEBHOOK, "bea", null);
  private static final PaymentRefundRequestedEvent PART_REQUESTED =
      new PaymentRefundRequestedEvent(
          "pay-1",
          "order-1",
          "event-1",
          "pay-1:refund:c1",
          9000,
          RefundReason.PLACES_CANCELLED,
          "manager-1",
          "seat broken");

  private AggregateTestFixture<Payment> fixture;

  @BeforeEach
  void setUp() {
    fixture = new AggregateTestFixture<>(Payment.class);
  }

  private static RequestPartialRefundCommand part(String refundId, long cents) {
    return new RequestPartialRefundCommand(
        "pay-1", refundId, cents, List.of("ORCH-A-2"), "manager-1", "seat broken");
  }

  private static RecordBankNotificationCommand refunded(
      String eventId, String refundId, long cents) {
    return new RecordBankNotificationCommand(
        "pay-1",
        new BankNotification(
            eventId,
            Type.REFUND_SUCCEEDED,
            "pay-1",
            "sbx_1",
            cents,
            "EUR",
            null,
            refundId,
            Instant.parse("2027-01-01T00:00:00Z")),
        Source.WEBHOOK);
  }

  @Test
  void a_partial_refund_names_the_manager_and_reason_and_leaves_the_rest_paid() {
    fixture
        .given(REQUESTED, SUCCEEDED)
        .when(part("pay-1:refund:c1", 9000))
        .expectEvents(PART_REQUESTED)
        .expectResultMessagePayload(PaymentStatus.PARTLY_REFUNDED);
  }

  @Test
  void the_same_partial_refund_again_changes_nothing() {
    fixture
        .given(REQUESTED, SUCCEEDED, PART_REQUESTED)
        .when(part("pay-1:refund:c1", 9000))
        .expectNoEvents();
  }

  @Test
  void no_refund_gives_back_more_than_is_left_or_before_the_money_was_taken() {
    fixture
        .given(REQUESTED, SUCCEEDED, PART_REQUESTED)
        .when(part("pay-1:refund:c2", 9001))
        .expectNoEvents()
        .expectException(CommandRejectedException.class)
        .expectExceptionMessage(Matchers.containsString("9000 cents left"));
    fixture
        .given(REQUESTED)
        .when(part("pay-1:refund:c1", 9000))
        .expectNoEvents()
        .expectException(CommandRejectedException.class);
  }

  @Test
  void the_bank_confirms_a_partial_refund_with_its_own_amount() {
    fixture
        .given(REQUESTED, SUCCEEDED, PART_REQUESTED)
        .when(refunded("evt_r1", "pay-1:refund:c1", 9000))
        .expectEvents(
            new PaymentRefundedEvent(
                "pay-1", "order-1", "pay-1:refund:c1", 9000, "evt_r1", Source.WEBHOOK));
    fixture
        .given(REQUESTED, SUCCEEDED, PART_REQUESTED)
        .when(refunded("evt_r1", "pay-1:refund:c1", 18000))
        .expectNoEvents()
        .expectException(CommandRejectedException.class);
    fixture
        .given(REQUESTED, SUCCEEDED, PART_REQUESTED)
        .when(new RecordRefundSentCommand("pay-1", "pay-1:refund:c1"))
        .expectEvents(new PaymentRefundSentEvent("pay-1", "order-1", "pay-1:refund:c1"));
  }

  @Test
  void a_whole_refund_after_a_partial_one_gives_back_only_the_rest_and_all_refunded_is_refunded() {
    PaymentRefundRequestedEvent rest =
        new PaymentRefundRequestedEvent(
            "pay-1",
            "order-1",
            "event-1",
            "pay-1:refund",
            9000,
            RefundReason.ORDER_CANCELLED,
            "manager-2",
            "dispute");
    fixture
        .given(REQUESTED, SUCCEEDED, PART_REQUESTED)
        .when(
            new RequestRefundCommand("pay-1", RefundReason.ORDER_CANCELLED, "manager-2", "dispute"))
        .expectEvents(rest);
    fixture
        .given(
            REQUESTED,
            SUCCEEDED,
            PART_REQUESTED,
            rest,
            new PaymentRefundedEvent(
                "pay-1", "order-1", "pay-1:refund:c1", 9000, "evt_r1", Source.WEBHOOK),
            new PaymentRefundedEvent(
                "pay-1", "order-1", "pay-1:refund", 9000, "evt_r2", Source.WEBHOOK))
        .when(new DescribePaymentCommand("pay-1"))
        .expectResultMessagePayloadMatching(
            Matchers.<Object>allOf(
                Matchers.instanceOf(PaymentDetails.class),
                Matchers.hasToString(Matchers.containsString("status=REFUNDED")),
                Matchers.hasToString(Matchers.containsString("refundedCents=18000"))));
  }
}
