package fr.guichet.bench;

import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.axonframework.eventhandling.StreamingEventProcessor;

/**
 * The query-side benchmark (issue 3): on the whole standalone platform in this JVM,
 *
 * <ol>
 *   <li>seat-map availability snapshots ({@code GET /api/events/{id}/availability}, the request the
 *       UI makes) on a 50,000-place event at 64 closed-loop HTTP clients: requests/s, p50/p99, full
 *       bodies and {@code If-None-Match} revalidation, with the event quiet and with holds going
 *       on;
 *   <li>SSE fan-out: 1,000 subscribers of {@code /availability/changes} while holds go on at a
 *       paced rate; latency from the hold's acknowledgement to each subscriber receiving the
 *       change;
 *   <li>projection lag: events and seconds behind the head of the store, per event processor, while
 *       64 clients hold as fast as the platform accepts;
 *   <li>projection lag under a stream of holds appended straight to the event store ({@code
 *       stream}, not part of the default run): 2,000 holds/s with their Order's events, which the
 *       command side cannot produce on this machine ({@link SyntheticHolds}).
 *   <li>drain rate of each view ({@code drain}, not part of the default run): a backlog appended
 *       with every processor shut down, then each query-side view started alone, and then all
 *       together, timed to the head; whether each keeps up with {@code drain-target} holds/s.
 * </ol>
 *
 * Run with {@code java -jar bench/target/bench.jar --bench=views
 * --guichet.rate-limit.enabled=false}. Options: {@code views} (comma list of snapshot,fanout,lag;
 * default all), {@code seconds} per measured snapshot part (15), {@code clients} (64), {@code
 * background-clients} (4, holding during the "with holds" parts), {@code subscribers} (1000),
 * {@code slow-subscribers} (1: a connection that never reads), {@code fanout-rate} (holds/s, 20),
 * {@code fanout-seconds} (20), {@code lag-seconds} (30), {@code lag-clients} (64), {@code
 * lag-events} (1), {@code stream-rate} (holds/s appended, 2000), {@code stream-seconds} (30),
 * {@code stream-catch-up} (seconds to wait for the processors after the stream, 600), {@code
 * drain-holds} (20000 per backlog), {@code drain-per-append} (500 holds per transaction), {@code
 * drain-processors} (the query side's five), {@code drain-together} (true), {@code drain-target}
 * (2000 holds/s). Any other {@code --key=value} goes to Spring.
 */
public final class ViewsBench {

  private static final Pattern FIRST_PLACE =
      Pattern.compile("\"placeIds\"\\s*:\\s*\\[\"([^\"]+)\"");

  private static final List<String> OWN =
      List.of(
          "bench",
          "views",
          "seconds",
          "clients",
          "background-clients",
          "subscribers",
          "slow-subscribers",
          "fanout-rate",
          "fanout-seconds",
          "lag-seconds",
          "lag-clients",
          "lag-events",
          "stream-rate",
          "stream-seconds",
          "stream-catch-up",
          "drain-holds",
          "drain-per-append",
          "drain-processors",
          "drain-together",
          "drain-target");

  private final Map<String, String> options;
  private final Platform platform;
  private final HttpClient http;
  private final String base;
  private final List<String> seats = Platform.seatIds();
  private final GatewayDriver gateway;
  private final List<String> report = new ArrayList<>();

