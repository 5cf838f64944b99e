package fr.guichet.standalone.waitinglist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import fr.guichet.command.payment.sandbox.SandboxBank;
import fr.guichet.standalone.support.Api;
import fr.guichet.standalone.support.GuichetInstance;
import fr.guichet.standalone.support.Mailbox;
import fr.guichet.standalone.support.Plans;
import fr.guichet.standalone.support.SandboxBankPage;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sold-out event's waiting list across both sides: a buyer refused a hold joins the list; when
 * the places come back the Event holds them for that buyer's order, the list says so, the offer is
 * e-mailed with the link to pay, and paying it gives tickets as for any hold.
 */
class WaitingListIT {

  @TempDir static Path dataDir;
  static GuichetInstance guichet;
  static Api api;
  static Mailbox mailbox;

  @BeforeAll
  static void start() {
    guichet =
        GuichetInstance.start(
            dataDir,
            "--guichet.payments.sandbox.retry-base=PT0.2S",
            "--guichet.mail.embedded=true",
            "--guichet.mail.embedded-port=0");
    api = new Api(guichet);
    mailbox = new Mailbox(guichet.bean(GreenMail.class));
  }

  @AfterAll
  static void stop() {
    guichet.close();
  }

  static Map<String, Object> json(String actor, String method, String path, Object body) {
    return api.json(actor, "SPECTATOR", method, path, body);
  }

  /** The join request: a category and how many, as for a hold, and the e-mail's language. */
  static Map<String, Object> wanted(int quantity) {
    return Map.of("category", "OR", "quantity", quantity, "locale", "fr");
  }

  @Test
  @SuppressWarnings("unchecked")
  void places_released_by_one_buyer_are_offered_to_the_first_waiting_one_who_pays_for_them()
      throws Exception {
    String eventId = api.eventOnSale(Plans.FOUR_SEATS, "PT10M", 4, 4);
    String events = "/api/events/" + eventId;
    String aliceOrder =
        (String)
            json("alice", "POST", events + "/holds", Map.of("category", "OR", "quantity", 4))
                .get("orderId");

    api.as("bruno", "SPECTATOR", "POST", events + "/holds", Map.of("category", "OR", "quantity", 2))
        .expectStatus()
        .isEqualTo(409)
        .expectBody()
        .jsonPath("$.code")
        .isEqualTo("not-enough-places");
    api.as("bruno", "SPECTATOR", "GET", events + "/waiting-list/me", null)
        .expectStatus()
        .isNotFound()
        .expectBody()
        .jsonPath("$.code")
        .isEqualTo("not-on-waiting-list");

    Map<String, Object> joined =
        api.as("bruno", "SPECTATOR", "POST", events + "/waiting-list", wanted(2))
            .expectStatus()
            .isCreated()
            .expectBody(Map.class)
            .returnResult()
            .getResponseBody();
    assertThat(joined.get("status")).isEqualTo("WAITING");
    assertThat(joined.get("position")).isEqualTo(1);
    String brunoOrder = (String) joined.get("orderId");
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () -> {
              Map<String, Object> mine = json("bruno", "GET", events + "/waiting-list/me", null);
              assertThat(mine.get("status")).isEqualTo("WAITING");
              assertThat(mine.get("position")).isEqualTo(1);
              assertThat(mine.get("waiting")).isEqualTo(1);
            });

    json("alice", "POST", events + "/holds/" + aliceOrder + "/release", null);

    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () -> {
              Map<String, Object> order = json("bruno", "GET", "/api/orders/" + brunoOrder, null);
              assertThat(order.get("status")).isEqualTo("AWAITING_PAYMENT");
              assertThat((List<String>) order.get("placeIds")).hasSize(2);
            });
    Map<String, Object> offered = json("bruno", "GET", events + "/waiting-list/me", null);
    assertThat(offered.get("status")).isEqualTo("OFFERED");
    assertThat(offered.get("position")).isEqualTo(0);
    assertThat((List<String>) offered.get("placeIds")).hasSize(2);
    assertThat(Instant.parse((String) offered.get("heldUntil")))
        .isAfter(Instant.now().plus(Duration.ofMinutes(25)));
    Map<String, Object> summary =
        api.json("manager-1", "MANAGER", "GET", events + "/waiting-list", null);
    assertThat(summary.get("waiting")).isEqualTo(0);
    assertThat(summary.get("offered")).isEqualTo(1);

    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> mailbox.to("bruno@guichet.test").size() == 1);
    MimeMessage mail = mailbox.to("bruno@guichet.test").get(0);
    assertThat(mail.getSubject()).startsWith("Des places vous attendent");
    assertThat(Mailbox.html(mail))
        .contains("/checkout.html?order=" + brunoOrder)
        .contains("Orchestre, rang A, place");

    // Two places are free again: one asking for two holds them rather than waits.
    api.as("chloe", "SPECTATOR", "POST", events + "/waiting-list", wanted(2))
        .expectStatus()
        .isEqualTo(409)
        .expectBody()
        .jsonPath("$.code")
        .isEqualTo("places-available");
    assertThat(json("chloe", "POST", events + "/waiting-list", wanted(3)).get("status"))
        .isEqualTo("WAITING");
    assertThat(json("chloe", "POST", events + "/waiting-list/leave", null).get("status"))
        .isEqualTo("LEFT");
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () ->
                assertThat(json("chloe", "GET", events + "/waiting-list/me", null).get("status"))
                    .isEqualTo("LEFT"));

    Map<String, Object> payment =
        json(
            "bruno",
            "POST",
            "/api/orders/" + brunoOrder + "/payments",
            Map.of(
                "holderName",
                "Bruno Petit",
                "email",
                "bruno@guichet.test",
                "locale",
                "fr",
                "returnPath",
                "/checkout.html?order=" + brunoOrder));
    String bankPage = URI.create((String) payment.get("paymentPageUrl")).getPath();
    assertThat(SandboxBankPage.submitCard(guichet.http(), bankPage, SandboxBank.CARD_SUCCESS))
        .contains("data-outcome=SUCCEEDED");
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> api.tickets("bruno", "SPECTATOR", brunoOrder).size() == 2);
    assertThat(json("bruno", "GET", "/api/orders/" + brunoOrder, null).get("status"))
        .isEqualTo("CONFIRMED");
  }
}
