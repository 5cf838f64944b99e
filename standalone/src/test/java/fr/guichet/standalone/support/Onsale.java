package fr.guichet.standalone.support;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The manager's side of an onsale: the waiting room and challenge settings. */
public final class Onsale {

  private final WebTestClient http;

  public Onsale(WebTestClient http) {
    this.http = http;
  }

  /** Settings as the manager sends them; {@code opensAt} may be null (open now). */
  public static Map<String, Object> room(int admitPerMinute, String opensAt) {
    Map<String, Object> settings = new LinkedHashMap<>();
    settings.put("enabled", true);
    settings.put("admitPerMinute", admitPerMinute);
    settings.put("opensAt", opensAt);
    settings.put("graceSeconds", 120);
    return settings;
  }

  public WebTestClient.ResponseSpec configure(
      String eventId, String role, Map<String, ?> settings) {
    return http.put()
        .uri("/api/events/" + eventId + "/waiting-room")
        .header("X-Actor-Id", "manager-1")
        .header("X-Actor-Role", role)
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(settings)
        .exchange();
  }

  public void configure(String eventId, Map<String, ?> settings) {
    configure(eventId, "MANAGER", settings).expectStatus().isOk();
  }

  @SuppressWarnings("unchecked")
  public Map<String, Object> room(String eventId) {
    return http.get()
        .uri("/api/events/" + eventId + "/waiting-room")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody(Map.class)
        .returnResult()
        .getResponseBody();
  }
}
