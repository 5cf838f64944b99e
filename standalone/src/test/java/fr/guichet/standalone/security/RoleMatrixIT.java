package fr.guichet.standalone.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fr.guichet.standalone.support.Api;
import fr.guichet.standalone.support.GuichetInstance;
import fr.guichet.standalone.support.Plans;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Every role against every endpoint: anonymous callers get 401, a role that may not do something
 * gets 403, a buyer touching someone else's order gets 404, and everyone else gets through the door
 * (whatever the business answer then is). Cells run in order, so the lifecycle stays plausible: the
 * event closes last.
 */
class RoleMatrixIT {

  static final String ANONYMOUS = "ANONYMOUS";
  static final List<String> ROLES =
      List.of(ANONYMOUS, "SPECTATOR", "DIRECTOR", "MANAGER", "AUDITOR", "DOOR");
  static final Set<String> STAFF_READERS = Set.of("AUDITOR", "DIRECTOR", "MANAGER");
  static final Set<String> SIGNED_IN =
      Set.of("SPECTATOR", "DIRECTOR", "MANAGER", "AUDITOR", "DOOR");
  static final Set<String> EVERYONE = Set.copyOf(ROLES);
  static final Set<String> BUYERS = Set.of("SPECTATOR", "MANAGER");

  @TempDir static Path dataDir;
  static GuichetInstance guichet;
  static Api api;
  static String eventId;
  static String ownersOrder;

  record Endpoint(
      String method, String path, Object body, Set<String> allowed, Set<String> notTheirs) {

    Endpoint(String method, String path, Object body, Set<String> allowed) {
      this(method, path, body, allowed, Set.of());
    }

    int expectedFor(String role) {
      if (ANONYMOUS.equals(role)) {
        return allowed.contains(ANONYMOUS) ? 0 : 401;
      }
      if (notTheirs.contains(role)) {
        return 404;
      }
      return allowed.contains(role) ? 0 : 403;
    }
  }

  @BeforeAll
  @SuppressWarnings("unchecked")
  static void anEventOnSaleWithSomeonesOrder() {
    guichet = GuichetInstance.start(dataDir);
    api = new Api(guichet);
    eventId = api.eventOnSale("PT10M", 4, 10);
    Map<String, Object> held =
        api.as(
                "matrix-owner",
                "SPECTATOR",
                "POST",
                "/api/events/" + eventId + "/holds",
                Map.of("placeIds", List.of("ORCH-A-1", "ORCH-A-2")))
            .expectStatus()
            .isCreated()
            .expectBody(Map.class)
            .returnResult()
            .getResponseBody();
    ownersOrder = (String) held.get("orderId");
    api.tokenFor("matrix-blockee", "SPECTATOR");
  }

  @AfterAll
  static void stop() {
    guichet.close();
  }

