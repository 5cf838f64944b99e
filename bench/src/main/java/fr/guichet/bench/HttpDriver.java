package fr.guichet.bench;

import fr.guichet.command.security.AccessTokens;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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

  /** Tokens are minted again well before their 15 minutes run out. */
  private static final Duration TOKEN_REUSE = Duration.ofMinutes(10);

  private final HttpClient client;
  private final String base;
  private final AccessTokens tokens;
  private final Map<String, Minted> minted = new ConcurrentHashMap<>();

  private record Minted(String token, long at) {}

  HttpDriver(int port, AccessTokens tokens) {
    this.tokens = tokens;
    this.client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    this.base = "http://127.0.0.1:" + port;
  }

  /**
   * A bearer token for the buyer, as a signed-in script would send: minted with the platform's own
   * key (the bench does not measure sign-in), reused for ten minutes.
   */
  private String tokenOf(String customerId) {
    long now = System.nanoTime();
    Minted m =
        minted.compute(
            customerId,
            (id, old) ->
                old != null && now - old.at() < TOKEN_REUSE.toNanos()
                    ? old
                    : new Minted(tokens.issue(id, "SPECTATOR").token(), now));
    return m.token();
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
            .header("Authorization", "Bearer " + tokenOf(customerId))
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
            .header("Authorization", "Bearer " + tokenOf(customerId))
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
