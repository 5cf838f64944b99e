package fr.guichet.standalone.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import fr.guichet.api.event.EventDomainEvent.HeldPlacesSoldEvent;
import fr.guichet.api.event.EventDomainEvent.LatePaymentAcceptedEvent;
import fr.guichet.api.event.EventDomainEvent.PaymentAfterHoldEndedEvent;
import fr.guichet.api.event.EventDomainEvent.SoldPlacesCancelledEvent;
import fr.guichet.api.order.OrderDomainEvent.OrderConfirmedEvent;
import fr.guichet.api.order.OrderDomainEvent.OrderExpiredEvent;
import fr.guichet.api.order.OrderDomainEvent.OrderPaidAfterExpiryEvent;
import fr.guichet.api.order.OrderDomainEvent.OrderPlacesCancelledEvent;
import fr.guichet.api.order.OrderDomainEvent.OrderSaleCancelledEvent;
import fr.guichet.api.payment.PaymentEvent.PaymentAttemptFailedEvent;
import fr.guichet.api.payment.PaymentEvent.PaymentRefundRequestedEvent;
import fr.guichet.api.payment.PaymentEvent.PaymentRefundedEvent;
import fr.guichet.api.payment.PaymentEvent.PaymentSucceededEvent;
import fr.guichet.api.payment.PaymentEvent.RefundReason;
import fr.guichet.api.payment.PaymentEvent.Source;
import fr.guichet.api.ticket.TicketEvent.TicketsIssuedEvent;
import fr.guichet.api.ticket.TicketEvent.TicketsRevokedEvent;
import fr.guichet.command.payment.WebhookSignature;
import fr.guichet.command.payment.sandbox.SandboxBank;
import fr.guichet.standalone.support.Api;
import fr.guichet.standalone.support.GuichetInstance;
import fr.guichet.standalone.support.Mailbox;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.BodyInserters;

/**
 * Steps 4-5 of the reference scenario through HTTP: a buyer pays on the sandbox bank's hosted page,
 * the bank's signed webhooks confirm the order (once, however often they arrive), the buyer gets an
 * e-mail with QR tickets, and the door admits each ticket once.
 */
class PaymentScenarioIT {

  @TempDir static Path dataDir;
  static GuichetInstance guichet;
  static Api api;
  static Mailbox mailbox;
  static SandboxBank bank;

  @BeforeAll
  static void start() {
    guichet =
        GuichetInstance.start(
            dataDir,
            "--guichet.payments.sandbox.retry-base=PT0.2S",
            "--guichet.payments.reconciliation.interval=PT1S",
            "--guichet.payments.reconciliation.older-than=PT2S",
            "--guichet.mail.embedded=true",
            "--guichet.mail.embedded-port=0");
    api = new Api(guichet.http());
    mailbox = new Mailbox(guichet.bean(GreenMail.class));
    bank = guichet.bean(SandboxBank.class);
    // A cold start on a busy machine (Drools compiling the default rules) can outlast one request.
    await()
        .atMost(Duration.ofSeconds(180))
        .ignoreExceptions()
        .until(
            () -> {
              String warmUp = api.eventOnSale("PT10M", 6, 6);
              startPayment(
                  hold(warmUp, "warm-up", List.of("ORCH-A-1")), "warm-up", "w@example.org", "fr");
              return true;
            });
  }

  @AfterAll
  static void stop() {
    guichet.close();
  }

  @SuppressWarnings("unchecked")
  static String hold(String eventId, String buyer, List<String> places) {
    Map<String, Object> outcome =
        api.as(
                buyer,
                "SPECTATOR",
                "POST",
                "/api/events/" + eventId + "/holds",
                Map.of("placeIds", places))
            .expectStatus()
            .isCreated()
            .expectBody(Map.class)
            .returnResult()
            .getResponseBody();
    return (String) outcome.get("orderId");
  }

