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
        return 401;
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
            event + "/holds/" + ownersOrder + "/confirmation",
            Map.of("paymentReference", "matrix-pay"),
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
