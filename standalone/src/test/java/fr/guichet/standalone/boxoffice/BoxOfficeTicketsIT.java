package fr.guichet.standalone.boxoffice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import fr.guichet.api.mail.MailEvent.MailSentEvent;
import fr.guichet.api.order.OrderDomainEvent.BoxOfficePaymentRecordedEvent;
import fr.guichet.api.order.OrderDomainEvent.TicketHolder;
import fr.guichet.api.ticket.TicketEvent.TicketsIssuedEvent;
import fr.guichet.command.ticket.TicketPdfReader;
import fr.guichet.standalone.support.Api;
import fr.guichet.standalone.support.GuichetInstance;
import fr.guichet.standalone.support.Mailbox;
import jakarta.mail.internet.MimeMessage;
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
 * A spectator who buys at the counter leaves with tickets: the box office's payment issues them as
 * a bank payment would (same signed QR codes), the box office prints the PDF, the buyer's e-mail
 * (when given) brings the same QR tickets, and the door admits each once.
 */
class BoxOfficeTicketsIT {

  @TempDir static Path dataDir;
  static GuichetInstance guichet;
  static Api api;
  static Mailbox mailbox;

  @BeforeAll
  static void start() {
    guichet =
        GuichetInstance.start(
            dataDir, "--guichet.mail.embedded=true", "--guichet.mail.embedded-port=0");
    api = new Api(guichet);
    mailbox = new Mailbox(guichet.bean(GreenMail.class));
  }

  @AfterAll
  static void stop() {
    guichet.close();
  }

  @SuppressWarnings("unchecked")
  static String hold(String eventId, String buyer, String role, List<String> places) {
    return (String)
        api.as(buyer, role, "POST", "/api/events/" + eventId + "/holds", Map.of("placeIds", places))
            .expectStatus()
            .isCreated()
            .expectBody(Map.class)
            .returnResult()
            .getResponseBody()
            .get("orderId");
  }

  static String payAtTheCounter(String eventId, String orderId, Map<String, Object> body) {
    return (String)
        api.as(
                "guichetier-1",
                "MANAGER",
                "POST",
                "/api/events/" + eventId + "/holds/" + orderId + "/box-office-payment",
                body)
            .expectStatus()
            .isOk()
            .expectBody(Map.class)
            .returnResult()
            .getResponseBody()
            .get("status");
  }

  static List<Map<String, Object>> tickets(String actor, String role, String orderId) {
    return api.tickets(actor, role, orderId);
  }