  /** Starts paying once pricing has recorded the order's price; answers the payment. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> startPayment(
      String orderId, String buyer, String email, String locale) {
    String key = UUID.randomUUID().toString();
    Map<String, Object>[] started = new Map[1];
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () -> {
              started[0] =
                  api.as(
                          buyer,
                          "SPECTATOR",
                          "POST",
                          "/api/orders/" + orderId + "/payments",
                          Map.of("holderName", "Béatrice Martin", "email", email, "locale", locale),
                          key)
                      .expectStatus()
                      .isCreated()
                      .expectBody(Map.class)
                      .returnResult()
                      .getResponseBody();
            });
    return started[0];
  }

  static String pageOf(Map<String, Object> payment) {
    return java.net.URI.create((String) payment.get("paymentPageUrl")).getPath();
  }

  static String submit(String path, String field, String value) {
    return guichet
        .http()
        .post()
        .uri(path)
        .contentType(MediaType.APPLICATION_FORM_URLENCODED)
        .body(BodyInserters.fromFormData(field, value))
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody(String.class)
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

  static <T> long count(String aggregateId, Class<T> type) {
    return guichet.payloads(aggregateId).stream().filter(type::isInstance).count();
  }

  @Test
  void a_buyer_pays_two_carre_or_seats_on_the_bank_page_and_each_mailed_qr_ticket_admits_once()
      throws Exception {
    String eventId = api.eventOnSale("PT10M", 6, 6);
    String orderId = hold(eventId, "bea", List.of("ORCH-A-5", "ORCH-A-6"));
    Map<String, Object> payment = startPayment(orderId, "bea", "bea@example.org", "fr");
    assertThat(((Number) payment.get("amountCents")).longValue()).isEqualTo(18000);
    assertThat(pageOf(payment)).startsWith("/sandbox-bank/pay/");

    String page =
        guichet
            .http()
            .get()
            .uri(pageOf(payment))
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody(String.class)
            .returnResult()
            .getResponseBody();
    assertThat(page).contains("180,00").contains("name=card");
    assertThat(submit(pageOf(payment), "card", SandboxBank.CARD_SUCCESS))
        .contains("data-outcome=SUCCEEDED");

    await().atMost(Duration.ofSeconds(30)).until(() -> mailbox.to("bea@example.org").size() == 1);
    MimeMessage mail = mailbox.to("bea@example.org").get(0);
    assertThat(mail.getSubject()).startsWith("Vos billets");
    assertThat(Mailbox.html(mail))
        .contains("Orchestre, rang A, place 5")
        .contains("Carré Or")
        .contains("90,00");
    List<String> codes = Mailbox.qrCodes(mail);
    assertThat(codes).hasSize(2);

    Map<String, Object> first = scan(eventId, codes.get(0), "porte-nord");
    assertThat(first.get("status")).isEqualTo("ADMITTED");
    assertThat(first.get("holderName")).isEqualTo("Béatrice Martin");
    // The door reads the place as the seating plan names it, not its id.
    String placeId = (String) first.get("placeId");
    assertThat(placeId).isIn("ORCH-A-5", "ORCH-A-6");
    assertThat(first.get("place"))
        .isEqualTo(
            Map.of(
                "placeId",
                placeId,
                "area",
                "Orchestre",
                "row",
                "A",
                "number",
                Integer.parseInt(placeId.substring("ORCH-A-".length()))));
    assertThat(scan(eventId, codes.get(1), "porte-sud").get("status")).isEqualTo("ADMITTED");
    Map<String, Object> again = scan(eventId, codes.get(0), "porte-sud");
    assertThat(again.get("status")).isEqualTo("ALREADY_ADMITTED");
    assertThat(again.get("firstDoor")).isEqualTo("porte-nord");
    assertThat(again.get("firstAdmittedAt")).isNotNull();

    assertThat(count(eventId, HeldPlacesSoldEvent.class)).isEqualTo(1);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> count(orderId, OrderConfirmedEvent.class) == 1);

    String mailboxPage =
        guichet
            .http()
            .get()
            .uri("/dev/mailbox")
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody(String.class)
            .returnResult()
            .getResponseBody();
    assertThat(mailboxPage).contains("Vos billets").contains("bea@example.org");
    int index = List.of(guichet.bean(GreenMail.class).getReceivedMessages()).indexOf(mail);
    String shown =
        guichet
            .http()
            .get()
            .uri("/dev/mailbox/" + index)
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody(String.class)
            .returnResult()
            .getResponseBody();
    assertThat(shown).contains("data:image/png;base64,").doesNotContain("cid:ticket-1");
    assertThat(
            guichet
                .http()
                .get()
                .uri("/door/scanner.html")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody())
        .contains("<script src=\"scanner.js\">");
    assertThat(
            guichet
                .http()
                .get()
                .uri("/door/scanner.js")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody())
        .contains("/check-ins")
        .contains("Ed25519")
        .contains("/api/auth/session");
  }

  static String bankPage(String path, String acceptLanguage) {
    var request = guichet.http().get().uri(path);
    if (acceptLanguage != null) {
      request = request.header("Accept-Language", acceptLanguage);
    }
    return request
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody(String.class)
        .returnResult()
        .getResponseBody();
  }

  @Test
  void the_bank_page_speaks_the_buyers_language_and_switches_like_the_platform_pages() {
    String eventId = api.eventOnSale("PT10M", 6, 6);
    Map<String, Object> english =
        startPayment(hold(eventId, "anglo", List.of("ORCH-A-7")), "anglo", "en@example.org", "en");
    Map<String, Object> french =
        startPayment(
            hold(eventId, "franco", List.of("ORCH-A-8")), "franco", "fr@example.org", "fr");
    String page = pageOf(english);

    assertThat(bankPage(page, null))
        .contains("<html lang=en>")
        .contains("Card number")
        .contains("Test cards")
        .contains("Amount: <strong>90.00 EUR")
        .contains("href=\"" + page + "?lang=fr\"")
        .contains(">Français</a>")
        .contains("action=\"" + page + "?lang=en\"")
        .doesNotContain("Numéro de carte");
    assertThat(bankPage(pageOf(french), "en-GB,en;q=0.9"))
        .as("the merchant's choice of language wins over the browser's")
        .contains("<html lang=fr>")
        .contains("Numéro de carte")
        .contains("Montant : <strong>90,00 EUR")
        .contains(">English</a>");
    assertThat(bankPage(pageOf(french) + "?lang=en", null))
        .as("the language switch")
        .contains("<html lang=en>")
        .contains("Card number");
    assertThat(bankPage(page + "?lang=fr", "en")).contains("<html lang=fr>").contains("Payer");

    assertThat(submit(page + "?lang=en", "card", SandboxBank.CARD_DECLINED))
        .contains("<html lang=en>")
        .contains("Card declined (card_declined).")
        .contains("data-outcome=FAILED");
    assertThat(submit(page + "?lang=en", "card", SandboxBank.CARD_3DS))
        .contains("enter the code you received")
        .contains("action=\"" + page + "/3ds?lang=en\"");
    assertThat(submit(page + "/3ds?lang=en", "code", SandboxBank.THREE_DS_CODE))
        .contains("Payment accepted. You will receive your tickets by e-mail.")
        .contains("data-outcome=SUCCEEDED");
    assertThat(
            guichet
                .http()
                .get()
                .uri("/sandbox-bank/pay/no-such-payment?lang=en")
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody())
        .contains("The sandbox bank knows no such payment.");
  }

  @Test
  void
      duplicated_and_reordered_webhooks_confirm_the_order_once_with_one_set_of_tickets_and_one_mail()
          throws Exception {
    String eventId = api.eventOnSale("PT10M", 6, 6);
    String orderId = hold(eventId, "dup", List.of("ORCH-B-1", "ORCH-B-2"));
    Map<String, Object> payment = startPayment(orderId, "dup", "dup@example.org", "en");
    String paymentId = (String) payment.get("paymentId");
    bank.behave(new SandboxBank.Behaviour(40, Duration.ZERO, Duration.ofMillis(400)));
    try {
      assertThat(submit(pageOf(payment), "card", SandboxBank.CARD_DECLINED))
          .contains("card_declined");
      assertThat(submit(pageOf(payment), "card", SandboxBank.CARD_SUCCESS))
          .contains("data-outcome=SUCCEEDED");
      await().atMost(Duration.ofSeconds(30)).until(() -> mailbox.to("dup@example.org").size() == 1);
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  bank.undeliveredNotifications(Duration.ZERO).stream()
                      .noneMatch(n -> n.paymentId().equals(paymentId)));
      Thread.sleep(1500);
    } finally {
      bank.behave(SandboxBank.Behaviour.NORMAL);
    }
    assertThat(bank.deliveryAttempts()).isGreaterThanOrEqualTo(82);
    assertThat(count(paymentId, PaymentSucceededEvent.class)).isEqualTo(1);
    assertThat(count(paymentId, PaymentAttemptFailedEvent.class)).isLessThanOrEqualTo(1);
    assertThat(count(eventId, HeldPlacesSoldEvent.class)).isEqualTo(1);
    assertThat(count("tickets-" + orderId, TicketsIssuedEvent.class)).isEqualTo(1);
    assertThat(count(orderId, OrderConfirmedEvent.class)).isEqualTo(1);
    assertThat(mailbox.to("dup@example.org")).hasSize(1);
    assertThat(mailbox.to("dup@example.org").get(0).getSubject()).startsWith("Your tickets");
  }

  @Test
  void forged_stale_unknown_and_mismatched_webhooks_are_refused_without_changing_anything()
      throws Exception {
    String eventId = api.eventOnSale("PT10M", 6, 6);
    String orderId = hold(eventId, "eve", List.of("ORCH-C-1"));
    Map<String, Object> payment = startPayment(orderId, "eve", "eve@example.org", "fr");
    String paymentId = (String) payment.get("paymentId");
    String providerId = pageOf(payment).substring("/sandbox-bank/pay/".length());
    String secret = Files.readString(dataDir.resolve("secrets/sandbox-webhook-secret")).trim();
    WebhookSignature good = new WebhookSignature(secret, Duration.ofMinutes(5), Clock.systemUTC());
    WebhookSignature stale =
        new WebhookSignature(
            secret,
            Duration.ofMinutes(5),
            Clock.fixed(Instant.now().minus(Duration.ofMinutes(10)), ZoneOffset.UTC));
    WebhookSignature forger =
        new WebhookSignature("whsec_not-the-secret", Duration.ofMinutes(5), Clock.systemUTC());
    String succeeded = body("evt_forged1", paymentId, providerId, 5000);
    String wrongAmount = body("evt_amount1", paymentId, providerId, 1);
    String unknown = body("evt_unknown1", "no-such-payment", providerId, 5000);

    webhook(succeeded, null).expectStatus().isBadRequest();
    webhook(succeeded, forger.header(succeeded))
        .expectStatus()
        .isUnauthorized()
        .expectHeader()
        .contentType(MediaType.APPLICATION_PROBLEM_JSON);
    webhook(succeeded, stale.header(succeeded)).expectStatus().isUnauthorized();
    webhook(succeeded + " ", good.header(succeeded)).expectStatus().isUnauthorized();
    webhook(wrongAmount, good.header(wrongAmount))
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.code")
        .isEqualTo("amount-mismatch");
    webhook(unknown, good.header(unknown)).expectStatus().isNotFound();
    webhook("{not json", good.header("{not json")).expectStatus().isBadRequest();

    assertThat(count(paymentId, PaymentSucceededEvent.class)).isZero();
    assertThat(count(eventId, HeldPlacesSoldEvent.class)).isZero();

    webhook(succeeded, good.header(succeeded)).expectStatus().isOk();
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> count(eventId, HeldPlacesSoldEvent.class) == 1);
  }

  @Test
  void a_payment_that_succeeds_after_the_hold_expired_is_recorded_refunded_and_the_buyer_told()
      throws Exception {
    String eventId = api.eventOnSale("PT3S", 6, 6);
    String orderId = hold(eventId, "late", List.of("ORCH-A-9"));
    Map<String, Object> payment = startPayment(orderId, "late", "late@example.org", "fr");
    String paymentId = (String) payment.get("paymentId");
    Thread.sleep(3500);
    assertThat(submit(pageOf(payment), "card", SandboxBank.CARD_SUCCESS))
        .contains("data-outcome=SUCCEEDED");

    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> count(paymentId, PaymentRefundedEvent.class) == 1);
    assertThat(count(eventId, HeldPlacesSoldEvent.class)).isZero();
    assertThat(count(eventId, PaymentAfterHoldEndedEvent.class)).isEqualTo(1);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> count(orderId, OrderPaidAfterExpiryEvent.class) == 1);
    PaymentRefundRequestedEvent refund =
        guichet.payloads(paymentId).stream()
            .filter(PaymentRefundRequestedEvent.class::isInstance)
            .map(PaymentRefundRequestedEvent.class::cast)
            .findFirst()
            .orElseThrow();
    assertThat(refund.reason()).isEqualTo(RefundReason.HOLD_ENDED);
    assertThat(bank.payment(pageOf(payment).substring("/sandbox-bank/pay/".length())).status())
        .isEqualTo(SandboxBank.Status.REFUNDED);
    await().atMost(Duration.ofSeconds(20)).until(() -> mailbox.to("late@example.org").size() == 1);
    assertThat(mailbox.to("late@example.org").get(0).getSubject())
        .startsWith("Paiement trop tardif");
    assertThat(count("tickets-" + orderId, TicketsIssuedEvent.class)).isZero();
  }

  @Test
  void a_late_payment_buys_places_still_free_when_the_event_accepts_late_payments()
      throws Exception {
    String eventId = api.eventOnSale("PT3S", 6, 6);
    api.as(
            "manager-1",
            "MANAGER",
            "PUT",
            "/api/events/" + eventId + "/sales-limits",
            Map.of(
                "maxPlacesPerOrder",
                6,
                "maxPlacesPerCustomer",
                6,
                "holdDuration",
                "PT3S",
                "latePaymentAccepted",
                true))
        .expectStatus()
        .isNoContent();
    String orderId = hold(eventId, "tardy", List.of("ORCH-A-7", "ORCH-A-8"));
    Map<String, Object> payment = startPayment(orderId, "tardy", "tardy@example.org", "fr");
    String paymentId = (String) payment.get("paymentId");
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> count(orderId, OrderExpiredEvent.class) == 1);
    assertThat(submit(pageOf(payment), "card", SandboxBank.CARD_SUCCESS))
        .contains("data-outcome=SUCCEEDED");

    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> count("tickets-" + orderId, TicketsIssuedEvent.class) == 1);
    assertThat(count(eventId, LatePaymentAcceptedEvent.class)).isEqualTo(1);
    assertThat(count(eventId, PaymentAfterHoldEndedEvent.class)).isZero();
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> count(orderId, OrderConfirmedEvent.class) == 1);
    assertThat(count(paymentId, PaymentRefundRequestedEvent.class)).isZero();
    await().atMost(Duration.ofSeconds(20)).until(() -> mailbox.to("tardy@example.org").size() == 1);
    assertThat(mailbox.to("tardy@example.org").get(0).getSubject()).startsWith("Vos billets");
    api.as(
            "other",
            "SPECTATOR",
            "POST",
            "/api/events/" + eventId + "/holds",
            Map.of("placeIds", List.of("ORCH-A-7")))
        .expectStatus()
        .isEqualTo(409);
  }

  @Test
  void a_bank_timeout_whose_webhook_is_lost_is_found_by_reconciliation() {
    String eventId = api.eventOnSale("PT10M", 6, 6);
    String orderId = hold(eventId, "slow", List.of("ORCH-B-9"));
    Map<String, Object> payment = startPayment(orderId, "slow", "slow@example.org", "fr");
    String paymentId = (String) payment.get("paymentId");
    assertThat(submit(pageOf(payment), "card", SandboxBank.CARD_TIMEOUT))
        .contains("data-outcome=BANK_TIMEOUT");
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> count(eventId, HeldPlacesSoldEvent.class) == 1);
    assertThat(
            guichet.payloads(paymentId).stream()
                .filter(PaymentSucceededEvent.class::isInstance)
                .map(p -> ((PaymentSucceededEvent) p).source()))
        .containsExactly(Source.RECONCILIATION);
    await().atMost(Duration.ofSeconds(20)).until(() -> mailbox.to("slow@example.org").size() == 1);
  }

  @Test
  void three_d_secure_then_forged_and_altered_qr_codes_are_invalid_at_the_door() throws Exception {
    String eventId = api.eventOnSale("PT10M", 6, 6);
    String otherEvent = api.eventOnSale("PT10M", 6, 6);
    String orderId = hold(eventId, "sca", List.of("ORCH-A-1"));
    Map<String, Object> payment = startPayment(orderId, "sca", "sca@example.org", "en");
    assertThat(submit(pageOf(payment), "card", SandboxBank.CARD_3DS))
        .contains("data-outcome=REQUIRES_AUTHENTICATION");
    assertThat(submit(pageOf(payment) + "/3ds", "code", "000000")).contains("data-outcome=FAILED");
    assertThat(submit(pageOf(payment), "card", SandboxBank.CARD_3DS))
        .contains("data-outcome=REQUIRES_AUTHENTICATION");
    assertThat(submit(pageOf(payment) + "/3ds", "code", SandboxBank.THREE_DS_CODE))
        .contains("data-outcome=SUCCEEDED");
    await().atMost(Duration.ofSeconds(30)).until(() -> mailbox.to("sca@example.org").size() == 1);
    String code = Mailbox.qrCodes(mailbox.to("sca@example.org").get(0)).get(0);

    char last = code.charAt(code.length() - 5);
    String altered =
        code.substring(0, code.length() - 5)
            + (last == 'A' ? 'B' : 'A')
            + code.substring(code.length() - 4);
    assertThat(scan(eventId, altered, "d1").get("status")).isEqualTo("INVALID");
    assertThat(scan(eventId, code.substring(0, 40), "d1").get("status")).isEqualTo("INVALID");
    assertThat(scan(eventId, "not a ticket at all", "d1").get("status")).isEqualTo("INVALID");
    assertThat(scan(otherEvent, code, "d1").get("status")).isEqualTo("OTHER_EVENT");
    assertThat(scan(eventId, code, "d1").get("status")).isEqualTo("ADMITTED");
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> ticketKey(String eventId) {
    return api.as("door-keys", "DOOR", "GET", "/api/events/" + eventId + "/ticket-key", null)
        .expectStatus()
        .isOk()
        .expectBody(Map.class)
        .returnResult()
        .getResponseBody();
  }

  @SuppressWarnings("unchecked")
  static boolean verifiesOffline(Map<String, Object> published, String code) throws Exception {
    byte[] bytes = java.util.Base64.getUrlDecoder().decode(code);
    String keyId = java.util.HexFormat.of().formatHex(bytes, 1, 5);
    for (Map<String, Object> key : (List<Map<String, Object>>) published.get("keys")) {
      if (key.get("keyId").equals(keyId)) {
        java.security.Signature verifier = java.security.Signature.getInstance("Ed25519");
        verifier.initVerify(
            java.security.KeyFactory.getInstance("Ed25519")
                .generatePublic(
                    new java.security.spec.X509EncodedKeySpec(
                        java.util.Base64.getDecoder().decode((String) key.get("publicKey")))));
        verifier.update(bytes, 0, bytes.length - 64);
        return verifier.verify(bytes, bytes.length - 64, 64);
      }
    }
    return false;
  }

  @Test
  @SuppressWarnings("unchecked")
  void each_event_publishes_its_own_ticket_key_and_the_scanner_verifies_with_that_of_its_event()
      throws Exception {
    String eventId = api.eventOnSale("PT10M", 6, 6);
    String otherEvent = api.eventOnSale("PT10M", 6, 6);
    String orderId = hold(eventId, "keys", List.of("ORCH-A-2"));
    Map<String, Object> payment = startPayment(orderId, "keys", "keys@example.org", "fr");
    assertThat(submit(pageOf(payment), "card", SandboxBank.CARD_SUCCESS))
        .contains("data-outcome=SUCCEEDED");
    await().atMost(Duration.ofSeconds(30)).until(() -> mailbox.to("keys@example.org").size() == 1);
    String code = Mailbox.qrCodes(mailbox.to("keys@example.org").get(0)).get(0);

    Map<String, Object> own = ticketKey(eventId);
    Map<String, Object> other = ticketKey(otherEvent);
    assertThat(own.get("eventId")).isEqualTo(eventId);
    Map<String, Object> eventKey = ((List<Map<String, Object>>) own.get("keys")).get(0);
    assertThat(eventKey.get("scope")).isEqualTo("EVENT");
    assertThat(eventKey.get("algorithm")).isEqualTo("Ed25519");
    assertThat(eventKey.get("keyId"))
        .isEqualTo(
            java.util.HexFormat.of().formatHex(java.util.Base64.getUrlDecoder().decode(code), 1, 5))
        .isNotEqualTo(((List<Map<String, Object>>) other.get("keys")).get(0).get("keyId"));
    assertThat(ticketKey(eventId)).isEqualTo(own);
    assertThat(verifiesOffline(own, code)).isTrue();
    assertThat(verifiesOffline(other, code)).isFalse();
    assertThat(scan(otherEvent, code, "d1").get("status")).isEqualTo("OTHER_EVENT");
    assertThat(scan(otherEvent, code, "d1").get("admitted")).isEqualTo(false);
    assertThat(scan(eventId, code, "d1").get("status")).isEqualTo("ADMITTED");

    api.as("door-keys", "DOOR", "GET", "/api/events/no-such-event/ticket-key", null)
        .expectStatus()
        .isNotFound();
    api.anonymous("GET", "/api/events/" + eventId + "/ticket-key", null)
        .expectStatus()
        .isUnauthorized();
    assertThat(
            guichet
                .http()
                .get()
                .uri("/door/scanner.js")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody())
        .contains("/ticket-key")
        .contains("eventTag");
  }

  @Test
  void
      a_manager_cancels_a_paid_order_places_are_freed_the_ticket_is_refused_and_the_money_returned()
          throws Exception {
    String eventId = api.eventOnSale("PT10M", 6, 6);
    String orderId = hold(eventId, "ana", List.of("ORCH-B-5"));
    Map<String, Object> payment = startPayment(orderId, "ana", "ana@example.org", "fr");
    String paymentId = (String) payment.get("paymentId");
    submit(pageOf(payment), "card", SandboxBank.CARD_SUCCESS);
    await().atMost(Duration.ofSeconds(30)).until(() -> mailbox.to("ana@example.org").size() == 1);
    String code = Mailbox.qrCodes(mailbox.to("ana@example.org").get(0)).get(0);

    api.as(
            "buyer",
            "SPECTATOR",
            "POST",
            "/api/orders/" + orderId + "/cancellation",
            Map.of("reason", "x"))
        .expectStatus()
        .isForbidden();
    api.as(
            "manager-7",
            "MANAGER",
            "POST",
            "/api/orders/" + orderId + "/cancellation",
            Map.of("reason", "Litige bancaire"))
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.freedPlaces[0]")
        .isEqualTo("ORCH-B-5");

    assertThat(scan(eventId, code, "porte-nord").get("status")).isEqualTo("REVOKED");
    hold(eventId, "other", List.of("ORCH-B-5"));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> count(paymentId, PaymentRefundedEvent.class) == 1);
    await().atMost(Duration.ofSeconds(20)).until(() -> mailbox.to("ana@example.org").size() == 2);
    assertThat(mailbox.to("ana@example.org").get(1).getSubject()).contains("annulée");
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> count(orderId, OrderSaleCancelledEvent.class) == 1);
    assertThat(
            guichet.history("tickets-" + orderId).stream()
                .filter(m -> m.getPayload() instanceof TicketsRevokedEvent)
                .map(m -> m.getMetaData().get("actorId")))
        .containsExactly("manager-7");
  }

  @Test
  @SuppressWarnings("unchecked")
  void
      a_manager_cancels_one_of_two_paid_seats_the_bank_refunds_its_price_and_the_other_stays_valid()
          throws Exception {
    String eventId = api.eventOnSale("PT10M", 6, 6);
    String orderId = hold(eventId, "noa", List.of("ORCH-B-7", "ORCH-B-8"));
    Map<String, Object> payment = startPayment(orderId, "noa", "noa@example.org", "en");
    String paymentId = (String) payment.get("paymentId");
    long paid = ((Number) payment.get("amountCents")).longValue();
    submit(pageOf(payment), "card", SandboxBank.CARD_SUCCESS);
    await().atMost(Duration.ofSeconds(30)).until(() -> mailbox.to("noa@example.org").size() == 1);
    List<String> codes = Mailbox.qrCodes(mailbox.to("noa@example.org").get(0));
    String path = "/api/orders/" + orderId + "/places-cancellation";
    String key = "cancel-" + UUID.randomUUID();

    api.as(
            "manager-8",
            "MANAGER",
            "POST",
            path,
            Map.of("placeIds", List.of("ORCH-Z-1"), "reason", "x"))
        .expectStatus()
        .isEqualTo(422)
        .expectBody()
        .jsonPath("$.code")
        .isEqualTo("places-not-in-order");
    Map<String, Object> first = null;
    for (int attempt = 0; attempt < 2; attempt++) { // the retry answers the same, changes nothing
      first =
          api.as(
                  "manager-8",
                  "MANAGER",
                  "POST",
                  path,
                  Map.of("placeIds", List.of("ORCH-B-8"), "reason", "Siège cassé"),
                  key)
              .expectStatus()
              .isOk()
              .expectBody(Map.class)
              .returnResult()
              .getResponseBody();
    }
    assertThat(first.get("remainingPlaces")).isEqualTo(List.of("ORCH-B-7"));
    assertThat(((Number) first.get("refundCents")).longValue()).isEqualTo(paid / 2);
    assertThat(first.get("paymentStatus")).isEqualTo("PARTLY_REFUNDED");
    assertThat(first.get("orderCancelled")).isEqualTo(false);
    assertThat(count(eventId, SoldPlacesCancelledEvent.class)).isEqualTo(1);
    api.as(
            "manager-8",
            "MANAGER",
            "POST",
            path,
            Map.of("placeIds", List.of("ORCH-B-8"), "reason", "x"))
        .expectStatus()
        .isEqualTo(409)
        .expectBody()
        .jsonPath("$.code")
        .isEqualTo("places-already-cancelled");

    assertThat(scan(eventId, codes.get(1), "porte-nord").get("status")).isEqualTo("REVOKED");
    assertThat(scan(eventId, codes.get(0), "porte-nord").get("status")).isEqualTo("ADMITTED");
    hold(eventId, "other", List.of("ORCH-B-8"));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> count(paymentId, PaymentRefundedEvent.class) == 1);
    assertThat(bank.refunds(pageOf(payment).substring("/sandbox-bank/pay/".length())))
        .singleElement()
        .satisfies(r -> assertThat(r.amountCents()).isEqualTo(paid / 2));
    await().atMost(Duration.ofSeconds(20)).until(() -> mailbox.to("noa@example.org").size() == 2);
    MimeMessage mail = mailbox.to("noa@example.org").get(1);
    assertThat(mail.getSubject()).startsWith("Places cancelled in order " + orderId);
    assertThat((String) mail.getContent()).contains("Siège cassé").contains("B");
    assertThat(
            guichet.history(orderId).stream()
                .filter(m -> m.getPayload() instanceof OrderPlacesCancelledEvent)
                .map(m -> ((OrderPlacesCancelledEvent) m.getPayload()).cancelledBy()))
        .containsExactly("manager-8");

    api.as(
            "manager-8",
            "MANAGER",
            "POST",
            path,
            Map.of("placeIds", List.of("ORCH-B-7"), "reason", "Annulation"),
            "cancel-" + UUID.randomUUID())
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.orderCancelled")
        .isEqualTo(true);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> count(orderId, OrderSaleCancelledEvent.class) == 1);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> count(paymentId, PaymentRefundedEvent.class) == 2);
  }

  @Test
  void a_thousand_deliveries_of_one_success_give_one_sale_one_set_of_tickets_and_one_mail()
      throws Exception {
    String eventId = api.eventOnSale("PT10M", 6, 6);
    String orderId = hold(eventId, "mille", List.of("ORCH-C-9", "ORCH-C-10"));
    Map<String, Object> payment = startPayment(orderId, "mille", "mille@example.org", "fr");
    String paymentId = (String) payment.get("paymentId");
    int attemptsBefore = bank.deliveryAttempts();
    bank.behave(new SandboxBank.Behaviour(999, Duration.ZERO, Duration.ofMillis(2000)));
    try {
      submit(pageOf(payment), "card", SandboxBank.CARD_SUCCESS);
      await()
          .atMost(Duration.ofSeconds(120))
          .until(
              () ->
                  bank.undeliveredNotifications(Duration.ZERO).stream()
                      .noneMatch(n -> n.paymentId().equals(paymentId)));
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> mailbox.to("mille@example.org").size() == 1);
      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> bank.deliveryAttempts() - attemptsBefore >= 1000);
    } finally {
      bank.behave(SandboxBank.Behaviour.NORMAL);
    }
    Thread.sleep(2000);
    assertThat(count(paymentId, PaymentSucceededEvent.class)).isEqualTo(1);
    assertThat(count(eventId, HeldPlacesSoldEvent.class)).isEqualTo(1);
    assertThat(count("tickets-" + orderId, TicketsIssuedEvent.class)).isEqualTo(1);
    assertThat(mailbox.to("mille@example.org")).hasSize(1);
  }

  @Test
  void a_payment_just_before_the_hold_ends_wins_and_the_later_deadline_changes_nothing()
      throws Exception {
    String eventId = api.eventOnSale("PT8S", 6, 6);
    String orderId = hold(eventId, "quick", List.of("ORCH-A-10"));
    Map<String, Object> payment = startPayment(orderId, "quick", "quick@example.org", "en");
    assertThat(submit(pageOf(payment), "card", SandboxBank.CARD_SUCCESS))
        .contains("data-outcome=SUCCEEDED");
    await().atMost(Duration.ofSeconds(30)).until(() -> mailbox.to("quick@example.org").size() == 1);
    Thread.sleep(9000);
    assertThat(count(eventId, HeldPlacesSoldEvent.class)).isEqualTo(1);
    assertThat(count(eventId, fr.guichet.api.event.EventDomainEvent.HoldExpiredEvent.class))
        .isZero();
    assertThat(count(eventId, PaymentAfterHoldEndedEvent.class)).isZero();
    assertThat(count((String) payment.get("paymentId"), PaymentRefundRequestedEvent.class))
        .isZero();
  }

  private static String body(String id, String paymentId, String providerId, long amount) {
    return "{\"id\":\""
        + id
        + "\",\"type\":\"payment.succeeded\",\"created\":"
        + Instant.now().getEpochSecond()
        + ",\"data\":{\"payment\":\""
        + providerId
        + "\",\"reference\":\""
        + paymentId
        + "\",\"amount\":"
        + amount
        + ",\"currency\":\"EUR\",\"failure_code\":null,\"refund\":null}}";
  }

  private static org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec webhook(
      String body, String signature) {
    var request =
        guichet
            .http()
            .post()
            .uri("/api/payments/webhooks/sandbox")
            .contentType(MediaType.APPLICATION_JSON);
    if (signature != null) {
      request = request.header(SandboxBank.SIGNATURE_HEADER, signature);
    }
    return request.bodyValue(body).exchange();
  }
}