  static List<Endpoint> endpoints() {
    String event = "/api/events/" + eventId;
    Map<String, Object> draft =
        Map.of("title", "Matinée", "venue", "Studio", "startsAt", "2027-05-01T15:00:00Z");
    Map<String, Object> limits =
        Map.of("maxPlacesPerOrder", 4, "maxPlacesPerCustomer", 10, "holdDuration", "PT10M");
    Map<String, Object> places = Map.of("placeIds", List.of("ORCH-C-9"), "reason", "technical");
    List<Endpoint> all = new ArrayList<>();
    all.add(new Endpoint("POST", "/api/events", draft, Set.of("MANAGER")));
    all.add(new Endpoint("PUT", event + "/seating-plan", Plans.FESTIVAL, Set.of("MANAGER")));
    all.add(new Endpoint("PUT", event + "/sales-limits", limits, Set.of("MANAGER")));
    all.add(new Endpoint("POST", event + "/approval", null, Set.of("DIRECTOR")));
    all.add(new Endpoint("POST", event + "/opening", null, Set.of("MANAGER")));
    all.add(new Endpoint("POST", event + "/pause", null, Set.of("MANAGER")));
    all.add(new Endpoint("POST", event + "/resumption", null, Set.of("MANAGER")));
    all.add(new Endpoint("POST", event + "/blocked-places", places, Set.of("MANAGER")));
    all.add(new Endpoint("POST", event + "/unblocked-places", places, Set.of("MANAGER")));
    all.add(
        new Endpoint(
            "POST",
            event + "/holds",
            Map.of("zone", "FOSSE", "quantity", 1),
            Set.of("SPECTATOR", "MANAGER")));
    all.add(
        new Endpoint(
            "POST",
            event + "/holds/" + ownersOrder + "/box-office-payment",
            Map.of("method", "CASH"),
            Set.of("MANAGER")));
    all.add(
        new Endpoint(
            "POST",
            event + "/holds/" + ownersOrder + "/release",
            null,
            Set.of(),
            Set.of("SPECTATOR", "MANAGER")));
    all.add(
        new Endpoint("GET", "/api/audit/aggregates/" + eventId + "/events", null, STAFF_READERS));
    all.add(new Endpoint("GET", "/api/audit/events?limit=5", null, STAFF_READERS));
    all.add(
        new Endpoint("GET", "/api/audit/events/export?type=SalesPausedEvent", null, STAFF_READERS));
    all.add(
        new Endpoint(
            "GET", "/api/audit/performances/" + eventId + "/seating", null, STAFF_READERS));
    all.add(
        new Endpoint(
            "GET", "/api/audit/aggregates/" + ownersOrder + "/events", null, STAFF_READERS));
    all.add(
        new Endpoint(
            "POST", "/api/staff", Map.of("login", "door-two", "role", "DOOR"), Set.of("DIRECTOR")));
    all.add(
        new Endpoint(
            "GET",
            "/api/auth/me",
            null,
            Set.of("SPECTATOR", "DIRECTOR", "MANAGER", "AUDITOR", "DOOR")));
    Set<String> others = Set.of("SPECTATOR", "DOOR");
    all.add(new Endpoint("GET", "/api/orders/" + ownersOrder, null, STAFF_READERS, others));
    all.add(new Endpoint("GET", "/api/customers/matrix-owner/orders", null, STAFF_READERS, others));
    all.add(new Endpoint("GET", "/api/dashboard/events/" + eventId, null, STAFF_READERS));
    all.add(new Endpoint("GET", "/api/dashboard/season", null, STAFF_READERS));
    all.add(new Endpoint("GET", "/api/event-setups", null, STAFF_READERS));
    all.add(new Endpoint("GET", "/api/event-setups/" + eventId, null, STAFF_READERS));
    all.add(new Endpoint("GET", event + "/waiting-list", null, STAFF_READERS));
    all.add(new Endpoint("GET", event + "/waiting-list/me", null, Set.of(), SIGNED_IN));
    // Event details and the approval round: the box office drafts and submits, the director
    // sends back.
    all.add(
        new Endpoint(
            "PUT",
            event,
            Map.of(
                "title",
                "Matrix",
                "venue",
                "Hall",
                "startsAt",
                "2027-07-14T20:00:00Z",
                "description",
                ""),
            Set.of("MANAGER")));
    all.add(new Endpoint("POST", event + "/approval-request", null, Set.of("MANAGER")));
    all.add(
        new Endpoint(
            "POST", event + "/rejection", Map.of("reason", "not yet"), Set.of("DIRECTOR")));
    // Browsing is anonymous: the catalog, seat maps, availability, a waiting room's state and the
    // proof-of-work challenge (worthless without an account to join or hold with).
    all.add(new Endpoint("GET", "/api/events", null, EVERYONE));
    all.add(new Endpoint("GET", event, null, EVERYONE));
    all.add(new Endpoint("GET", event + "/seat-map", null, EVERYONE));
    all.add(new Endpoint("GET", event + "/availability", null, EVERYONE));
    all.add(new Endpoint("GET", event + "/waiting-room", null, EVERYONE));
    all.add(new Endpoint("GET", event + "/challenge?purpose=join", null, EVERYONE));
    all.add(new Endpoint("GET", "/actuator/health", null, EVERYONE));
    // The waiting room: the box office runs it, a place in it is for those who may hold.
    all.add(
        new Endpoint(
            "PUT",
            event + "/waiting-room",
            Map.of("enabled", false, "admitPerMinute", 600),
            Set.of("MANAGER")));
    all.add(new Endpoint("POST", event + "/waiting-room/visitors", null, BUYERS));
    all.add(new Endpoint("GET", event + "/waiting-room/visitors/me", null, SIGNED_IN));
    all.add(
        new Endpoint("GET", "/api/abuse-signals", null, Set.of("MANAGER", "DIRECTOR", "AUDITOR")));
    // Blocking a buyer's account is the box office's or the direction's decision; auditors read.
    all.add(
        new Endpoint(
            "PUT",
            "/api/blocked-accounts/matrix-blockee",
            Map.of("reason", "matrix"),
            Set.of("MANAGER", "DIRECTOR")));
    all.add(new Endpoint("GET", "/api/blocked-accounts", null, STAFF_READERS));
    all.add(new Endpoint("GET", "/api/blocked-accounts/matrix-blockee", null, STAFF_READERS));
    all.add(
        new Endpoint(
            "DELETE", "/api/blocked-accounts/matrix-blockee", null, Set.of("MANAGER", "DIRECTOR")));
    // Renaming a ticket's holder: its buyer or the box office; another buyer learns nothing.
    all.add(
        new Endpoint(
            "PUT",
            "/api/orders/" + ownersOrder + "/tickets/1/holder",
            Map.of("holderName", "Matrix Holder", "reason", "matrix"),
            Set.of("MANAGER"),
            Set.of("SPECTATOR")));
    // Someone else's order: choosing its rates or paying it is nobody else's business (404), its
    // price explanation is for the buyer and the staff readers.
    Set<String> everyoneElse = SIGNED_IN;
    all.add(
        new Endpoint(
            "POST",
            "/api/orders/" + ownersOrder + "/rates",
            Map.of("tickets", List.of(Map.of("placeId", "ORCH-A-1", "rate", "FULL"))),
            Set.of(),
            everyoneElse));
    all.add(
        new Endpoint(
            "POST",
            "/api/orders/" + ownersOrder + "/payments",
            Map.of("holderName", "Someone Else", "email", "else@example.org"),
            Set.of(),
            everyoneElse));
    all.add(
        new Endpoint(
            "GET",
            "/api/orders/" + ownersOrder + "/price-explanation",
            null,
            STAFF_READERS,
            Set.of("SPECTATOR", "DOOR")));
    all.add(new Endpoint("GET", "/api/payments/no-such-payment", null, SIGNED_IN));
    // Tickets: door staff scan, the box office reprints, public keys and QR rendering need an
    // account only.
    all.add(
        new Endpoint(
            "POST",
            event + "/check-ins",
            Map.of("code", "not-a-ticket", "door", "porte-1"),
            Set.of("DOOR")));
    all.add(new Endpoint("GET", "/api/tickets/signing-keys", null, SIGNED_IN));
    all.add(new Endpoint("GET", event + "/ticket-key", null, SIGNED_IN));
    all.add(new Endpoint("GET", "/api/tickets/qr?code=matrix", null, SIGNED_IN));
    // An order's tickets (admission codes): its buyer and the box office; anyone else is told
    // there is no such order.
    all.add(
        new Endpoint(
            "GET",
            "/api/orders/" + ownersOrder + "/tickets",
            null,
            Set.of("MANAGER"),
            Set.of("SPECTATOR", "DIRECTOR", "AUDITOR", "DOOR")));
    // The box office prints the tickets of an order it sold (or reprints any): the PDF carries
    // admission codes, so it is the buyer's and the box office's only.
    all.add(
        new Endpoint(
            "GET",
            "/api/orders/" + ownersOrder + "/tickets.pdf",
            null,
            Set.of("MANAGER"),
            Set.of("SPECTATOR", "DIRECTOR", "AUDITOR", "DOOR")));
    all.add(
        new Endpoint(
            "GET",
            "/api/orders/" + ownersOrder + "/rate-options",
            null,
            Set.of(),
            Set.of("SPECTATOR", "DIRECTOR", "MANAGER", "AUDITOR", "DOOR")));
    // Pricing rules: the box office edits them; the direction and the auditors read the history.
    Map<String, Object> files =
        Map.of("files", List.of(Map.of("name", "matrix.drl", "content", "not drl")));
    all.add(new Endpoint("GET", "/api/pricing/rules", null, SIGNED_IN));
    all.add(new Endpoint("GET", "/api/pricing/rules/defaults", null, SIGNED_IN));
    all.add(new Endpoint("GET", "/api/pricing/rules/versions", null, STAFF_READERS));
    all.add(new Endpoint("GET", "/api/pricing/rules/versions/1", null, STAFF_READERS));
    all.add(new Endpoint("POST", "/api/pricing/rules/validation", files, Set.of("MANAGER")));
    all.add(new Endpoint("POST", "/api/pricing/rules/versions", files, Set.of("MANAGER")));
    all.add(
        new Endpoint(
            "POST",
            "/api/pricing/rules/rollback",
            Map.of("toVersion", 999, "comment", "matrix"),
            Set.of("MANAGER")));
    Map<String, Object> subscription =
        Map.of("validFrom", "2026-09-01", "validTo", "2027-06-30", "note", "matrix");
    all.add(
        new Endpoint("PUT", "/api/pricing/subscriptions/AB-1234", subscription, Set.of("MANAGER")));
    all.add(
        new Endpoint(
            "GET",
            "/api/pricing/subscriptions/AB-1234",
            null,
            Set.of("MANAGER", "DOOR", "AUDITOR")));
    all.add(new Endpoint("DELETE", "/api/pricing/subscriptions/AB-1234", null, Set.of("MANAGER")));
    // Read models: rebuilding one is an operation of the box office or the direction.
    all.add(new Endpoint("GET", "/api/views", null, SIGNED_IN));
    all.add(
        new Endpoint(
            "POST", "/api/views/no-such-view/rebuild", null, Set.of("MANAGER", "DIRECTOR")));
    all.add(
        new Endpoint(
            "POST", "/api/views/rebuild?views=no-such-view", null, Set.of("MANAGER", "DIRECTOR")));
    // Following a rebuild and comparing the rebuilt view with the live one are reads: staff who
    // read everything (auditors included); switching over or discarding it is an operation.
    all.add(new Endpoint("GET", "/api/views/no-such-view/rebuild", null, STAFF_READERS));
    all.add(new Endpoint("GET", "/api/views/no-such-view/comparison", null, STAFF_READERS));
    all.add(
        new Endpoint(
            "POST", "/api/views/no-such-view/switch", null, Set.of("MANAGER", "DIRECTOR")));
    all.add(
        new Endpoint(
            "DELETE", "/api/views/no-such-view/rebuild", null, Set.of("MANAGER", "DIRECTOR")));
    // Refunds are the box office's; this order is unpaid, so the business answer is a refusal.
    all.add(
        new Endpoint(
            "POST",
            "/api/orders/" + ownersOrder + "/cancellation",
            Map.of("reason", "matrix"),
            Set.of("MANAGER")));
    all.add(new Endpoint("POST", event + "/closing", null, Set.of("MANAGER")));
    return all;
  }

