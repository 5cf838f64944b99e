package fr.guichet.query.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fr.guichet.api.event.EventDomainEvent.PlacesHeldEvent;
import fr.guichet.api.event.EventDomainEvent.SeatingPlanConfiguredEvent;
import fr.guichet.api.event.PriceCategory;
import fr.guichet.api.event.PriceTier;
import fr.guichet.api.event.SeatBlock;
import fr.guichet.api.event.SeatingPlan;
import fr.guichet.api.event.Section;
import fr.guichet.query.QueryApp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * Reported, not asserted: snapshot requests per second on a 50,000-place event at 64 concurrent
 * clients, SSE fan-out latency to 1,000 subscribers, projection lag under a burst of holds. Run
 * with {@code mvn -pl query-side -am test -Dtest=SeatMapBenchmark -Dbench=true
 * -Dsurefire.failIfNoSpecifiedTests=false}; results go to standard output.
 */
@EnabledIfSystemProperty(named = "bench", matches = "true")
class SeatMapBenchmark {

  private static final String EVENT = "bench-50k";

  /** 10 sections × 50 rows × 100 seats = 50,000 places. */
  static SeatingPlan fiftyThousand() {
    List<Section> sections = new ArrayList<>();
    for (int s = 0; s < 10; s++) {
      sections.add(
          new Section(
              "S" + s, "Section " + s, List.of(new SeatBlock("1-50", 1, 100, "STD", Set.of()))));
    }
    return new SeatingPlan(
        List.of(
            new PriceCategory("STD", "Standard", List.of(new PriceTier("FULL", "Plein", 5000)))),
        sections,
        List.of());
  }

  @Test
  void seat_map_under_onsale_load() throws Exception {
    try (QueryApp app = new QueryApp("--logging.level.root=WARN")) {
      app.append("Event", EVENT, 1, new SeatingPlanConfiguredEvent(EVENT, fiftyThousand(), 50_000));
      await()
          .atMost(Duration.ofSeconds(30))
          .ignoreExceptions()
          .untilAsserted(
              () ->
                  app.http()
                      .get()
                      .uri("/api/events/{id}/availability", EVENT)
                      .exchange()
                      .expectStatus()
                      .isOk());
      WebClient client =
          WebClient.builder()
              .baseUrl("http://127.0.0.1:" + app.port())
              .clientConnector(
                  new org.springframework.http.client.reactive.ReactorClientHttpConnector(
                      HttpClient.create(
                          ConnectionProvider.builder("bench").maxConnections(2000).build())))
              .codecs(c -> c.defaultCodecs().maxInMemorySize(4 * 1024 * 1024))
              .build();

      snapshots(client, Duration.ofSeconds(5));
      System.out.printf(
          "BENCH snapshot 50k places, 64 clients: %.0f req/s%n",
          snapshots(client, Duration.ofSeconds(15)));

      fanOut(app, client, 1000, 2);
      fanOut(app, client, 1000, 20);

      lag(app, 2000, 2);
    }
  }

  private static double snapshots(WebClient client, Duration duration) {
    AtomicLong done = new AtomicLong();
    long end = System.nanoTime() + duration.toNanos();
    long start = System.nanoTime();
    Flux.range(0, 64)
        .flatMap(
            i ->
                Mono.defer(
                        () ->
                            client
                                .get()
                                .uri("/api/events/{id}/availability", EVENT)
                                .retrieve()
                                .bodyToMono(byte[].class))
                    .doOnNext(b -> done.incrementAndGet())
                    .repeat(() -> System.nanoTime() < end),
            64)
        .blockLast();
    return done.get() / ((System.nanoTime() - start) / 1e9);
  }

  private static long version;

  private static void fanOut(QueryApp app, WebClient client, int subscribers, int changes)
      throws Exception {
    long from = currentVersion(client);
    ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
    long[] sentAt = new long[changes];
    CountDownLatch all = new CountDownLatch(subscribers * changes);
    List<Disposable> streams = new ArrayList<>();
    for (int i = 0; i < subscribers; i++) {
      streams.add(
          client
              .get()
              .uri("/api/events/{id}/availability/changes?fromVersion={v}", EVENT, from)
              .accept(MediaType.TEXT_EVENT_STREAM)
              .retrieve()
              .bodyToFlux(new ParameterizedTypeReference<ServerSentEvent<String>>() {})
              .filter(sse -> sse.id() != null)
              .subscribe(
                  sse -> {
                    int k = (int) (Long.parseLong(sse.id()) - from - 1);
                    if (k >= 0 && k < changes) {
                      latencies.add(System.nanoTime() - sentAt[k]);
                      all.countDown();
                    }
                  }));
    }
    Thread.sleep(3000);
    for (int k = 0; k < changes; k++) {
      sentAt[k] = System.nanoTime();
      app.append(
          "Event",
          EVENT,
          from + 1 + k,
          new PlacesHeldEvent(
              EVENT,
              "o-f" + from + k,
              "c",
              List.of("S1-1-" + (k + 1 + from % 50)),
              Instant.now(),
              "d"));
      Thread.sleep(200);
    }
    boolean complete = all.await(30, TimeUnit.SECONDS);
    streams.forEach(Disposable::dispose);
    List<Long> sorted = latencies.stream().sorted().toList();
    System.out.printf(
        "BENCH fan-out to %d subscribers, %d changes: delivered %d/%d, p50 %.1f ms, p99 %.1f ms, max %.1f ms%n",
        subscribers,
        changes,
        sorted.size(),
        subscribers * changes,
        sorted.get(sorted.size() / 2) / 1e6,
        sorted.get((int) (sorted.size() * 0.99)) / 1e6,
        sorted.get(sorted.size() - 1) / 1e6);
    assertThat(complete).isTrue();
  }

  private static long currentVersion(WebClient client) {
    return ((Number)
            client
                .get()
                .uri("/api/events/{id}/availability", EVENT)
                .retrieve()
                .bodyToMono(java.util.Map.class)
                .block()
                .get("version"))
        .longValue();
  }

  private static void lag(QueryApp app, int perSecond, int seconds) throws Exception {
    long from = version = currentVersionOf(app);
    int total = perSecond * seconds;
    long start = System.nanoTime();
    for (int k = 0; k < total; k++) {
      app.append(
          "Event",
          EVENT,
          from + 1 + k,
          new PlacesHeldEvent(
              EVENT,
              "o-l" + k,
              "c",
              List.of("S" + (2 + k / 5000) + "-" + (1 + (k / 100) % 50) + "-" + (1 + k % 100)),
              Instant.now(),
              "d"));
      long due = start + (long) ((k + 1) * (1e9 / perSecond));
      while (System.nanoTime() < due) {
        Thread.onSpinWait();
      }
    }
    long appended = System.nanoTime();
    long target = from + total;
    await()
        .atMost(Duration.ofMinutes(5))
        .pollInterval(Duration.ofMillis(20))
        .until(() -> currentVersionOf(app) >= target);
    long caughtUp = System.nanoTime();
    System.out.printf(
        "BENCH projection: %d holds appended at %d/s (took %.2f s); caught up %.2f s after the last one (%.0f events/s overall)%n",
        total,
        perSecond,
        (appended - start) / 1e9,
        (caughtUp - appended) / 1e9,
        total / ((caughtUp - start) / 1e9));
  }

  private static long currentVersionOf(QueryApp app) {
    return ((Number)
            app.http()
                .get()
                .uri("/api/events/{id}/availability", EVENT)
                .exchange()
                .expectBody(java.util.Map.class)
                .returnResult()
                .getResponseBody()
                .get("version"))
        .longValue();
  }
}
