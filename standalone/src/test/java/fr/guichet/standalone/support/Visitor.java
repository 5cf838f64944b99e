package fr.guichet.standalone.support;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec;

/** One visitor of an onsale, over HTTP: joins the waiting room, follows their place, holds. */
public final class Visitor {

  private final WebTestClient http;
  private final String id;
  private final String ip;

  public Visitor(WebTestClient http, String id) {
    this(http, id, null);
  }

  public Visitor(WebTestClient http, String id, String ip) {
    this.http = http;
    this.id = id;
    this.ip = ip;
  }

  public String id() {
    return id;
  }

  private WebTestClient.RequestBodySpec request(HttpMethod method, String path) {
    WebTestClient.RequestBodySpec spec =
        http.method(method)
            .uri(path)
            .header("X-Actor-Id", id)
            .header("X-Actor-Role", "SPECTATOR")
            .contentType(MediaType.APPLICATION_JSON);
    if (ip != null) {
      spec = spec.header("X-Forwarded-For", ip);
    }
    return spec;
  }

  public ResponseSpec join(String eventId, String challengeSolution) {
    var spec = request(HttpMethod.POST, "/api/events/" + eventId + "/waiting-room/visitors");
    if (challengeSolution != null) {
      spec = spec.header("X-Altcha", challengeSolution);
    }
    return spec.exchange();
  }

  @SuppressWarnings("unchecked")
  public Map<String, Object> joined(String eventId) {
    return join(eventId, null)
        .expectStatus()
        .isOk()
        .expectBody(Map.class)
        .returnResult()
        .getResponseBody();
  }

  @SuppressWarnings("unchecked")
  public Map<String, Object> place(String eventId) {
    return request(HttpMethod.GET, "/api/events/" + eventId + "/waiting-room/visitors/me")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody(Map.class)
        .returnResult()
        .getResponseBody();
  }

  public ResponseSpec hold(String eventId, Object body, String admissionToken, String solution) {
    return guarded("/api/events/" + eventId + "/holds", body, admissionToken, solution);
  }

  /** Joins the event's waiting list ({@code body} as a hold's, without given seats). */
  public ResponseSpec joinWaitingList(
      String eventId, Object body, String admissionToken, String solution) {
    return guarded("/api/events/" + eventId + "/waiting-list", body, admissionToken, solution);
  }

  /** A POST the waiting room guards: with its admission token and proof of work, when given. */
  private ResponseSpec guarded(String path, Object body, String admissionToken, String solution) {
    var spec =
        request(HttpMethod.POST, path).header("Idempotency-Key", UUID.randomUUID().toString());
    if (admissionToken != null) {
      spec = spec.header("X-Admission-Token", admissionToken);
    }
    if (solution != null) {
      spec = spec.header("X-Altcha", solution);
    }
    return spec.bodyValue(body).exchange();
  }

  public ResponseSpec release(String eventId, String orderId) {
    return request(HttpMethod.POST, "/api/events/" + eventId + "/holds/" + orderId + "/release")
        .exchange();
  }

  public static Map<String, Object> standing(int quantity) {
    return Map.of("zone", "FOSSE", "quantity", quantity);
  }

  public static Map<String, Object> seats(String... ids) {
    return Map.of("placeIds", List.of(ids));
  }
}