  @Test
  void graphql_shows_an_order_to_its_buyer_and_never_to_an_anonymous_caller_naming_someone() {
    String query = "{\"query\":\"{ order(id: \\\"" + ownersOrder + "\\\") { orderId } }\"}";
    await()
        .atMost(Duration.ofSeconds(15))
        .untilAsserted(
            () ->
                api.http()
                    .post()
                    .uri("/graphql")
                    .header(
                        HttpHeaders.AUTHORIZATION,
                        "Bearer " + api.tokenFor("matrix-owner", "SPECTATOR"))
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(query)
                    .exchange()
                    .expectBody()
                    .jsonPath("$.data.order.orderId")
                    .isEqualTo(ownersOrder));
    WebTestClient noCredentials =
        WebTestClient.bindToServer().baseUrl("http://localhost:" + guichet.port()).build();
    noCredentials
        .post()
        .uri("/graphql")
        .header("X-Actor-Id", "matrix-owner")
        .header("X-Actor-Role", "MANAGER")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(query)
        .exchange()
        .expectBody()
        .jsonPath("$.data.order")
        .isEmpty()
        .jsonPath("$.errors[0].extensions.code")
        .isEqualTo("unknown-order");
  }

  @Test
  void the_bank_reaches_its_webhook_and_the_sandbox_bank_without_an_account() {
    WebTestClient bank =
        WebTestClient.bindToServer().baseUrl("http://localhost:" + guichet.port()).build();
    // The HMAC signature decides, not an account: a wrong one is the webhook's own refusal.
    bank.post()
        .uri("/api/payments/webhooks/sandbox")
        .header("Guichet-Sandbox-Signature", "t=1,v1=00")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue("{}")
        .exchange()
        .expectStatus()
        .isUnauthorized()
        .expectBody()
        .jsonPath("$.code")
        .isEqualTo("bad-signature");
    bank.get().uri("/sandbox-bank/behaviour").exchange().expectStatus().isOk();
  }