  private ViewsBench(Map<String, String> options, Platform platform) {
    this.options = options;
    this.platform = platform;
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    this.base = "http://127.0.0.1:" + platform.port;
    this.gateway = new GatewayDriver(platform.gateway);
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> options = new LinkedHashMap<>();
    List<String> springArgs = new ArrayList<>();
    for (String arg : args) {
      String[] kv = arg.replaceFirst("^--", "").split("=", 2);
      if (OWN.contains(kv[0])) {
        options.put(kv[0], kv.length > 1 ? kv[1] : "true");
      } else {
        springArgs.add(arg);
      }
    }
    List<String> views = List.of(options.getOrDefault("views", "snapshot,fanout,lag").split(","));
    System.out.println("== Guichet query-side benchmark (seat map, SSE fan-out, projection lag)");
    System.out.println("machine: " + Machine.describe());
    System.out.println("load before start: " + Machine.loadAverage());
    System.out.printf(
        "foreign CPU before start (2 s sample): %.2f cores%n", Machine.busyCores(2000));
    System.out.println("spring args: " + springArgs + ", options: " + options);
    Path dataDir = Files.createTempDirectory("guichet-views-bench-");
    long startup = System.nanoTime();
    try (Platform platform = new Platform(dataDir, springArgs)) {
      System.out.printf(
          "platform started in %.1f s (HTTP port %d)%n",
          (System.nanoTime() - startup) / 1e9, platform.port);
      System.out.println("streaming processors: " + platform.streamingProcessors().keySet());
      ViewsBench bench = new ViewsBench(options, platform);
      if (views.contains("snapshot")) {
        bench.snapshots();
      }
      if (views.contains("fanout")) {
        bench.fanOut();
      }
      if (views.contains("lag")) {
        bench.lag();
      }
      if (views.contains("drain")) {
        bench.drain();
      }
      if (views.contains("stream")) {
        bench.stream();
      }
      System.out.println("== Results");
      bench.report.forEach(System.out::println);
    } finally {
      try (var paths = Files.walk(dataDir)) {
        paths.sorted(Collections.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
    System.exit(0);
  }

  private int option(String name, int fallback) {
    return Integer.parseInt(options.getOrDefault(name, Integer.toString(fallback)));
  }

  // ---------------------------------------------------------------- (a) snapshots

  private void snapshots() throws Exception {
    int clients = option("clients", 64);
    int seconds = option("seconds", 15);
    String eventId = platform.newEventOnSale("views-snapshot");
    awaitSeatMap(eventId);
    System.out.println("== (a) availability snapshot, 50,000 places, " + clients + " clients");
    snapshotPart("warm-up", eventId, clients, 5, false, false, 0);
    report.add(
        "| (a) part | clients | holds going on | requests/s | 200 | 304 | p50 ms | p99 ms | p99.9 ms"
            + " | MB/s | own CPU (cores) | own CPU ms/request | foreign CPU (cores) |");
    report.add("|---|---|---|---|---|---|---|---|---|---|---|---|---|");
    snapshotPart("full body, quiet event", eventId, clients, seconds, false, false, 0);
    snapshotPart("full body gzip, quiet event", eventId, clients, seconds, false, true, 0);
    snapshotPart("If-None-Match, quiet event", eventId, clients, seconds, true, false, 0);
    int background = option("background-clients", 4);
    snapshotPart("full body, holds going on", eventId, clients, seconds, false, false, background);
    snapshotPart(
        "If-None-Match, holds going on", eventId, clients, seconds, true, false, background);
  }

  private void snapshotPart(
      String label,
      String eventId,
      int clients,
      int seconds,
      boolean revalidate,
      boolean gzip,
      int holders)
      throws Exception {
    Recorder latency = new Recorder(3);
    AtomicLong ok = new AtomicLong();
    AtomicLong notModified = new AtomicLong();
    AtomicLong errors = new AtomicLong();
    AtomicLong bytes = new AtomicLong();
    AtomicInteger cursor = new AtomicInteger();
    long end = System.nanoTime() + seconds * 1_000_000_000L;
    Thread holdsThread = null;
    Phase holds = null;
    if (holders > 0) {
      holds = new Phase(label, eventId, Phase.Mode.HOLD_RELEASE, holders, gateway, seats);
      Phase running = holds;
      holdsThread =
          new Thread(
              () -> {
                try {
                  running.run(seconds);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              },
              "background-holds");
      holdsThread.start();
    }
    CpuSample before = CpuSample.now();
    long start = System.nanoTime();
    List<Thread> threads = new ArrayList<>();
    for (int c = 0; c < clients; c++) {
      Thread t =
          new Thread(
              () -> {
                String etag = null;
                URI uri = URI.create(base + "/api/events/" + eventId + "/availability");
                while (System.nanoTime() < end) {
                  HttpRequest.Builder request =
                      HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).GET();
                  if (revalidate && etag != null) {
                    request.header("If-None-Match", etag);
                  }
                  if (gzip) {
                    // as a browser asks; the body is counted compressed, not inflated
                    request.header("Accept-Encoding", "gzip");
                  }
                  long t0 = System.nanoTime();
                  try {
                    HttpResponse<byte[]> response =
                        http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
                    latency.recordValue(Math.max(1, (System.nanoTime() - t0) / 1000));
                    if (response.statusCode() == 200) {
                      ok.incrementAndGet();
                      bytes.addAndGet(response.body().length);
                      etag = response.headers().firstValue("ETag").orElse(null);
                    } else if (response.statusCode() == 304) {
                      notModified.incrementAndGet();
                    } else {
                      errors.incrementAndGet();
                    }
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                  } catch (Exception e) {
                    errors.incrementAndGet();
                  }
                }
              },
              "snapshot-client-" + cursor.getAndIncrement());
      t.setDaemon(true);
      threads.add(t);
      t.start();
    }
    for (Thread t : threads) {
      t.join();
    }
    double elapsed = (System.nanoTime() - start) / 1e9;
    CpuSample after = CpuSample.now();
    if (holdsThread != null) {
      holdsThread.join();
    }
    Histogram h = latency.getIntervalHistogram();
    double own = after.ownCoresSince(before);
    double foreign = Math.max(0, after.busyCoresSince(before) - own);
    long total = ok.get() + notModified.get();
    String holdsNote =
        holds == null
            ? "no"
            : String.format(
                "%d clients, %.0f holds/s", holders, holds.accepted.size() / holds.elapsedSeconds);
    String line =
        String.format(
            "| %s | %d | %s | %.0f | %d | %d | %.2f | %.2f | %.2f | %.1f | %.2f | %.2f | %.2f |",
            label,
            clients,
            holdsNote,
            total / elapsed,
            ok.get(),
            notModified.get(),
            h.getValueAtPercentile(50) / 1000.0,
            h.getValueAtPercentile(99) / 1000.0,
            h.getValueAtPercentile(99.9) / 1000.0,
            bytes.get() / elapsed / 1e6,
            own,
            total == 0 ? 0 : own * elapsed * 1000 / total,
            foreign);
    System.out.println("  " + line + (errors.get() > 0 ? " errors=" + errors.get() : ""));
    if (!label.equals("warm-up")) {
      report.add(line + (errors.get() > 0 ? " errors: " + errors.get() : ""));
    }
  }

  private void awaitSeatMap(String eventId) throws Exception {
    URI uri = URI.create(base + "/api/events/" + eventId + "/availability");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (System.nanoTime() < deadline) {
      HttpResponse<byte[]> response =
          http.send(
              HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
      if (response.statusCode() == 200) {
        System.out.printf(
            "seat map of %s served: %d bytes per snapshot%n", eventId, response.body().length);
        return;
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException("seat map of " + eventId + " not served within 120 s");
  }

  // ---------------------------------------------------------------- (b) SSE fan-out

  /** One SSE subscriber: parses the stream's data lines, records latency from the hold's ack. */
  private static final class Subscriber implements Flow.Subscriber<String> {
    private final Map<String, Long> acks;
    private final Histogram latency = new Histogram(60_000_000L, 3);
    private final List<long[]> early = new ArrayList<>();
    private final List<String> earlyPlaces = new ArrayList<>();
    private final Map<String, Boolean> primers;
    private final CountDownLatch primed;
    private boolean sawPrimer;
    volatile boolean ended;
    long received;
    long reloads;

    Subscriber(Map<String, Long> acks, Map<String, Boolean> primers, CountDownLatch primed) {
      this.acks = acks;
      this.primers = primers;
      this.primed = primed;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
      subscription.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(String line) {
      long now = System.nanoTime();
      if (line.startsWith("event:reload")) {
        reloads++;
        return;
      }
      if (!line.startsWith("data:")) {
        return;
      }
      Matcher m = FIRST_PLACE.matcher(line);
      if (!m.find()) {
        return;
      }
      String place = m.group(1);
      if (primers.containsKey(place)) {
        if (!sawPrimer) {
          sawPrimer = true;
          primed.countDown();
        }
        return;
      }
      synchronized (this) {
        received++;
        Long ack = acks.get(place);
        if (ack != null) {
          latency.recordValue(Math.max(1, (now - ack) / 1000));
        } else {
          early.add(new long[] {now});
          earlyPlaces.add(place);
        }
      }
    }

    @Override
    public void onError(Throwable throwable) {
      ended = true;
    }

    @Override
    public void onComplete() {
      ended = true;
    }

    /** Changes that arrived before the hold's acknowledgement was recorded count as 0. */
    synchronized long settleEarly() {
      long beforeAck = 0;
      for (int i = 0; i < early.size(); i++) {
        Long ack = acks.get(earlyPlaces.get(i));
        if (ack == null) {
          continue;
        }
        long d = early.get(i)[0] - ack;
        if (d <= 0) {
          beforeAck++;
        }
        latency.recordValue(Math.max(1, d / 1000));
      }
      early.clear();
      earlyPlaces.clear();
      return beforeAck;
    }
  }

  private void fanOut() throws Exception {
    int subscribers = option("subscribers", 1000);
    int slow = option("slow-subscribers", 1);
    int rate = option("fanout-rate", 20);
    int seconds = option("fanout-seconds", 20);
    String eventId = platform.newEventOnSale("views-fanout");
    awaitSeatMap(eventId);
    System.out.printf(
        "== (b) SSE fan-out: %d subscribers (+%d never reading), holds at %d/s for %d s%n",
        subscribers, slow, rate, seconds);
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < seats.size(); i++) {
      order.add(i);
    }
    Collections.shuffle(order, new Random(7));
    AtomicInteger cursor = new AtomicInteger();

    long from = versionOf(eventId);
    Map<String, Long> acks = new ConcurrentHashMap<>();
    Map<String, Boolean> primers = new ConcurrentHashMap<>();
    CountDownLatch primed = new CountDownLatch(subscribers);
    List<Subscriber> subs = new ArrayList<>();
    URI uri =
        URI.create(base + "/api/events/" + eventId + "/availability/changes?fromVersion=" + from);
    for (int i = 0; i < subscribers; i++) {
      Subscriber s = new Subscriber(acks, primers, primed);
      subs.add(s);
      http.sendAsync(
          HttpRequest.newBuilder(uri).header("Accept", "text/event-stream").GET().build(),
          HttpResponse.BodyHandlers.fromLineSubscriber(s));
    }
    List<Socket> stuck = new ArrayList<>();
    for (int i = 0; i < slow; i++) {
      Socket socket = new Socket();
      socket.setReceiveBufferSize(1024);
      socket.connect(new java.net.InetSocketAddress("127.0.0.1", platform.port));
      OutputStream out = socket.getOutputStream();
      out.write(
          ("GET /api/events/"
                  + eventId
                  + "/availability/changes?fromVersion="
                  + from
                  + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      stuck.add(socket);
    }
    // Primer holds until every subscriber has seen one: then all of them are registered.
    long primeStart = System.nanoTime();
    int primerCount = 0;
    while (primed.getCount() > 0
        && System.nanoTime() - primeStart < TimeUnit.SECONDS.toNanos(180)) {
      String place = seats.get(order.get(cursor.getAndIncrement()));
      primers.put(place, true);
      gateway.hold(
          eventId,
          "primer-" + primerCount,
          "primer-" + eventId + "-" + primerCount,
          List.of(place));
      primerCount++;
      primed.await(2, TimeUnit.SECONDS);
    }
    System.out.printf(
        "  %d of %d subscribers registered after %.1f s (%d primer holds)%n",
        subscribers - primed.getCount(),
        subscribers,
        (System.nanoTime() - primeStart) / 1e9,
        primerCount);

    // Paced holds: slot k at start + k / rate, spread over a few threads so a slow ack does not
    // delay the next slot.
    int senders = Math.max(8, Math.min(64, rate / 2));
    long interval = 1_000_000_000L / rate;
    AtomicLong slot = new AtomicLong();
    AtomicLong accepted = new AtomicLong();
    AtomicLong refused = new AtomicLong();
    Recorder holdLatency = new Recorder(3);
    CpuSample before = CpuSample.now();
    long start = System.nanoTime();
    long end = start + seconds * 1_000_000_000L;
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < senders; t++) {
      Thread thread =
          new Thread(
              () -> {
                while (true) {
                  long k = slot.getAndIncrement();
                  long at = start + k * interval;
                  if (at >= end) {
                    return;
                  }
                  long wait = at - System.nanoTime();
                  if (wait > 0) {
                    try {
                      TimeUnit.NANOSECONDS.sleep(wait);
                    } catch (InterruptedException e) {
                      return;
                    }
                  }
                  String place = seats.get(order.get(cursor.getAndIncrement()));
                  long t0 = System.nanoTime();
                  HoldDriver.Outcome outcome =
                      gateway.hold(eventId, "fan-" + k, "fan-" + eventId + "-" + k, List.of(place));
                  long ack = System.nanoTime();
                  holdLatency.recordValue(Math.max(1, (ack - t0) / 1000));
                  if (outcome.result() == HoldDriver.Result.ACCEPTED) {
                    acks.put(place, ack);
                    accepted.incrementAndGet();
                  } else {
                    refused.incrementAndGet();
                  }
                }
              },
              "fanout-holds-" + t);
      thread.start();
      threads.add(thread);
    }
    for (Thread t : threads) {
      t.join();
    }
    double elapsed = (System.nanoTime() - start) / 1e9;
    // Wait for delivery of every accepted hold to every live subscriber (or 60 s).
    long expected = accepted.get();
    long waitStart = System.nanoTime();
    while (System.nanoTime() - waitStart < TimeUnit.SECONDS.toNanos(60)) {
      long missing = 0;
      for (Subscriber s : subs) {
        synchronized (s) {
          if (!s.ended && s.received < expected) {
            missing++;
          }
        }
      }
      if (missing == 0) {
        break;
      }
      Thread.sleep(200);
    }
    double drained = (System.nanoTime() - waitStart) / 1e9;
    CpuSample after = CpuSample.now();
    Histogram all = new Histogram(60_000_000L, 3);
    long beforeAck = 0;
    long delivered = 0;
    long ended = 0;
    long reloads = 0;
    for (Subscriber s : subs) {
      beforeAck += s.settleEarly();
      synchronized (s) {
        all.add(s.latency);
        delivered += s.received;
        reloads += s.reloads;
        ended += s.ended ? 1 : 0;
      }
    }
    for (Socket socket : stuck) {
      socket.close();
    }
    Histogram holds = holdLatency.getIntervalHistogram();
    double own = after.ownCoresSince(before);
    double foreign = Math.max(0, after.busyCoresSince(before) - own);
    String line =
        String.format(
            "| %d (+%d never reading) | %.0f | %d | %d / %d | %.1f | %.1f | %.1f | %.1f | %d | %d |"
                + " %.2f | %.2f | %.3f | %.2f |",
            subscribers,
            slow,
            accepted.get() / elapsed,
            accepted.get(),
            delivered,
            expected * subscribers,
            all.getValueAtPercentile(50) / 1000.0,
            all.getValueAtPercentile(99) / 1000.0,
            all.getValueAtPercentile(99.9) / 1000.0,
            all.getMaxValue() / 1000.0,
            beforeAck,
            ended,
            holds.getValueAtPercentile(50) / 1000.0,
            own,
            delivered == 0 ? 0 : own * (after.nanos() - before.nanos()) / 1e6 / delivered,
            foreign);
    System.out.println("  " + line);
    System.out.printf(
        "  hold ack p50 %.1f ms p99 %.1f ms; refused %d; reloads %d; delivery tail drained %.1f s"
            + " after the last hold%n",
        holds.getValueAtPercentile(50) / 1000.0,
        holds.getValueAtPercentile(99) / 1000.0,
        refused.get(),
        reloads,
        drained);
    report.add("");
    report.add(
        "| (b) subscribers | holds/s | holds | changes delivered / expected | p50 ms | p99 ms |"
            + " p99.9 ms | max ms | before ack | streams ended | hold ack p50 ms | own CPU |"
            + " own CPU ms/delivery | foreign CPU |");
    report.add("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
    report.add(line);
  }

  private long versionOf(String eventId) throws Exception {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create(base + "/api/events/" + eventId + "/availability"))
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofString());
    Matcher m = Pattern.compile("\"version\"\\s*:\\s*(\\d+)").matcher(response.body());
    if (!m.find()) {
      throw new IllegalStateException("no version in " + response.body());
    }
    return Long.parseLong(m.group(1));
  }

  // ---------------------------------------------------------------- (c) projection lag

  private void lag() throws Exception {
    int seconds = option("lag-seconds", 30);
    int clients = option("lag-clients", 64);
    int events = option("lag-events", 1);
    System.out.printf(
        "== (c) projection lag: %d gateway clients holding on %d event(s) for %d s%n",
        clients, events, seconds);
    List<Phase> phases = new ArrayList<>();
    for (int e = 0; e < events; e++) {
      String eventId = platform.newEventOnSale("views-lag-" + e);
      phases.add(new Phase("lag-" + e, eventId, Phase.Mode.HOLD, clients / events, gateway, seats));
    }
    Map<String, StreamingEventProcessor> processors = platform.streamingProcessors();
    drainAll(processors, Duration.ofMinutes(3));
    Map<String, long[]> maxLag = new LinkedHashMap<>();
    Map<String, List<Long>> lagEventsSamples = new LinkedHashMap<>();
    Map<String, List<Double>> lagSecondsSamples = new LinkedHashMap<>();
    processors
        .keySet()
        .forEach(
            n -> {
              lagEventsSamples.put(n, new ArrayList<>());
              lagSecondsSamples.put(n, new ArrayList<>());
            });
    List<long[]> headHistory = new ArrayList<>();
    long headAtStart = platform.headPosition();
    List<Thread> threads = new ArrayList<>();
    for (Phase phase : phases) {
      Thread t =
          new Thread(
              () -> {
                try {
                  phase.run(seconds);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              },
              phase.name);
      t.start();
      threads.add(t);
    }
    CpuSample before = CpuSample.now();
    long start = System.nanoTime();
    while (threads.stream().anyMatch(Thread::isAlive)) {
      sampleLag(processors, headHistory, lagEventsSamples, lagSecondsSamples);
      Thread.sleep(250);
    }
    double elapsed = (System.nanoTime() - start) / 1e9;
    CpuSample after = CpuSample.now();
    long headAtEnd = platform.headPosition();
    // After the holds stop: how long each processor needs to reach the head.
    Map<String, Double> catchUp = new LinkedHashMap<>();
    long catchStart = System.nanoTime();
    long target = headAtEnd;
    while (catchUp.size() < processors.size()
        && System.nanoTime() - catchStart < TimeUnit.MINUTES.toNanos(10)) {
      sampleLag(processors, headHistory, lagEventsSamples, lagSecondsSamples);
      for (var entry : processors.entrySet()) {
        if (!catchUp.containsKey(entry.getKey())
            && Platform.positionOf(entry.getValue()) >= target) {
          catchUp.put(entry.getKey(), (System.nanoTime() - catchStart) / 1e9);
        }
      }
      Thread.sleep(250);
    }
    long holds = phases.stream().mapToLong(p -> p.accepted.size()).sum();
    long conflicts = phases.stream().mapToLong(p -> p.conflicts.get()).sum();
    long errors = phases.stream().mapToLong(p -> p.errors.get()).sum();
    double own = after.ownCoresSince(before);
    double foreign = Math.max(0, after.busyCoresSince(before) - own);
    Histogram holdLatency = new Histogram(3);
    phases.forEach(p -> holdLatency.add(p.histogram));
    String summary =
        String.format(
            "holds accepted %d in %.1f s = %.0f holds/s (%d clients, %d event(s); conflicts %d,"
                + " errors %d; hold p50 %.1f ms, p99 %.1f ms); %d events stored = %.0f events/s;"
                + " own CPU %.2f cores, foreign %.2f cores",
            holds,
            elapsed,
            holds / elapsed,
            clients,
            events,
            conflicts,
            errors,
            holdLatency.getValueAtPercentile(50) / 1000.0,
            holdLatency.getValueAtPercentile(99) / 1000.0,
            headAtEnd - headAtStart,
            (headAtEnd - headAtStart) / elapsed,
            own,
            foreign);
    System.out.println("  " + summary);
    report.add("");
    report.add("(c) " + summary);
    report.add("");
    report.add(
        "| (c) processor | events behind p50 | p99 | max | seconds behind p50 | p99 | max |"
            + " catch-up after the holds stop (s) |");
    report.add("|---|---|---|---|---|---|---|---|");
    for (String name : processors.keySet()) {
      List<Long> ev = new ArrayList<>(lagEventsSamples.get(name));
      List<Double> sec = new ArrayList<>(lagSecondsSamples.get(name));
      Collections.sort(ev);
      Collections.sort(sec);
      Double caught = catchUp.get(name);
      String line =
          String.format(
              "| %s | %d | %d | %d | %.1f | %.1f | %.1f | %s |",
              name,
              pct(ev, 50),
              pct(ev, 99),
              ev.isEmpty() ? 0 : ev.get(ev.size() - 1),
              pctD(sec, 50),
              pctD(sec, 99),
              sec.isEmpty() ? 0 : sec.get(sec.size() - 1),
              caught == null ? "not caught up in 10 min" : String.format("%.1f", caught));
      System.out.println("  " + line);
      report.add(line);
    }
  }

  // ------------------------------------------- (d) projection lag under a synthetic stream of
  // holds

  private void stream() throws Exception {
    int rate = option("stream-rate", 2000);
    int seconds = option("stream-seconds", 30);
    int catchUpLimit = option("stream-catch-up", 600);
    int events = (int) Math.max(1, Math.ceil((double) rate * seconds / Platform.CAPACITY));
    System.out.printf(
        "== (d) projection lag: %d holds/s appended to the event store for %d s on %d event(s)%n",
        rate, seconds, events);
    List<String> eventIds = new ArrayList<>();
    for (int e = 0; e < events; e++) {
      eventIds.add(platform.newEventOnSale("views-stream-" + e));
    }
    Map<String, StreamingEventProcessor> processors = platform.streamingProcessors();
    drainAll(processors, Duration.ofMinutes(3));
    SyntheticHolds holds =
        new SyntheticHolds(platform.eventStore, platform.transactionManager(), eventIds, seats);
    Map<String, List<Long>> lagEvents = new LinkedHashMap<>();
    Map<String, List<Double>> lagSeconds = new LinkedHashMap<>();
    Map<String, Long> startPosition = new LinkedHashMap<>();
    processors.forEach(
        (n, p) -> {
          lagEvents.put(n, new ArrayList<>());
          lagSeconds.put(n, new ArrayList<>());
          startPosition.put(n, Platform.positionOf(p));
        });
    List<long[]> headHistory = new ArrayList<>();
    long headAtStart = platform.headPosition();
    Throwable[] failure = new Throwable[1];
    Thread producer =
        new Thread(
            () -> {
              try {
                holds.run(rate, seconds);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              } catch (RuntimeException e) {
                failure[0] = e;
              }
            },
            "synthetic-holds");
    CpuSample before = CpuSample.now();
    long start = System.nanoTime();
    producer.start();
    while (producer.isAlive()) {
      sampleLag(processors, headHistory, lagEvents, lagSeconds);
      Thread.sleep(250);
    }
    double elapsed = (System.nanoTime() - start) / 1e9;
    CpuSample after = CpuSample.now();
    if (failure[0] != null) {
      throw new IllegalStateException("appending the synthetic holds failed", failure[0]);
    }
    long headAtEnd = platform.headPosition();
    Map<String, Long> positionAtEnd = new LinkedHashMap<>();
    processors.forEach((n, p) -> positionAtEnd.put(n, Platform.positionOf(p)));
    Map<String, Double> catchUp = new LinkedHashMap<>();
    long catchStart = System.nanoTime();
    CpuSample catchBefore = CpuSample.now();
    while (catchUp.size() < processors.size()
        && System.nanoTime() - catchStart < TimeUnit.SECONDS.toNanos(catchUpLimit)) {
      sampleLag(processors, headHistory, lagEvents, lagSeconds);
      for (var entry : processors.entrySet()) {
        if (!catchUp.containsKey(entry.getKey())
            && Platform.positionOf(entry.getValue()) >= headAtEnd) {
          catchUp.put(entry.getKey(), (System.nanoTime() - catchStart) / 1e9);
        }
      }
      Thread.sleep(250);
    }
    double catchElapsed = (System.nanoTime() - catchStart) / 1e9;
    CpuSample catchAfter = CpuSample.now();
    double own = after.ownCoresSince(before);
    double foreign = Math.max(0, after.busyCoresSince(before) - own);
    double catchOwn = catchAfter.ownCoresSince(catchBefore);
    double catchForeign = Math.max(0, catchAfter.busyCoresSince(catchBefore) - catchOwn);
    String summary =
        String.format(
            "%d holds appended in %.1f s = %.0f holds/s (asked %d/s; %d appends), %d events"
                + " stored = %.0f events/s; during the stream own CPU %.2f cores, foreign %.2f;"
                + " during the catch-up (%.0f s) own %.2f, foreign %.2f",
            holds.holds(),
            elapsed,
            holds.holds() / elapsed,
            rate,
            holds.appends(),
            headAtEnd - headAtStart,
            (headAtEnd - headAtStart) / elapsed,
            own,
            foreign,
            catchElapsed,
            catchOwn,
            catchForeign);
    System.out.println("  " + summary);
    report.add("");
    report.add("(d) " + summary);
    report.add("");
    report.add(
        "| (d) processor | events behind p50 | p99 | max | seconds behind p50 | p99 | max |"
            + " events/s handled during the stream | catch-up after the stream stops (s) |");
    report.add("|---|---|---|---|---|---|---|---|---|");
    for (String name : processors.keySet()) {
      List<Long> ev = new ArrayList<>(lagEvents.get(name));
      List<Double> sec = new ArrayList<>(lagSeconds.get(name));
      Collections.sort(ev);
      Collections.sort(sec);
      Double caught = catchUp.get(name);
      long reached = Platform.positionOf(processors.get(name));
      String line =
          String.format(
              "| %s | %d | %d | %d | %.1f | %.1f | %.1f | %.0f | %s |",
              name,
              pct(ev, 50),
              pct(ev, 99),
              ev.isEmpty() ? 0 : ev.get(ev.size() - 1),
              pctD(sec, 50),
              pctD(sec, 99),
              sec.isEmpty() ? 0 : sec.get(sec.size() - 1),
              (positionAtEnd.get(name) - startPosition.get(name)) / elapsed,
              caught != null
                  ? String.format("%.1f", caught)
                  : String.format(
                      "not caught up in %d s (%d events behind, %.0f events/s meanwhile)",
                      catchUpLimit,
                      headAtEnd - reached,
                      (reached - positionAtEnd.get(name)) / catchElapsed));
      System.out.println("  " + line);
      report.add(line);
    }
  }

  // ------------------------------------------- (e) drain rate of each view from a backlog

  /**
   * Part (e): the views' own ceiling, independent of how fast anything can append. Every streaming
   * processor is shut down; {@code drain-holds} synthetic holds (3 events each) are appended as
   * fast as the store takes them, {@code drain-per-append} holds per transaction; then each
   * processor of {@code drain-processors} is started alone and timed until it reaches the head (the
   * others stay shut down, so it has the JVM to itself). With {@code drain-together=true} a second
   * backlog of the same size is appended and the same processors are started together, as in
   * production.
   */
  private void drain() throws Exception {
    int holdsWanted = option("drain-holds", 20_000);
    int perAppend = option("drain-per-append", 500);
    int targetRate = option("drain-target", 2000);
    boolean together = Boolean.parseBoolean(options.getOrDefault("drain-together", "true"));
    List<String> names =
        List.of(
            options
                .getOrDefault("drain-processors", "seat-map,catalog,orders,dashboard,event-setup")
                .split(","));
    long total = (long) holdsWanted * (together ? 2 : 1);
    int events = (int) Math.max(1, Math.ceil((double) total / Platform.CAPACITY));
    System.out.printf(
        "== (e) drain rate: %d holds (x%d) appended with the processors shut down, then %s%n",
        holdsWanted, together ? 2 : 1, names);
    List<String> eventIds = new ArrayList<>();
    for (int e = 0; e < events; e++) {
      eventIds.add(platform.newEventOnSale("views-drain-" + e));
    }
    Map<String, StreamingEventProcessor> processors = platform.streamingProcessors();
    for (String name : names) {
      if (!processors.containsKey(name)) {
        throw new IllegalArgumentException("no streaming processor " + name + ": " + processors);
      }
    }
    drainAll(processors, Duration.ofMinutes(3));
    // a processor shut down reports no segment: remember where each one stopped
    Map<String, Long> stoppedAt = new LinkedHashMap<>();
    processors.forEach((name, p) -> stoppedAt.put(name, Platform.positionOf(p)));
    processors.values().forEach(StreamingEventProcessor::shutDown);
    System.out.println("  every streaming processor shut down at " + stoppedAt);
    SyntheticHolds holds =
        new SyntheticHolds(platform.eventStore, platform.transactionManager(), eventIds, seats);
    report.add("");
    report.add(
        "| (e) round | processor | events | catch-up s | first move s | events/s | holds/s |"
            + " steady events/s (10-90 %) | steady holds/s | own cores | foreign cores |"
            + " own CPU ms/hold | keeps up with "
            + targetRate
            + " holds/s | holds behind after 60 s | seconds behind after 60 s |");
    report.add("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
    appendBacklog(holds, holdsWanted, perAppend);
    for (String name : names) {
      drainRound("alone", List.of(name), processors, stoppedAt, targetRate);
      // shut down again, so that the next one has the JVM to itself
      stoppedAt.put(name, Platform.positionOf(processors.get(name)));
      processors.get(name).shutDown();
    }
    if (together) {
      appendBacklog(holds, holdsWanted, perAppend);
      drainRound("together", names, processors, stoppedAt, targetRate);
    }
    processors.values().forEach(StreamingEventProcessor::start);
  }

  private void appendBacklog(SyntheticHolds holds, int count, int perAppend) {
    long head0 = platform.headPosition();
    long appends0 = holds.appends();
    CpuSample before = CpuSample.now();
    long t0 = System.nanoTime();
    long done = holds.appendBacklog(count, perAppend);
    double elapsed = (System.nanoTime() - t0) / 1e9;
    CpuSample after = CpuSample.now();
    double own = after.ownCoresSince(before);
    double foreign = Math.max(0, after.busyCoresSince(before) - own);
    long stored = platform.headPosition() - head0;
    String line =
        String.format(
            "(e) backlog: %d holds (%d events) appended in %.1f s = %.0f holds/s, %.0f events/s,"
                + " %d transactions of up to %d holds; own %.2f cores, foreign %.2f; load %s",
            done,
            stored,
            elapsed,
            done / elapsed,
            stored / elapsed,
            holds.appends() - appends0,
            perAppend,
            own,
            foreign,
            Machine.loadAverage());
    System.out.println("  " + line);
    report.add("");
    report.add(line);
    report.add("");
  }

  private void drainRound(
      String round,
      List<String> names,
      Map<String, StreamingEventProcessor> processors,
      Map<String, Long> stoppedAt,
      int targetRate)
      throws InterruptedException {
    long head = platform.headPosition();
    Map<String, Long> from = new LinkedHashMap<>();
    Map<String, Double> firstMove = new LinkedHashMap<>();
    Map<String, Double> at10 = new LinkedHashMap<>();
    Map<String, Double> at90 = new LinkedHashMap<>();
    Map<String, Double> done = new LinkedHashMap<>();
    for (String name : names) {
      from.put(name, stoppedAt.get(name));
    }
    CpuSample before = CpuSample.now();
    long t0 = System.nanoTime();
    for (String name : names) {
      processors.get(name).start();
    }
    long limit = TimeUnit.MINUTES.toNanos(10);
    while (done.size() < names.size() && System.nanoTime() - t0 < limit) {
      Thread.sleep(50);
      double now = (System.nanoTime() - t0) / 1e9;
      for (String name : names) {
        if (done.containsKey(name)) {
          continue;
        }
        long start = from.get(name);
        long backlog = head - start;
        long position = Platform.positionOf(processors.get(name));
        if (position > start) {
          firstMove.putIfAbsent(name, now);
        }
        if (position - start >= backlog / 10) {
          at10.putIfAbsent(name, now);
        }
        if (position - start >= backlog * 9 / 10) {
          at90.putIfAbsent(name, now);
        }
        if (position >= head) {
          done.put(name, now);
        }
      }
    }
    double elapsed = (System.nanoTime() - t0) / 1e9;
    CpuSample after = CpuSample.now();
    double own = after.ownCoresSince(before);
    double foreign = Math.max(0, after.busyCoresSince(before) - own);
    for (String name : names) {
      long backlog = head - from.get(name);
      Double caught = done.get(name);
      double seconds = caught == null ? elapsed : caught;
      long reached = Platform.positionOf(processors.get(name)) - from.get(name);
      double rate = Math.min(reached, backlog) / seconds;
      double steady =
          at10.containsKey(name) && at90.containsKey(name) && at90.get(name) > at10.get(name)
              ? backlog * 0.8 / (at90.get(name) - at10.get(name))
              : rate;
      double holdRate = rate / 3;
      double steadyHolds = steady / 3;
      double behindHolds = Math.max(0, (targetRate - steadyHolds) * 60);
      double behindSeconds = Math.max(0, 60 * (1 - steadyHolds / targetRate));
      String line =
          String.format(
              "| %s | %s | %d | %s | %.1f | %.0f | %.0f | %.0f | %.0f | %.2f | %.2f | %.2f | %s |"
                  + " %.0f | %.1f |",
              round,
              name,
              backlog,
              caught == null
                  ? String.format("not caught up in %.0f s", elapsed)
                  : String.format("%.1f", caught),
              firstMove.getOrDefault(name, Double.NaN),
              rate,
              holdRate,
              steady,
              steadyHolds,
              own,
              foreign,
              own * seconds * 1000 / Math.max(1, Math.min(reached, backlog) / 3.0),
              steadyHolds >= targetRate ? "yes" : "no",
              behindHolds,
              behindSeconds);
      System.out.println("  " + line);
      report.add(line);
    }
  }

  private void sampleLag(
      Map<String, StreamingEventProcessor> processors,
      List<long[]> headHistory,
      Map<String, List<Long>> events,
      Map<String, List<Double>> seconds) {
    long now = System.nanoTime();
    long head = platform.headPosition();
    headHistory.add(new long[] {now, head});
    for (var entry : processors.entrySet()) {
      long position = Platform.positionOf(entry.getValue());
      long behind = Math.max(0, head - position);
      events.get(entry.getKey()).add(behind);
      double secondsBehind = 0;
      if (behind > 0) {
        // the first sample whose head was past this position: the oldest unprocessed event was
        // stored by then
        for (long[] h : headHistory) {
          if (h[1] > position) {
            secondsBehind = (now - h[0]) / 1e9;
            break;
          }
        }
      }
      seconds.get(entry.getKey()).add(secondsBehind);
    }
  }

  private void drainAll(Map<String, StreamingEventProcessor> processors, Duration atMost)
      throws InterruptedException {
    long target = platform.headPosition();
    long start = System.nanoTime();
    while (System.nanoTime() - start < atMost.toNanos()) {
      if (processors.values().stream().allMatch(p -> Platform.positionOf(p) >= target)) {
        return;
      }
      Thread.sleep(200);
    }
  }

  private static long pct(List<Long> sorted, double p) {
    return sorted.isEmpty()
        ? 0
        : sorted.get((int) Math.min(sorted.size() - 1, sorted.size() * p / 100));
  }

  private static double pctD(List<Double> sorted, double p) {
    return sorted.isEmpty()
        ? 0
        : sorted.get((int) Math.min(sorted.size() - 1, sorted.size() * p / 100));
  }
}
