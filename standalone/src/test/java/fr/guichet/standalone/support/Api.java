package fr.guichet.standalone.support;

import java.util.Map;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec;

/** The HTTP calls of the reference scenario, as each role makes them. */
public final class Api {

  private final WebTestClient http;

  public Api(WebTestClient http) {
    this.http = http;
  }

  public ResponseSpec as(String actor, String role, String method, String path, Object body) {
    return as(actor, role, method, path, body, UUID.randomUUID().toString());
  }

  public ResponseSpec as(
      String actor, String role, String method, String path, Object body, String key) {
    var request =
        http.method(org.springframework.http.HttpMethod.valueOf(method))
            .uri(path)
            .header("X-Actor-Id", actor)
            .header("X-Actor-Role", role)
            .header("Idempotency-Key", key)
            .contentType(MediaType.APPLICATION_JSON);
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
