package fr.guichet.bench;

import fr.guichet.command.security.AccessTokens;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.spec.SecretKeySpec;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * The load generator's HTTP client: one JDK HttpClient (HTTP/1.1, kept-alive connections), bearer
 * tokens minted with the JWT secret the bench gave the platform (sign-in is not what is measured),
 * one {@code X-Forwarded-For} address per simulated client (the platform trusts it in this run, so
 * its per-address rate limits see many addresses, as behind a real proxy), a latency histogram per
 * kind of request and a count of every answer by kind, status and problem code.
 */
final class OnsaleHttp {

  private static final Pattern CODE = Pattern.compile("\"code\"\\s*:\\s*\"([^\"]+)\"");

  /** One answer: status (-1 when the request failed), body, and the time it took. */
  record Answer(int status, String body, long micros, String retryAfter) {
    String code() {
      if (body == null) {
        return "";
      }
      Matcher m = CODE.matcher(body);
      return m.find() ? m.group(1) : "";
    }

    String field(String name) {
      if (body == null) {
        return null;
      }
      Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]*)\"").matcher(body);
      return m.find() ? m.group(1) : null;
    }
  }

  private final HttpClient client;
  final String base;
  private final AccessTokens tokens;
  private final Map<String, String> minted = new ConcurrentHashMap<>();
  final Map<String, Histogram> latencies = new ConcurrentHashMap<>();
  final Map<String, LongAdder> answers = new ConcurrentHashMap<>();
  private volatile boolean recording = true;

  OnsaleHttp(String base, byte[] jwtSecret) {
    this.base = base;
    this.tokens =
        new AccessTokens(
            new SecretKeySpec(jwtSecret, "HmacSHA256"), Duration.ofHours(3), Clock.systemUTC());
    this.client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
  }

  void stopRecording() {
    recording = false;
  }

  String token(String account, String role) {
    return minted.computeIfAbsent(account + "|" + role, k -> tokens.issue(account, role).token());
  }

  /**
   * Sends one request and records it under {@code kind}: its latency (answers only) and its outcome
   * ({@code kind status code}).
   */
  Answer send(
      String kind,
      String method,
      String path,
      String jsonBody,
      String account,
      String role,
      String ip,
      String... headers) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(path.startsWith("http") ? path : base + path))
            .timeout(Duration.ofSeconds(60));
    if (account != null) {
      b.header("Authorization", "Bearer " + token(account, role));
    }
    if (ip != null) {
      b.header("X-Forwarded-For", ip);
    }
    for (int i = 0; i + 1 < headers.length; i += 2) {
      if (headers[i + 1] != null) {
        b.header(headers[i], headers[i + 1]);
      }
    }
    HttpRequest.BodyPublisher body =
        jsonBody == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(jsonBody);
    if (jsonBody != null && !jsonBody.startsWith("card=")) {
      b.header("Content-Type", "application/json");
    } else if (jsonBody != null) {
      b.header("Content-Type", "application/x-www-form-urlencoded");
    }
    b.method(method, body);
    long t0 = System.nanoTime();
    Answer answer;
    try {
      HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
      answer =
          new Answer(
              r.statusCode(),
              r.body(),
              (System.nanoTime() - t0) / 1000,
              r.headers().firstValue("Retry-After").orElse(null));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      answer = new Answer(-1, "interrupted", (System.nanoTime() - t0) / 1000, null);
    } catch (Exception e) {
      answer = new Answer(-1, e.getClass().getSimpleName(), (System.nanoTime() - t0) / 1000, null);
    }
    if (recording) {
      if (answer.status() > 0) {
        latencies
            .computeIfAbsent(kind, k -> new ConcurrentHistogram(3_600_000_000L, 3))
            .recordValue(Math.min(answer.micros(), 3_600_000_000L));
      }
      String outcome =
          kind
              + " "
              + (answer.status() < 0 ? "failed:" + answer.body() : answer.status())
              + (answer.status() >= 400 ? " " + answer.code() : "");
      answers.computeIfAbsent(outcome, k -> new LongAdder()).increment();
    }
    return answer;
  }

  static String form(String name, String value) {
    return name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
