package fr.guichet.standalone.onsale;

import static org.assertj.core.api.Assertions.assertThat;

import fr.guichet.api.event.EventDomainEvent.PlacesHeldEvent;
import fr.guichet.standalone.support.Api;
import fr.guichet.standalone.support.GuichetInstance;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A burst beyond what a node may handle at once is shed with 503 + Retry-After and problem+json,
 * never a timeout or another 5xx, and nothing of a refused request is stored.
 */
class OverloadIT {

  @TempDir static Path dataDir;
  static GuichetInstance guichet;

  @BeforeAll
  static void start() {
    guichet =
        GuichetInstance.start(
            dataDir,
            "--guichet.rate-limit.enabled=false",
            "--guichet.command-admission.max-in-flight=1");
  }

  @AfterAll
  static void stop() {
    guichet.close();
  }

  record Answer(int status, String retryAfter, String contentType, String body) {}

  @Test
  void a_burst_beyond_capacity_gets_503_with_retry_after_and_no_other_failure() throws Exception {
    String eventId = new Api(guichet.http()).eventOnSale("PT10M", 1, 1);
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    int buyers = 32;
    CountDownLatch go = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(buyers);
    List<Future<Answer>> answers = new ArrayList<>();
    for (int i = 0; i < buyers; i++) {
      String buyer = "burst-" + i;
      String seat = "FOSSE";
      answers.add(
          pool.submit(
              () -> {
                go.await();
                HttpResponse<String> response =
                    http.send(
                        HttpRequest.newBuilder(
                                URI.create(
                                    "http://127.0.0.1:"
                                        + guichet.port()
                                        + "/api/events/"
                                        + eventId
                                        + "/holds"))
                            .timeout(Duration.ofSeconds(60))
                            .header("Content-Type", "application/json")
                            .header("X-Actor-Id", buyer)
                            .header("Idempotency-Key", UUID.randomUUID().toString())
                            .POST(
                                HttpRequest.BodyPublishers.ofString(
                                    "{\"zone\":\"" + seat + "\",\"quantity\":1}"))
                            .build(),
                        HttpResponse.BodyHandlers.ofString());
                return new Answer(
                    response.statusCode(),
                    response.headers().firstValue("Retry-After").orElse(null),
                    response.headers().firstValue("Content-Type").orElse(""),
                    response.body());
              }));
    }
    go.countDown();
    List<Answer> all = new ArrayList<>();
    for (Future<Answer> answer : answers) {
      all.add(answer.get());
    }
    pool.shutdown();

    assertThat(all).extracting(Answer::status).allMatch(s -> s == 201 || s == 503);
    List<Answer> shed = all.stream().filter(a -> a.status() == 503).toList();
    assertThat(shed).as("answers %s", all).isNotEmpty();
    assertThat(shed)
        .allSatisfy(
            a -> {
              assertThat(a.retryAfter()).isEqualTo("1");
              assertThat(a.contentType()).startsWith("application/problem+json");
              assertThat(a.body()).contains("\"code\":\"overloaded\"");
            });
    long accepted = all.stream().filter(a -> a.status() == 201).count();
    assertThat(accepted).isPositive();
    assertThat(guichet.payloads(eventId).stream().filter(PlacesHeldEvent.class::isInstance).count())
        .isEqualTo(accepted);
  }
}
