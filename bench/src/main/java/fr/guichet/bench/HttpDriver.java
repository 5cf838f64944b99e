package fr.guichet.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Holds over HTTP against the running application, as a client would: {@code POST
 * /api/events/{id}/holds} with an {@code Idempotency-Key}, one JDK HttpClient (HTTP/1.1) whose
 * connections are kept alive and reused by every client thread.
 */
final class HttpDriver implements HoldDriver {

  private static final Pattern ORDER_ID = Pattern.compile("\"orderId\"\\s*:\\s*\"([^\"]+)\"");

  private final HttpClient client;
  private final String base;

  HttpDriver(int port) {
    this.client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    this.base = "http://127.0.0.1:" + port;
  }

  @Override
  public String name() {
    return "http";
  }

  @Override
  public Outcome hold(String eventId, String customerId, String requestKey, List<String> placeIds) {
    String body =
        placeIds.stream()
            .map(id -> "\"" + id + "\"")
            .collect(Collectors.joining(",", "{\"placeIds\":[", "]}"));
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(base + "/api/events/" + eventId + "/holds"))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json")
            .header("X-Actor-Id", customerId)
            .header("Idempotency-Key", requestKey)
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    try {
      HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() == 201) {
        Matcher m = ORDER_ID.matcher(response.body());
        return m.find()
            ? new Outcome(Result.ACCEPTED, m.group(1), null)
            : new Outcome(Result.ERROR, null, "201 without orderId: " + response.body());
      }
      if (response.statusCode() == 409) {
        return new Outcome(Result.CONFLICT, null, null);
      }
      return new Outcome(Result.ERROR, null, response.statusCode() + " " + response.body());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Outcome(Result.ERROR, null, "interrupted");
    } catch (Exception e) {
      return new Outcome(Result.ERROR, null, e.getClass().getSimpleName() + ": " + e.getMessage());
    }
  }

  @Override
  public boolean release(String eventId, String customerId, String orderId) {
    HttpRequest request =
        HttpRequest.newBuilder(
                URI.create(base + "/api/events/" + eventId + "/holds/" + orderId + "/release"))
            .timeout(Duration.ofSeconds(30))
            .header("X-Actor-Id", customerId)
            .POST(HttpRequest.BodyPublishers.noBody())
            .build();
    try {
      return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (Exception e) {
      return false;
    }
  }
}
