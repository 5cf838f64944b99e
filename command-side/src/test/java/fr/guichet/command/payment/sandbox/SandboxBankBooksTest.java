package fr.guichet.command.payment.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import fr.guichet.command.payment.PaymentGateway.BankNotification;
import fr.guichet.command.payment.PaymentGateway.CheckoutRequest;
import fr.guichet.command.payment.PaymentGateway.RefundRequest;
import fr.guichet.command.payment.WebhookSignature;
import fr.guichet.command.payment.sandbox.SandboxBank.CardOutcome;
import fr.guichet.command.payment.sandbox.SandboxBank.Status;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

/**
 * The sandbox bank's books in a real (H2, in-memory) database created by the platform's own DDL: a
 * second bank on the same database — the platform after a restart — sees what the first one did.
 */
class SandboxBankBooksTest {

  private final String url = "jdbc:h2:mem:sandbox-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
  private JdbcTemplate jdbc;
  private SandboxBank first;
  private SandboxBank second;

  /** Nobody listens there: every webhook attempt fails, as when the platform is down. */
  private static final SandboxAddresses NOWHERE =
      new SandboxAddresses() {
        @Override
        public URI pageUrl(String providerPaymentId) {
          return URI.create("http://127.0.0.1:9/sandbox-bank/pay/" + providerPaymentId);
        }

        @Override
        public URI webhookUrl() {
          return URI.create("http://127.0.0.1:9/api/payments/webhooks/sandbox");
        }
      };

  @BeforeEach
  void createTables() {
    DriverManagerDataSource dataSource = new DriverManagerDataSource(url);
    new ResourceDatabasePopulator(new ClassPathResource("db/sandbox-bank-h2.sql"))
        .execute(dataSource);
    jdbc = new JdbcTemplate(dataSource);
    first = bank();
    second = bank();
  }

  @AfterEach
  void stop() {
    first.shutdown();
    second.shutdown();
  }

  private SandboxBank bank() {
    return new SandboxBank(
        new SandboxBankStore(jdbc),
        new WebhookSignature("whsec_test", Duration.ofMinutes(5), Clock.systemUTC()),
        NOWHERE,
        Clock.systemUTC(),
        Duration.ofHours(1),
        1,
        new byte[32]);
  }

  private static CheckoutRequest checkout(String paymentId) {
    return new CheckoutRequest(
        paymentId, "order-1", 9000, "EUR", "Festival — 1 place", "en", "/checkout.html?order=o");
  }

  @Test
  void a_payment_opened_before_a_restart_is_still_known_and_opening_it_again_changes_nothing() {
    var opened = first.openCheckout(checkout("pay-1"));
    assertThat(second.openCheckout(checkout("pay-1")).providerPaymentId())
        .isEqualTo(opened.providerPaymentId());
    var known = second.payment(opened.providerPaymentId());
    assertThat(known.status()).isEqualTo(Status.REQUIRES_CARD);
    assertThat(known.amountCents()).isEqualTo(9000);
    assertThat(known.locale()).isEqualTo("en");
    assertThat(known.returnUrl("succeeded"))
        .isEqualTo("/checkout.html?order=o&payment=pay-1&outcome=succeeded");
    assertThat(second.submitCard(opened.providerPaymentId(), SandboxBank.CARD_SUCCESS))
        .isEqualTo(CardOutcome.SUCCEEDED);
    assertThat(first.submitCard(opened.providerPaymentId(), SandboxBank.CARD_SUCCESS))
        .as("the money is taken once, whichever node the buyer reaches")
        .isEqualTo(CardOutcome.ALREADY_PAID);
  }

  @Test
  void a_lost_webhook_stays_listed_for_reconciliation_after_a_restart() {
    var opened = first.openCheckout(checkout("pay-2"));
    assertThat(first.submitCard(opened.providerPaymentId(), SandboxBank.CARD_TIMEOUT))
        .isEqualTo(CardOutcome.BANK_TIMEOUT);
    assertThat(second.undeliveredNotifications(Duration.ZERO))
        .singleElement()
        .satisfies(
            n -> {
              assertThat(n.type()).isEqualTo(BankNotification.Type.PAYMENT_SUCCEEDED);
              assertThat(n.paymentId()).isEqualTo("pay-2");
              assertThat(n.providerPaymentId()).isEqualTo(opened.providerPaymentId());
              assertThat(n.amountCents()).isEqualTo(9000);
            });
    assertThat(second.undeliveredNotifications(Duration.ofMinutes(1)))
        .as("not older than a minute yet")
        .isEmpty();
    assertThat(jdbc.queryForObject("SELECT attempts FROM sandbox_bank_webhooks", Integer.class))
        .as("a lost webhook is never sent")
        .isZero();
  }

