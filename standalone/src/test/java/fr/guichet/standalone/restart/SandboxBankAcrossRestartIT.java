package fr.guichet.standalone.restart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fr.guichet.api.event.EventDomainEvent.HeldPlacesSoldEvent;
import fr.guichet.api.order.OrderDomainEvent.OrderConfirmedEvent;
import fr.guichet.api.payment.PaymentEvent.PaymentSucceededEvent;
import fr.guichet.api.payment.PaymentEvent.Source;
import fr.guichet.command.payment.PaymentGateway.BankNotification;
import fr.guichet.command.payment.ReconciliationJob;
import fr.guichet.command.payment.sandbox.SandboxBank;
import fr.guichet.standalone.support.Api;
import fr.guichet.standalone.support.GuichetInstance;
import fr.guichet.standalone.support.SandboxBankPage;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sandbox bank keeps its books in the platform's database: after a restart an unpaid payment
 * can still be paid on its page, a webhook the bank had not sent yet is sent, and reconciliation
 * still finds the webhook a bank timeout lost; each confirms its order.
 */
class SandboxBankAcrossRestartIT {

  @TempDir Path dataDir;

  @SuppressWarnings("unchecked")
  private static String hold(Api api, String eventId, String buyer, String place) {
    Map<String, Object> held =
        api.as(
                buyer,
                "SPECTATOR",
                "POST",
                "/api/events/" + eventId + "/holds",
                Map.of("placeIds", List.of(place)),
                "restart-" + buyer)
            .expectStatus()
            .isCreated()
            .expectBody(Map.class)
            .returnResult()
            .getResponseBody();
    return (String) held.get("orderId");
  }

  /** Starts paying once pricing has recorded the order's price; answers the bank page's path. */
  @SuppressWarnings("unchecked")
  private static String[] startPayment(Api api, String orderId, String buyer) {
    String key = UUID.randomUUID().toString();
    Map<String, Object>[] started = new Map[1];
    await()
        .atMost(Duration.ofSeconds(60))
        .ignoreExceptions()
        .untilAsserted(
            () ->
                started[0] =
                    api.as(
                            buyer,
                            "SPECTATOR",
                            "POST",
                            "/api/orders/" + orderId + "/payments",
                            Map.of("holderName", "Ana Restart", "email", buyer + "@example.org"),
                            key)
                        .expectStatus()
                        .isCreated()
                        .expectBody(Map.class)
                        .returnResult()
                        .getResponseBody());
    return new String[] {
      (String) started[0].get("paymentId"),
      URI.create((String) started[0].get("paymentPageUrl")).getPath()
    };
  }

  private static String submitCard(GuichetInstance guichet, String page, String card) {
    return SandboxBankPage.submitCard(guichet.http(), page, card);
  }

  private static List<Source> successSources(GuichetInstance guichet, String paymentId) {
    return guichet.payloads(paymentId).stream()
        .filter(PaymentSucceededEvent.class::isInstance)
        .map(p -> ((PaymentSucceededEvent) p).source())
        .toList();
  }

