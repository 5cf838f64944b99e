package fr.guichet.standalone.onsale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import fr.guichet.api.account.AccountDomainEvent.AccountBlockedEvent;
import fr.guichet.api.account.AccountDomainEvent.AccountUnblockedEvent;
import fr.guichet.api.event.EventDomainEvent.HeldPlacesSoldEvent;
import fr.guichet.api.event.EventDomainEvent.HoldReleasedEvent;
import fr.guichet.api.event.EventDomainEvent.PlacesHeldEvent;
import fr.guichet.api.event.EventDomainEvent.PurchaseCap;
import fr.guichet.api.event.EventDomainEvent.PurchaseCapExceededEvent;
import fr.guichet.api.ticket.TicketEvent.TicketHolderChangedEvent;
import fr.guichet.command.account.AccountService;
import fr.guichet.command.web.Actor.Role;
import fr.guichet.standalone.support.Api;
import fr.guichet.standalone.support.GuichetInstance;
import fr.guichet.standalone.support.Mailbox;
import fr.guichet.standalone.support.SandboxBankPage;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec;

/**
 * Anti-scalping through the real flows: the per-buyer cap also binds the card that pays (through
 * the sandbox bank's fingerprints) and the buyer's verified mailbox; the box office blocks and
 * unblocks an account; tickets carry their holder's name and renaming one is limited and voids the
 * former code. The abuse signals of these flows reach the box office's list.
 */
class PurchaseCapsAndBlockingIT {