  static List<Map<String, Object>> issued(String orderId, int count) {
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> tickets("guichetier-1", "MANAGER", orderId).size() == count);
    return tickets("guichetier-1", "MANAGER", orderId);
  }

  static byte[] pdf(String orderId, String lang) {
    return api.as(
            "guichetier-1",
            "MANAGER",
            "GET",
            "/api/orders/" + orderId + "/tickets.pdf" + (lang == null ? "" : "?lang=" + lang),
            null)
        .expectStatus()
        .isOk()
        .expectHeader()
        .contentType(MediaType.APPLICATION_PDF)
        .expectBody(byte[].class)
        .returnResult()
        .getResponseBody();
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> scan(String eventId, String code, String door) {
    return api.as(
            "door-" + door,
            "DOOR",
            "POST",
            "/api/events/" + eventId + "/check-ins",
            Map.of("code", code, "door", door))
        .expectStatus()
        .isOk()
        .expectBody(Map.class)
        .returnResult()
        .getResponseBody();
  }

  static long count(String aggregateId, Class<?> type) {
    return guichet.payloads(aggregateId).stream().filter(type::isInstance).count();
  }

  static List<String> codes(List<Map<String, Object>> tickets) {
    return tickets.stream().map(t -> (String) t.get("code")).toList();
  }

  @Test
  void a_counter_sale_issues_tickets_prints_them_mails_them_in_english_and_the_door_admits_once()
      throws Exception {
    String eventId = api.eventOnSale("PT10M", 6, 6);
    String orderId = hold(eventId, "guichetier-1", "MANAGER", List.of("ORCH-A-5", "ORCH-A-6"));
    String path = "/api/events/" + eventId + "/holds/" + orderId + "/box-office-payment";

    // Names and address are checked before any money is recorded.
    api.as(
            "guichetier-1",
            "MANAGER",
            "POST",
            path,
            Map.of(
                "method",
                "CASH",
                "holders",
                List.of(Map.of("placeId", "ORCH-B-1", "name", "Nobody"))))
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.code")
        .isEqualTo("unknown-ticket");
    api.as(
            "guichetier-1",
            "MANAGER",
            "POST",
            path,
            Map.of("method", "CASH", "email", "not-an-address"))
        .expectStatus()
        .isBadRequest();
    api.as(
            "guichetier-1",
            "MANAGER",
            "POST",
            path,
            Map.of("method", "CASH", "email", "chloe@example.org", "locale", "de"))
        .expectStatus()
        .isBadRequest();
    assertThat(count(orderId, BoxOfficePaymentRecordedEvent.class)).isZero();

    Map<String, Object> payment =
        Map.of(
            "method",
            "CARD_TERMINAL",
            "reference",
            "TPE-0077",
            "holderName",
            "Chloe Bernard",
            "holders",
            List.of(Map.of("placeId", "ORCH-A-6", "name", "Denis Bernard")),
            "email",
            "chloe@example.org",
            "locale",
            "en");
    assertThat(payAtTheCounter(eventId, orderId, payment)).isEqualTo("SOLD");

    List<Map<String, Object>> tickets = issued(orderId, 2);
    assertThat(tickets)
        .extracting(t -> t.get("placeId") + " " + t.get("holderName") + " " + t.get("issueNumber"))
        .containsExactly("ORCH-A-5 Chloe Bernard 1", "ORCH-A-6 Denis Bernard 1");
    assertThat(tickets)
        .extracting(t -> t.get("ticketId"))
        .containsExactly(orderId + "/1", orderId + "/2");
    assertThat(guichet.payloads("tickets-" + orderId))
        .filteredOn(TicketsIssuedEvent.class::isInstance)
        .singleElement()
        .satisfies(
            e -> {
              TicketsIssuedEvent issuedEvent = (TicketsIssuedEvent) e;
              assertThat(issuedEvent.paymentId()).isEqualTo("box-office:" + orderId);
              assertThat(issuedEvent.email()).isEqualTo("chloe@example.org");
              assertThat(issuedEvent.locale()).isEqualTo("en");
            });
    assertThat(guichet.payloads(orderId))
        .filteredOn(BoxOfficePaymentRecordedEvent.class::isInstance)
        .singleElement()
        .satisfies(
            e ->
                assertThat(((BoxOfficePaymentRecordedEvent) e).holders())
                    .containsExactly(new TicketHolder("ORCH-A-6", "Denis Bernard")));

    // The box office prints them: one page per ticket, each QR code a valid ticket.
    TicketPdfReader printed = new TicketPdfReader(pdf(orderId, "en")).assertWellFormed(2);
    assertThat(printed.text()).contains("(Festival des Nuits)", "(Denis Bernard)");
    assertThat(printed.qrCodes()).containsExactlyElementsOf(codes(tickets));

    // The buyer's e-mail, in English as asked, carries the same QR tickets.
    await().atMost(Duration.ofSeconds(30)).until(() -> mailbox.to("chloe@example.org").size() == 1);
    MimeMessage mail = mailbox.to("chloe@example.org").get(0);
    assertThat(mail.getSubject()).isEqualTo("Your tickets — order " + orderId);
    assertThat(Mailbox.html(mail))
        .contains("Hello Chloe Bernard,")
        .contains("Holder: Denis Bernard")
        .contains("Orchestre, row A, seat 6");
    List<String> mailed = Mailbox.qrCodes(mail);
    assertThat(mailed).containsExactlyElementsOf(codes(tickets));

    Map<String, Object> first = scan(eventId, mailed.get(1), "porte-nord");
    assertThat(first.get("status")).isEqualTo("ADMITTED");
    assertThat(first.get("holderName")).isEqualTo("Denis Bernard");
    assertThat(first.get("placeId")).isEqualTo("ORCH-A-6");
    Map<String, Object> again = scan(eventId, printed.qrCodes().get(1), "porte-sud");
    assertThat(again.get("status")).isEqualTo("ALREADY_ADMITTED");
    assertThat(again.get("firstDoor")).isEqualTo("porte-nord");
    assertThat(scan(eventId, mailed.get(0), "porte-sud").get("status")).isEqualTo("ADMITTED");

    // A retried request (the counter's network hiccuped) takes nothing twice and issues nothing
    // more, even if it names someone else.
    assertThat(payAtTheCounter(eventId, orderId, payment)).isEqualTo("SOLD");
    Map<String, Object> renamed = new java.util.HashMap<>(payment);
    renamed.put("holderName", "Someone Else");
    assertThat(payAtTheCounter(eventId, orderId, renamed)).isEqualTo("SOLD");
    Thread.sleep(2000);
    assertThat(count(orderId, BoxOfficePaymentRecordedEvent.class)).isEqualTo(1);
    assertThat(count("tickets-" + orderId, TicketsIssuedEvent.class)).isEqualTo(1);
    assertThat(codes(tickets("guichetier-1", "MANAGER", orderId)))
        .containsExactlyElementsOf(codes(tickets));
    assertThat(count("mail-tickets-" + orderId, MailSentEvent.class)).isEqualTo(1);
    assertThat(mailbox.to("chloe@example.org")).hasSize(1);
  }

  @Test
  void a_spectator_who_held_online_and_pays_at_the_counter_gets_the_french_e_mail_by_default()
      throws Exception {
    String eventId = api.eventOnSale("PT10M", 6, 6);
    String orderId = hold(eventId, "eva", "SPECTATOR", List.of("ORCH-B-3"));

    assertThat(
            payAtTheCounter(
                eventId,
                orderId,
                Map.of("method", "CASH", "holderName", "Eva Laurent", "email", "eva@example.org")))
        .isEqualTo("SOLD");

    List<Map<String, Object>> tickets = issued(orderId, 1);
    assertThat(codes(tickets("eva", "SPECTATOR", orderId))).isEqualTo(codes(tickets));
    await().atMost(Duration.ofSeconds(30)).until(() -> mailbox.to("eva@example.org").size() == 1);
    MimeMessage mail = mailbox.to("eva@example.org").get(0);
    assertThat(mail.getSubject()).isEqualTo("Vos billets — commande " + orderId);
    assertThat(Mailbox.html(mail)).contains("Bonjour Eva Laurent,", "Titulaire : Eva Laurent");
    assertThat(Mailbox.qrCodes(mail)).isEqualTo(codes(tickets));
    assertThat(scan(eventId, Mailbox.qrCodes(mail).get(0), "porte-est").get("status"))
        .isEqualTo("ADMITTED");
  }

  @Test
  void without_an_address_the_tickets_are_only_printed_and_a_cancelled_counter_sale_voids_them()
      throws Exception {
    String eventId = api.eventOnSale("PT10M", 6, 6);
    String orderId = hold(eventId, "guichetier-1", "MANAGER", List.of("ORCH-B-7", "ORCH-B-8"));
    int mailsBefore = guichet.bean(GreenMail.class).getReceivedMessages().length;

    assertThat(payAtTheCounter(eventId, orderId, Map.of("method", "CASH"))).isEqualTo("SOLD");

    List<Map<String, Object>> tickets = issued(orderId, 2);
    TicketPdfReader printed = new TicketPdfReader(pdf(orderId, null)).assertWellFormed(2);
    assertThat(printed.qrCodes()).containsExactlyElementsOf(codes(tickets));
    Thread.sleep(2000);
    assertThat(guichet.bean(GreenMail.class).getReceivedMessages()).hasSize(mailsBefore);
    assertThat(count("mail-tickets-" + orderId, MailSentEvent.class)).isZero();

    // The money goes back at the counter; the places are free again and the tickets void.
    api.as(
            "guichetier-1",
            "MANAGER",
            "POST",
            "/api/orders/" + orderId + "/cancellation",
            Map.of("reason", "changed their mind"))
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.paymentStatus")
        .isEqualTo("REFUND_AT_BOX_OFFICE")
        .jsonPath("$.freedPlaces.length()")
        .isEqualTo(2);
    assertThat(scan(eventId, printed.qrCodes().get(0), "porte-ouest").get("status"))
        .isEqualTo("REVOKED");
  }
}