  @Test
  void unpaid_payments_pending_webhooks_and_lost_ones_outlive_a_restart_and_confirm_their_orders() {
    String eventId;
    String timedOutOrder;
    String delayedOrder;
    String unpaidOrder;
    String[] timedOut;
    String[] delayed;
    String[] unpaid;
    try (GuichetInstance first =
        GuichetInstance.start(
            dataDir,
            "--guichet.payments.reconciliation.interval=PT1H",
            "--guichet.payments.sandbox.retry-base=PT0.2S")) {
      Api api = new Api(first);
      // A cold start on a busy machine (Drools compiling the default rules) can outlast a request.
      String[] created = new String[1];
      await()
          .atMost(Duration.ofSeconds(180))
          .ignoreExceptions()
          .until(() -> (created[0] = api.eventOnSale("PT10M", 4, 4)) != null);
      eventId = created[0];
      timedOutOrder = hold(api, eventId, "timeout", "ORCH-A-1");
      delayedOrder = hold(api, eventId, "delayed", "ORCH-A-2");
      unpaidOrder = hold(api, eventId, "unpaid", "ORCH-A-3");
      timedOut = startPayment(api, timedOutOrder, "timeout");
      delayed = startPayment(api, delayedOrder, "delayed");
      unpaid = startPayment(api, unpaidOrder, "unpaid");

      SandboxBank bank = first.bean(SandboxBank.class);
      assertThat(submitCard(first, timedOut[1], SandboxBank.CARD_TIMEOUT))
          .contains("data-outcome=BANK_TIMEOUT");
      bank.behave(new SandboxBank.Behaviour(0, Duration.ofSeconds(30), Duration.ZERO));
      assertThat(submitCard(first, delayed[1], SandboxBank.CARD_SUCCESS))
          .contains("data-outcome=SUCCEEDED");
      String delayedPaymentId = delayed[0];
      assertThat(bank.undeliveredNotifications(Duration.ZERO))
          .extracting(BankNotification::paymentId)
          .contains(timedOut[0], delayedPaymentId);
      assertThat(first.payloads(eventId)).noneMatch(HeldPlacesSoldEvent.class::isInstance);
    }

    Instant restartedAt = Instant.now();
    try (GuichetInstance second =
        GuichetInstance.start(
            dataDir,
            "--guichet.payments.reconciliation.interval=PT1H",
            "--guichet.payments.reconciliation.older-than=PT1S",
            "--guichet.payments.sandbox.retry-base=PT0.2S")) {
      SandboxBank bank = second.bean(SandboxBank.class);
      assertThat(bank.payment(delayed[1].substring("/sandbox-bank/pay/".length())).status())
          .isEqualTo(SandboxBank.Status.SUCCEEDED);
      // The webhook due 30 s after the payment was still owed at the restart: the new process
      // sends it.
      await()
          .atMost(Duration.ofSeconds(90))
          .untilAsserted(() -> assertThat(successSources(second, delayed[0])).hasSize(1));
      assertThat(successSources(second, delayed[0])).containsExactly(Source.WEBHOOK);
      assertThat(
              second.history(delayed[0]).stream()
                  .filter(m -> m.getPayload() instanceof PaymentSucceededEvent)
                  .map(m -> m.getTimestamp()))
          .allMatch(at -> at.isAfter(restartedAt));

      // The lost webhook: only reconciliation, asking the bank's books, finds it.
      assertThat(successSources(second, timedOut[0])).isEmpty();
      second.bean(ReconciliationJob.class).reconcile();
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(() -> assertThat(successSources(second, timedOut[0])).hasSize(1));
      assertThat(successSources(second, timedOut[0])).containsExactly(Source.RECONCILIATION);

      String page =
          second
              .http()
              .get()
              .uri(unpaid[1])
              .exchange()
              .expectStatus()
              .isOk()
              .expectBody(String.class)
              .returnResult()
              .getResponseBody();
      assertThat(page).contains("name=card");
      assertThat(submitCard(second, unpaid[1], SandboxBank.CARD_SUCCESS))
          .contains("data-outcome=SUCCEEDED");
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(() -> assertThat(successSources(second, unpaid[0])).hasSize(1));
      assertThat(successSources(second, unpaid[0])).containsExactly(Source.WEBHOOK);

      for (String order : List.of(timedOutOrder, delayedOrder, unpaidOrder)) {
        await()
            .atMost(Duration.ofSeconds(30))
            .untilAsserted(
                () ->
                    assertThat(second.payloads(order))
                        .filteredOn(OrderConfirmedEvent.class::isInstance)
                        .hasSize(1));
      }
      assertThat(second.payloads(eventId))
          .filteredOn(HeldPlacesSoldEvent.class::isInstance)
          .hasSize(3);
      await()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(
              () ->
                  assertThat(bank.undeliveredNotifications(Duration.ZERO))
                      .extracting(BankNotification::paymentId)
                      .doesNotContain(delayed[0], unpaid[0]));
    }
  }
}