  static final String SHARED_CARD = "5555555555554444";
  static final String OTHER_CARD = "4000056655665556";

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
            "--guichet.mail.embedded-port=0",
            "--guichet.abuse.accounts-per-card=2",
            "--guichet.abuse.accounts-per-device=2",
            "--guichet.abuse.min-checkout=PT2M");
    api = new Api(guichet);
    mailbox = new Mailbox(guichet.bean(GreenMail.class));
  }

  @AfterAll
  static void stop() {
    guichet.close();
  }

  static Map<String, Object> json(
      String actor, String role, String method, String path, Object body) {
    return api.json(actor, role, method, path, body);
  }

  /** Bearer tokens of accounts whose login is not their id's (aliases of one mailbox). */
  static final Map<String, String> aliasTokens = new java.util.concurrent.ConcurrentHashMap<>();

  /** Opens a verified spectator account {@code accountId} signing in as {@code email}. */
  @SuppressWarnings("unchecked")
  static void openAccount(String accountId, String email) {
    guichet
        .bean(AccountService.class)
        .createAccount(
            accountId, email, Role.SPECTATOR, Api.passwordOf(accountId), MetaData.emptyInstance());
    Map<String, Object> pair =
        guichet
            .http()
            .post()
            .uri("/api/auth/token")
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(Map.of("login", email, "password", Api.passwordOf(accountId)))
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody(Map.class)
            .returnResult()
            .getResponseBody();
    aliasTokens.put(accountId, (String) pair.get("accessToken"));
  }

  /** A buyer's call: with the alias token of accounts opened by {@link #openAccount}. */
  static ResponseSpec asBuyer(String buyer, String method, String path, Object body, String key) {
    String token = aliasTokens.get(buyer);
    if (token == null) {
      return api.as(buyer, "SPECTATOR", method, path, body, key);
    }
    var request =
        guichet
            .http()
            .method(HttpMethod.valueOf(method))
            .uri(path)
            .header("Idempotency-Key", key)
            .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
            .contentType(MediaType.APPLICATION_JSON);
    return body == null ? request.exchange() : request.bodyValue(body).exchange();
  }

  @SuppressWarnings("unchecked")
  static String hold(String eventId, String buyer, List<String> places) {
    return (String)
        asBuyer(
                buyer,
                "POST",
                "/api/events/" + eventId + "/holds",
                Map.of("placeIds", places),
                UUID.randomUUID().toString())
            .expectStatus()
            .isCreated()
            .expectBody(Map.class)
            .returnResult()
            .getResponseBody()
            .get("orderId");
  }

  /** Starts paying once pricing has recorded the order's price, then pays with {@code card}. */
  @SuppressWarnings("unchecked")
  static String pay(String orderId, String buyer, String email, String card) {
    String key = UUID.randomUUID().toString();
    Map<String, Object>[] started = new Map[1];
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                started[0] =
                    asBuyer(
                            buyer,
                            "POST",
                            "/api/orders/" + orderId + "/payments",
                            Map.of("holderName", "Buyer " + buyer, "email", email, "locale", "en"),
                            key)
                        .expectStatus()
                        .isCreated()
                        .expectBody(Map.class)
                        .returnResult()
                        .getResponseBody());
    String page = URI.create((String) started[0].get("paymentPageUrl")).getPath();
    String answer = SandboxBankPage.submitCard(guichet.http(), page, card);
    assertThat(answer).contains("data-outcome=SUCCEEDED");
    return (String) started[0].get("paymentId");
  }

  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> tickets(String buyer, String orderId) {
    return asBuyer(buyer, "GET", "/api/orders/" + orderId + "/tickets", null, "t")
        .expectStatus()
        .isOk()
        .expectBodyList(Map.class)
        .returnResult()
        .getResponseBody()
        .stream()
        .map(m -> (Map<String, Object>) m)
        .toList();
  }

  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> signals(String eventId) {
    return api
        .as("manager-1", "MANAGER", "GET", "/api/abuse-signals?eventId=" + eventId, null)
        .expectStatus()
        .isOk()
        .expectBodyList(Map.class)
        .returnResult()
        .getResponseBody()
        .stream()
        .map(m -> (Map<String, Object>) m)
        .toList();
  }

  static <T> List<T> stored(String aggregateId, Class<T> type) {
    return guichet.payloads(aggregateId).stream().filter(type::isInstance).map(type::cast).toList();
  }

  @Test
  void a_browser_gets_a_device_cookie_and_three_accounts_holding_from_it_raise_a_device_signal() {
    String eventId = api.eventOnSale("PT10M", 4, 4);
    String cookie =
        api.anonymous("GET", "/api/events/" + eventId + "/waiting-room", null)
            .expectStatus()
            .isOk()
            .returnResult(Void.class)
            .getResponseCookies()
            .getFirst("guichet_device")
            .getValue();
    List<String> orders = new java.util.ArrayList<>();
    int seat = 1;
    for (String buyer : List.of("gina", "hugo", "ines")) {
      String place = "ORCH-A-" + seat++;
      orders.add(
          (String)
              api.http()
                  .post()
                  .uri("/api/events/" + eventId + "/holds")
                  .header("Idempotency-Key", UUID.randomUUID().toString())
                  .header(HttpHeaders.AUTHORIZATION, "Bearer " + api.tokenFor(buyer, "SPECTATOR"))
                  .cookie("guichet_device", cookie)
                  .contentType(MediaType.APPLICATION_JSON)
                  .bodyValue(Map.of("placeIds", List.of(place)))
                  .exchange()
                  .expectStatus()
                  .isCreated()
                  .expectBody(Map.class)
                  .returnResult()
                  .getResponseBody()
                  .get("orderId"));
    }

    // Every hold carries the hashed device, never the cookie itself.
    List<Object> devices =
        guichet.history(eventId).stream()
            .filter(m -> m.getPayload() instanceof PlacesHeldEvent)
            .map(m -> m.getMetaData().get("deviceId"))
            .toList();
    assertThat(devices).hasSize(3).containsOnly(devices.get(0));
    String device = (String) devices.get(0);
    assertThat(device).startsWith("dv_").doesNotContain(cookie);
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () ->
                assertThat(signals(eventId))
                    .filteredOn(s -> "many-accounts-one-device".equals(s.get("kind")))
                    .singleElement()
                    .satisfies(
                        s -> {
                          assertThat(s.get("subject")).isEqualTo(device);
                          assertThat(s.get("subjectType")).isEqualTo("device");
                        }));
  }

  @Test
  void two_accounts_paying_with_one_card_share_the_cap_and_the_second_payment_is_refunded()
      throws Exception {
    String eventId = api.eventOnSale("PT10M", 4, 4);
    String carlasOrder = hold(eventId, "carla", List.of("ORCH-A-1", "ORCH-A-2", "ORCH-A-3"));
    pay(carlasOrder, "carla", "carla@example.org", SHARED_CARD);
    await().atMost(Duration.ofSeconds(30)).until(() -> tickets("carla", carlasOrder).size() == 3);

    String davesOrder = hold(eventId, "dave", List.of("ORCH-B-1", "ORCH-B-2"));
    String davesPayment = pay(davesOrder, "dave", "dave@example.org", SHARED_CARD);
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(json("dave", "SPECTATOR", "GET", "/api/payments/" + davesPayment, null))
                    .containsEntry("refundReason", "PURCHASE_CAP")
                    .containsEntry("status", "REFUNDED"));

    PurchaseCapExceededEvent refused =
        stored(eventId, PurchaseCapExceededEvent.class).stream()
            .filter(e -> e.orderId().equals(davesOrder))
            .findFirst()
            .orElseThrow();
    assertThat(refused.cap()).isEqualTo(PurchaseCap.CARD);
    assertThat(refused.limit()).isEqualTo(4);
    assertThat(refused.alreadyBought()).isEqualTo(3);
    assertThat(stored(eventId, HoldReleasedEvent.class))
        .extracting(HoldReleasedEvent::orderId)
        .contains(davesOrder);
    List<HeldPlacesSoldEvent> sold = stored(eventId, HeldPlacesSoldEvent.class);
    assertThat(sold).extracting(HeldPlacesSoldEvent::orderId).containsExactly(carlasOrder);
    assertThat(sold.get(0).cardFingerprint()).startsWith("fp_").doesNotContain("4444");
    assertThat(guichet.history(eventId).toString()).doesNotContain(SHARED_CARD);

    await().atMost(Duration.ofSeconds(30)).until(() -> mailbox.to("dave@example.org").size() == 1);
    assertThat(
            ((jakarta.mail.internet.MimeMessage) mailbox.to("dave@example.org").get(0))
                .getSubject())
        .isNotNull()
        .startsWith("Purchase limit reached");
    // Dave's places are on sale again.
    hold(eventId, "erin", List.of("ORCH-B-1", "ORCH-B-2"));

    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () ->
                assertThat(signals(eventId))
                    .extracting(s -> s.get("kind") + " " + s.get("subject"))
                    .contains(
                        "purchase-cap-exceeded dave",
                        "too-fast-checkout carla",
                        "many-accounts-one-card " + sold.get(0).cardFingerprint()));
  }

  @Test
  void aliases_of_one_verified_mailbox_share_the_cap_whatever_the_card() throws Exception {
    openAccount("ann-1", "ann+onsale@guichet.test");
    openAccount("ann-2", "ann+resale@guichet.test");
    String eventId = api.eventOnSale("PT10M", 4, 4);
    String first = hold(eventId, "ann-1", List.of("ORCH-C-1", "ORCH-C-2", "ORCH-C-3"));
    pay(first, "ann-1", "ann1@example.org", "4000002500003155");
    await().atMost(Duration.ofSeconds(30)).until(() -> tickets("ann-1", first).size() == 3);
    String second = hold(eventId, "ann-2", List.of("ORCH-C-4", "ORCH-C-5"));
    pay(second, "ann-2", "ann2@example.org", OTHER_CARD);
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(stored(eventId, PurchaseCapExceededEvent.class))
                    .singleElement()
                    .satisfies(
                        e -> {
                          assertThat(e.orderId()).isEqualTo(second);
                          assertThat(e.cap()).isEqualTo(PurchaseCap.MAILBOX);
                        }));
    assertThat(stored(eventId, HeldPlacesSoldEvent.class))
        .singleElement()
        .satisfies(e -> assertThat(e.mailboxFingerprint()).startsWith("mb_"));
    assertThat(guichet.history(eventId).toString()).doesNotContain("ann+");
  }

  @Test
  @SuppressWarnings("unchecked")
  void a_blocked_account_loses_its_holds_and_is_refused_with_the_reason_until_unblocked() {
    String eventId = api.eventOnSale("PT10M", 4, 10);
    String fredsOrder = hold(eventId, "fred", List.of("ORCH-A-1", "ORCH-A-2"));
    String reason = "Resold 40 tickets on a secondary market";

    api.as("fred", "SPECTATOR", "PUT", "/api/blocked-accounts/fred", Map.of("reason", "me"))
        .expectStatus()
        .isForbidden();
    api.as("manager-1", "MANAGER", "PUT", "/api/blocked-accounts/fred", Map.of("reason", reason))
        .expectStatus()
        .isNoContent();
    api.as("manager-1", "MANAGER", "PUT", "/api/blocked-accounts/director-1", Map.of("reason", "x"))
        .expectStatus()
        .isEqualTo(422);

    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () ->
                assertThat(stored(eventId, HoldReleasedEvent.class))
                    .extracting(HoldReleasedEvent::orderId)
                    .containsExactly(fredsOrder));
    DomainEventMessage<?> release =
        guichet.history(eventId).stream()
            .filter(m -> m.getPayload() instanceof HoldReleasedEvent)
            .findFirst()
            .orElseThrow();
    assertThat(release.getMetaData())
        .containsEntry("actorId", "manager-1")
        .containsEntry("cause", "account-blocked");
    assertThat(stored("fred", AccountBlockedEvent.class))
        .containsExactly(new AccountBlockedEvent("fred", reason, "manager-1"));

    api.as(
            "fred",
            "SPECTATOR",
            "POST",
            "/api/events/" + eventId + "/holds",
            Map.of("placeIds", List.of("ORCH-A-3")))
        .expectStatus()
        .isForbidden()
        .expectHeader()
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .expectBody()
        .jsonPath("$.code")
        .isEqualTo("account-blocked")
        .jsonPath("$.reason")
        .isEqualTo(reason);
    api.as(
            "fred",
            "SPECTATOR",
            "POST",
            "/api/orders/" + fredsOrder + "/payments",
            Map.of("holderName", "Fred", "email", "fred@example.org"))
        .expectStatus()
        .isForbidden()
        .expectBody()
        .jsonPath("$.code")
        .isEqualTo("account-blocked");

    List<Map<String, Object>> listed =
        api
            .as("director-1", "DIRECTOR", "GET", "/api/blocked-accounts", null)
            .expectStatus()
            .isOk()
            .expectBodyList(Map.class)
            .returnResult()
            .getResponseBody()
            .stream()
            .map(m -> (Map<String, Object>) m)
            .toList();
    assertThat(listed)
        .anySatisfy(
            b -> {
              assertThat(b).containsEntry("accountId", "fred");
              assertThat(b).containsEntry("reason", reason);
              assertThat(b).containsEntry("blockedBy", "manager-1");
            });

    api.as("director-1", "DIRECTOR", "DELETE", "/api/blocked-accounts/fred?reason=explained", null)
        .expectStatus()
        .isNoContent();
    assertThat(stored("fred", AccountUnblockedEvent.class))
        .containsExactly(new AccountUnblockedEvent("fred", "explained", "director-1"));
    api.as("manager-1", "MANAGER", "GET", "/api/blocked-accounts/fred", null)
        .expectStatus()
        .isNotFound();
    hold(eventId, "fred", List.of("ORCH-A-3"));
  }

  @Test
  void a_buyer_renames_a_ticket_once_the_box_office_beyond_and_the_former_code_stops_working() {
    String eventId = api.eventOnSale("PT10M", 4, 10);
    String order = hold(eventId, "gina", List.of("ORCH-A-9"));
    pay(order, "gina", "gina@example.org", "4000003560000008");
    await().atMost(Duration.ofSeconds(30)).until(() -> tickets("gina", order).size() == 1);
    String firstCode = (String) tickets("gina", order).get(0).get("code");
    String holder = "/api/orders/" + order + "/tickets/1/holder";

    Map<String, Object> renamed =
        json("gina", "SPECTATOR", "PUT", holder, Map.of("holderName", "Hugo Petit"));
    assertThat(renamed).containsEntry("holderName", "Hugo Petit").containsEntry("issueNumber", 2);
    api.as("gina", "SPECTATOR", "PUT", holder, Map.of("holderName", "Ines Roy"))
        .expectStatus()
        .isEqualTo(422)
        .expectBody()
        .jsonPath("$.code")
        .isEqualTo("name-change-limit");
    api.as("mallory", "SPECTATOR", "PUT", holder, Map.of("holderName", "Mallory"))
        .expectStatus()
        .isNotFound();
    api.as("manager-1", "MANAGER", "PUT", holder, Map.of("holderName", "Ines Roy"))
        .expectStatus()
        .isEqualTo(400);
    Map<String, Object> byBoxOffice =
        json(
            "manager-1",
            "MANAGER",
            "PUT",
            holder,
            Map.of("holderName", "Ines Roy", "reason", "ID checked at the counter"));
    assertThat(byBoxOffice).containsEntry("issueNumber", 3);

    assertThat(scan(eventId, firstCode)).containsEntry("status", "SUPERSEDED");
    assertThat(scan(eventId, (String) byBoxOffice.get("code")))
        .containsEntry("status", "ADMITTED")
        .containsEntry("holderName", "Ines Roy");
    assertThat(stored("tickets-" + order, TicketHolderChangedEvent.class))
        .extracting(e -> e.changedBy() + ":" + e.previousHolderName() + "→" + e.holderName())
        .containsExactly("gina:Buyer gina→Hugo Petit", "manager-1:Hugo Petit→Ines Roy");
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> scan(String eventId, String code) {
    return json(
        "door-1",
        "DOOR",
        "POST",
        "/api/events/" + eventId + "/check-ins",
        Map.of("code", code, "door", "nord"));
  }
}
