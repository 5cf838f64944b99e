package fr.guichet.standalone.support;

import fr.guichet.api.rejection.CommandRejectedException;
import fr.guichet.command.account.AccountService;
import fr.guichet.command.web.Actor.Role;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.messaging.MetaData;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec;

/**
 * The HTTP calls of the reference scenario, as each role makes them. Built on a {@link
 * GuichetInstance}, {@code as(actor, role, …)} signs in as that actor: on first use it opens an
 * account with that id and role (directly through the account service, as a director or an import
 * would) and trades its password for a bearer token over HTTP. Built on a client, it names the
 * actor with {@code X-Actor-Id} / {@code X-Actor-Role}, which the client must turn into credentials
 * (the clients of {@link GuichetInstance#http()} do, through {@link ActorHeadersAsBearer}).
 */
public final class Api {

  private final WebTestClient http;
  private final AccountService accounts;
  private final Map<String, String> tokens = new ConcurrentHashMap<>();

  public Api(GuichetInstance guichet) {
    this.http = guichet.http();
    this.accounts = guichet.bean(AccountService.class);
  }

  /** Calls through {@code http}, naming the actor with the X-Actor-* headers. */
  public Api(WebTestClient http) {
    this.http = http;
    this.accounts = null;
  }

  public WebTestClient http() {
    return http;
  }

  /** The login of a test actor: staff sign in with their id, spectators with an e-mail address. */
  public static String loginOf(String actor, String role) {
    return "SPECTATOR".equals(role) ? actor.toLowerCase() + "@guichet.test" : actor.toLowerCase();
  }

  /** The password every test actor gets; fine in tests, never in the platform's code. */
  public static String passwordOf(String actor) {
    return "test-password-of-" + actor;
  }

  /** A bearer token for {@code actor} acting as {@code role}, opening the account if needed. */
  public String tokenFor(String actor, String role) {
    if (accounts == null) {
      throw new IllegalStateException("Signing in needs an Api built on a GuichetInstance.");
    }
    String cached = tokens.get(actor + "/" + role);
    if (cached != null) {
      return cached;
    }
    try {
      accounts.createAccount(
          actor,
          loginOf(actor, role),
          Role.valueOf(role),
          passwordOf(actor),
          MetaData.emptyInstance());
    } catch (CommandRejectedException alreadyOpen) {
      // opened by an earlier instance on the same data directory
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> pair =
        http.post()
            .uri("/api/auth/token")
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(Map.of("login", loginOf(actor, role), "password", passwordOf(actor)))
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody(Map.class)
            .returnResult()
            .getResponseBody();
    String token = (String) pair.get("accessToken");
    tokens.put(actor + "/" + role, token);
    return token;
  }

  /** A call with no credentials at all. */
  public ResponseSpec anonymous(String method, String path, Object body) {
    var request =
        http.method(org.springframework.http.HttpMethod.valueOf(method))
            .uri(path)
            .header("Idempotency-Key", UUID.randomUUID().toString())
            .contentType(MediaType.APPLICATION_JSON);
    return body == null ? request.exchange() : request.bodyValue(body).exchange();
  }

  /** A request that must succeed, answering its JSON object. */
  @SuppressWarnings("unchecked")
  public Map<String, Object> json(
      String actor, String role, String method, String path, Object body) {
    return as(actor, role, method, path, body)
        .expectStatus()
        .is2xxSuccessful()
        .expectBody(Map.class)
        .returnResult()
        .getResponseBody();
  }

  /** The tickets of an order, as {@code actor} sees them. */
  @SuppressWarnings("unchecked")
  public List<Map<String, Object>> tickets(String actor, String role, String orderId) {
    return as(actor, role, "GET", "/api/orders/" + orderId + "/tickets", null)
        .expectStatus()
        .isOk()
        .expectBodyList(Map.class)
        .returnResult()
        .getResponseBody()
        .stream()
        .map(m -> (Map<String, Object>) m)
        .toList();
  }

  public ResponseSpec as(String actor, String role, String method, String path, Object body) {
    return as(actor, role, method, path, body, UUID.randomUUID().toString());
  }

  public ResponseSpec as(
      String actor, String role, String method, String path, Object body, String key) {
    var request =
        http.method(org.springframework.http.HttpMethod.valueOf(method))
            .uri(path)
            .header("Idempotency-Key", key)
            .contentType(MediaType.APPLICATION_JSON);
    if (accounts == null) {
      request.header(ActorHeadersAsBearer.ID_HEADER, actor);
      request.header(ActorHeadersAsBearer.ROLE_HEADER, role);
    } else {
      request.header(HttpHeaders.AUTHORIZATION, "Bearer " + tokenFor(actor, role));
    }
    return body == null ? request.exchange() : request.bodyValue(body).exchange();
  }

  /** Creates, configures, approves and opens an event; returns its id. */
  @SuppressWarnings("unchecked")
  public String eventOnSale(String holdDuration, int perOrder, int perCustomer) {
    return eventOnSale(Plans.FESTIVAL, holdDuration, perOrder, perCustomer);
  }

  /** Creates an event with {@code plan}, sets its limits, approves and opens it; returns its id. */
  @SuppressWarnings("unchecked")
  public String eventOnSale(String plan, String holdDuration, int perOrder, int perCustomer) {
    Map<String, Object> created =
        as(
                "manager-1",
                "MANAGER",
                "POST",
                "/api/events",
                Map.of(
                    "title", "Festival des Nuits",
                    "venue", "Grande Salle",
                    "startsAt", "2027-07-14T20:00:00Z",
                    "description", "Trois nuits de musique"))
            .expectStatus()
            .isCreated()
            .expectBody(Map.class)
            .returnResult()
            .getResponseBody();
    String eventId = (String) created.get("eventId");
    as("manager-1", "MANAGER", "PUT", "/api/events/" + eventId + "/seating-plan", plan)
        .expectStatus()
        .isNoContent();
    as(
            "manager-1",
            "MANAGER",
            "PUT",
            "/api/events/" + eventId + "/sales-limits",
            Map.of(
                "maxPlacesPerOrder", perOrder,
                "maxPlacesPerCustomer", perCustomer,
                "holdDuration", holdDuration))
        .expectStatus()
        .isNoContent();
    as("director-1", "DIRECTOR", "POST", "/api/events/" + eventId + "/approval", null)
        .expectStatus()
        .isNoContent();
    as("manager-1", "MANAGER", "POST", "/api/events/" + eventId + "/opening", null)
        .expectStatus()
        .isNoContent();
    return eventId;
  }
}