  @TestFactory
  Stream<DynamicTest> every_role_against_every_endpoint() {
    return endpoints().stream()
        .flatMap(
            endpoint ->
                ROLES.stream()
                    .map(
                        role ->
                            DynamicTest.dynamicTest(
                                role
                                    + " "
                                    + endpoint.method()
                                    + " "
                                    + endpoint.path()
                                    + " → "
                                    + verdict(endpoint.expectedFor(role)),
                                () -> check(endpoint, role))));
  }

  private static void check(Endpoint endpoint, String role) {
    EntityExchangeResult<byte[]> result =
        (ANONYMOUS.equals(role)
                ? api.anonymous(endpoint.method(), endpoint.path(), endpoint.body())
                : api.as(
                    "matrix-" + role.toLowerCase(),
                    role,
                    endpoint.method(),
                    endpoint.path(),
                    endpoint.body()))
            .expectBody()
            .returnResult();
    int status = result.getStatus().value();
    String body = result.getResponseBody() == null ? "" : new String(result.getResponseBody());
    int expected = endpoint.expectedFor(role);
    if (expected == 0) {
      assertThat(status)
          .as("%s may %s %s: %s", role, endpoint.method(), endpoint.path(), body)
          .isNotIn(401, 403)
          .isLessThan(500);
    } else {
      assertThat(status)
          .as("%s on %s %s: %s", role, endpoint.method(), endpoint.path(), body)
          .isEqualTo(expected);
      assertThat(result.getResponseHeaders().getContentType().toString())
          .isEqualTo("application/problem+json");
    }
  }

  private static String verdict(int expected) {
    return switch (expected) {
      case 0 -> "allowed";
      case 401 -> "401 sign in";
      case 403 -> "403 forbidden";
      default -> expected + " not theirs";
    };
  }
}