  @Test
  void a_refund_is_made_once_and_notified_once() {
    var opened = first.openCheckout(checkout("pay-3"));
    first.submitCard(opened.providerPaymentId(), SandboxBank.CARD_SUCCESS);
    RefundRequest refund = new RefundRequest("pay-3", opened.providerPaymentId(), "ref-1", 9000);
    first.refund(refund);
    second.refund(refund);
    assertThat(second.payment(opened.providerPaymentId()).status()).isEqualTo(Status.REFUNDED);
    assertThat(second.payment(opened.providerPaymentId()).refundId()).isEqualTo("ref-1");
    assertThat(
            jdbc.queryForObject(
                "SELECT COUNT(*) FROM sandbox_bank_webhooks WHERE body LIKE '%refund.succeeded%'",
                Integer.class))
        .isEqualTo(1);
  }

  @Test
  void partial_refunds_are_recorded_each_once_with_their_amount_never_beyond_what_was_paid() {
    var opened = first.openCheckout(checkout("pay-5"));
    first.submitCard(opened.providerPaymentId(), SandboxBank.CARD_SUCCESS);
    String id = opened.providerPaymentId();
    first.refund(new RefundRequest("pay-5", id, "pay-5:refund:c1", 3000));
    second.refund(new RefundRequest("pay-5", id, "pay-5:refund:c1", 3000));
    assertThat(second.payment(id).status())
        .as("part of it is still paid")
        .isEqualTo(Status.SUCCEEDED);
    assertThat(second.refunds(id))
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.refundId()).isEqualTo("pay-5:refund:c1");
              assertThat(r.amountCents()).isEqualTo(3000);
            });
    assertThat(
            jdbc.queryForObject(
                "SELECT body FROM sandbox_bank_webhooks WHERE body LIKE '%refund.succeeded%'",
                String.class))
        .as("the webhook carries the refund's amount")
        .contains("\"amount\":3000")
        .contains("pay-5:refund:c1");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> first.refund(new RefundRequest("pay-5", id, "pay-5:refund:c2", 6001)))
        .as("never more than is left")
        .isInstanceOf(IllegalStateException.class);
    assertThat(second.refunds(id)).hasSize(1);
    second.refund(new RefundRequest("pay-5", id, "pay-5:refund", 6000));
    assertThat(first.payment(id).status()).isEqualTo(Status.REFUNDED);
    assertThat(first.refunds(id))
        .extracting(SandboxBank.Refund::amountCents)
        .containsExactly(3000L, 6000L);
  }

  @Test
  void a_webhook_still_owed_is_sent_again_by_the_next_process_until_it_gives_up() throws Exception {
    var opened = first.openCheckout(checkout("pay-4"));
    first.behave(new SandboxBank.Behaviour(0, Duration.ofHours(1), Duration.ZERO));
    first.submitCard(opened.providerPaymentId(), SandboxBank.CARD_DECLINED);
    first.shutdown();
    assertThat(second.deliveryAttempts()).isZero();
    // The platform stayed down past the webhook's planned time.
    jdbc.update(
        "UPDATE sandbox_bank_webhooks SET next_attempt_at_ms = ?", System.currentTimeMillis());

    second.resumePendingDeliveries();
    long deadline = System.currentTimeMillis() + 10_000;
    while (jdbc.queryForObject(
                "SELECT COUNT(*) FROM sandbox_bank_webhooks WHERE next_attempt_at_ms IS NULL",
                Integer.class)
            == 0
        && System.currentTimeMillis() < deadline) {
      Thread.sleep(50);
    }
    assertThat(second.deliveryAttempts()).isEqualTo(1);
    assertThat(second.undeliveredNotifications(Duration.ZERO))
        .extracting(BankNotification::failureCode)
        .containsExactly("card_declined");

    SandboxBank third = bank();
    try {
      third.resumePendingDeliveries();
      Thread.sleep(300);
      assertThat(third.deliveryAttempts()).as("given up: no more attempts").isEqualTo(1);
    } finally {
      third.shutdown();
    }
  }
}
