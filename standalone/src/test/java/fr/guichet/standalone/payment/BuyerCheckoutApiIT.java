package fr.guichet.standalone.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import fr.guichet.command.payment.sandbox.SandboxBank;
import fr.guichet.command.ticket.TicketPdfReader;
import fr.guichet.standalone.support.Api;
import fr.guichet.standalone.support.GuichetInstance;
import fr.guichet.standalone.support.Mailbox;
import fr.guichet.standalone.support.SandboxBankPage;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.http.MediaType;

/**
 * What the checkout asks of the API as the buyer: the rates each ticket may take, a name per
 * ticket, the bank's way back to the platform, and the buyer's own tickets; another buyer's order
 * answers 404 everywhere.
 */
class BuyerCheckoutApiIT {

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
    api = new Api(guichet.http());
    mailbox = new Mailbox(guichet.bean(GreenMail.class));
  }

  @AfterAll
  static void stop() {
    guichet.close();
  }

  static Map<String, Object> json(String actor, String method, String path, Object body) {
    return api.json(actor, "SPECTATOR", method, path, body);
  }

  static List<Map<String, Object>> tickets(String actor, String role, String orderId) {
    return api.tickets(actor, role, orderId);
  }

  static String page(String path) {
    return guichet
        .http()
        .get()
        .uri(path)
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody(String.class)
        .returnResult()
        .getResponseBody();
  }

  static String submitCard(String path, String card) {
    return SandboxBankPage.submitCard(guichet.http(), path, card);
  }

  @Test
  @SuppressWarnings("unchecked")
  void a_buyer_sees_the_rates_names_each_ticket_pays_comes_back_and_reads_only_their_own_tickets()
      throws Exception {
    String eventId = api.eventOnSale("PT10M", 6, 6);
    String orderId =
        (String)
            json(
                    "bea",
                    "POST",
                    "/api/events/" + eventId + "/holds",
                    Map.of("placeIds", List.of("ORCH-A-5", "ORCH-A-6")))
                .get("orderId");

    Map<String, Object>[] options = new Map[1];
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                options[0] = json("bea", "GET", "/api/orders/" + orderId + "/rate-options", null));
    List<Map<String, Object>> perTicket = (List<Map<String, Object>>) options[0].get("tickets");
    assertThat(perTicket).extracting(t -> t.get("placeId")).containsExactly("ORCH-A-5", "ORCH-A-6");
    assertThat(perTicket)
        .allSatisfy(
            t -> assertThat(t.get("rates")).isEqualTo(List.of("FULL", "STUDENT", "SUBSCRIBER")));

    api.as("mallory", "SPECTATOR", "GET", "/api/orders/" + orderId + "/rate-options", null)
        .expectStatus()
        .isNotFound()
        .expectBody()
        .jsonPath("$.code")
        .isEqualTo("unknown-order");
    api.as("mallory", "SPECTATOR", "GET", "/api/orders/" + orderId + "/tickets", null)
        .expectStatus()
        .isNotFound();
    api.as("mallory", "SPECTATOR", "GET", "/api/orders/" + orderId + "/price-explanation", null)
        .expectStatus()
        .isNotFound();
    api.as("bea", "SPECTATOR", "GET", "/api/orders/no-such-order/tickets", null)
        .expectStatus()
        .isNotFound();
    assertThat(tickets("bea", "SPECTATOR", orderId)).isEmpty();

    String payments = "/api/orders/" + orderId + "/payments";
    for (String elsewhere : List.of("https://evil.example/", "//evil.example/x", "/\\evil")) {
      api.as(
              "bea",
              "SPECTATOR",
              "POST",
              payments,
              Map.of("holderName", "Béa", "email", "bea@example.org", "returnPath", elsewhere))
          .expectStatus()
          .isBadRequest();
    }
    api.as(
            "bea",
            "SPECTATOR",
            "POST",
            payments,
            Map.of(
                "holderName",
                "Béa",
                "email",
                "bea@example.org",
                "holders",
                List.of(Map.of("placeId", "ORCH-B-1", "name", "Nobody"))))
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.code")
        .isEqualTo("unknown-ticket");

    Map<String, Object> payment =
        json(
            "bea",
            "POST",
            payments,
            Map.of(
                "holderName",
                "Béa Martin",
                "email",
                "bea@example.org",
                "locale",
                "fr",
                "holders",
                List.of(
                    Map.of("placeId", "ORCH-A-5", "name", "Alice Martin"),
                    Map.of("placeId", "ORCH-A-6", "name", "Bruno Martin")),
                "returnPath",
                "/checkout.html?order=" + orderId));
    String paymentId = (String) payment.get("paymentId");
    String bankPage = URI.create((String) payment.get("paymentPageUrl")).getPath();
    String back = "/checkout.html?order=" + orderId + "&amp;payment=" + paymentId + "&amp;outcome=";
    assertThat(page(bankPage)).contains("href=\"" + back + "cancelled\"");
    assertThat(submitCard(bankPage, SandboxBank.CARD_DECLINED))
        .contains("data-outcome=FAILED")
        .contains("href=\"" + back + "cancelled\"");
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                "card_declined"
                    .equals(
                        json("bea", "GET", "/api/payments/" + paymentId, null)
                            .get("lastFailureCode")));
    assertThat(submitCard(bankPage, SandboxBank.CARD_SUCCESS))
        .contains("data-outcome=SUCCEEDED")
        .contains("href=\"" + back + "succeeded\"");

    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> tickets("bea", "SPECTATOR", orderId).size() == 2);
    List<Map<String, Object>> mine = tickets("bea", "SPECTATOR", orderId);
    assertThat(mine)
        .extracting(t -> t.get("placeId") + " " + t.get("holderName"))
        .containsExactly("ORCH-A-5 Alice Martin", "ORCH-A-6 Bruno Martin");
    assertThat(tickets("box-office", "MANAGER", orderId))
        .extracting(t -> t.get("code"))
        .containsExactlyElementsOf(mine.stream().map(t -> t.get("code")).toList());
    api.as("mallory", "SPECTATOR", "GET", "/api/orders/" + orderId + "/tickets", null)
        .expectStatus()
        .isNotFound();

    Map<String, Object> admitted =
        api.as(
                "door-1",
                "DOOR",
                "POST",
                "/api/events/" + eventId + "/check-ins",
                Map.of("code", mine.get(1).get("code"), "door", "nord"))
            .expectStatus()
            .isOk()
            .expectBody(Map.class)
            .returnResult()
            .getResponseBody();
    assertThat(admitted.get("status")).isEqualTo("ADMITTED");
    assertThat(admitted.get("holderName")).isEqualTo("Bruno Martin");

    byte[] pdf =
        api.as("bea", "SPECTATOR", "GET", "/api/orders/" + orderId + "/tickets.pdf", null)
            .expectStatus()
            .isOk()
            .expectHeader()
            .contentType(MediaType.APPLICATION_PDF)
            .expectHeader()
            .valueMatches("Content-Disposition", "attachment; filename=\"billets-.*\\.pdf\"")
            .expectBody(byte[].class)
            .returnResult()
            .getResponseBody();
    TicketPdfReader reader = new TicketPdfReader(pdf).assertWellFormed(2);
    assertThat(reader.text())
        .contains("(Festival des Nuits)", "(Alice Martin)")
        .contains("(Orchestre) Tj", "(Rang) Tj", "(A) Tj", "(5) Tj", "(6) Tj")
        .doesNotContain("(ORCH-A-5)");
    assertThat(reader.qrCodes())
        .containsExactlyElementsOf(mine.stream().map(t -> (String) t.get("code")).toList());
    api.as("mallory", "SPECTATOR", "GET", "/api/orders/" + orderId + "/tickets.pdf", null)
        .expectStatus()
        .isNotFound();

    await().atMost(Duration.ofSeconds(30)).until(() -> mailbox.to("bea@example.org").size() == 1);
    assertThat(Mailbox.html(mailbox.to("bea@example.org").get(0)))
        .contains("Titulaire : Alice Martin")
        .contains("Titulaire : Bruno Martin")
        .contains("Orchestre, rang A, place 5", "Orchestre, rang A, place 6")
        .doesNotContain("ORCH-A-5");
  }
}
