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
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.spec.SecretKeySpec;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * The load generator's HTTP client, fully asynchronous: one JDK HttpClient (HTTP/1.1, kept-alive
 * connections) whose {@code sendAsync} answers complete on a small fixed pool, so no thread waits
 * for an answer. Bearer tokens are minted with the JWT secret the bench gave the platform (sign-in
 * is not what is measured); one {@code X-Forwarded-For} address per simulated client (the platform
 * trusts it in this run, so its per-address rate limits see many addresses, as behind a real
 * proxy).
 *
 * <p>Every request carries its <b>intended</b> send time: when the visitor's plan says it should
 * leave (its arrival, the end of a think time or poll interval, or the answer it follows from). Two
 * latencies are recorded per kind of request in HdrHistograms: the <b>response time</b>, from the
 * intended time to the answer (corrected for coordinated omission: a late generator or a full
 * connection pool counts against the answer, as a visitor would feel it), and the <b>service
 * time</b>, from the moment the request was handed to the client to the answer.
 *
 * <p>At most {@code maxInFlight} requests are outstanding at once (a proxy's upstream connection
 * pool; the machine has ≈ 28,000 ephemeral ports and 20,000 file descriptors per process). A
 * request beyond that waits in this client for a slot, and that wait is part of its response time.
 */
final class OnsaleHttp {

  private static final Pattern CODE = Pattern.compile("\"code\"\\s*:\\s*\"([^\"]+)\"");
  private static final long HIGHEST = 3_600_000_000L;

  /**
   * One answer: status (-1 when the request failed), body, response time (from the intended send
   * time) and service time (from the actual send), Retry-After, and when it arrived.
   */
  record Answer(
      int status,
      String body,
      long responseMicros,
      long serviceMicros,
      String retryAfter,
      long doneNanos) {
    /** A response, timed from {@code intended} (response time) and {@code sent} (service time). */
    static Answer of(HttpResponse<String> r, long intended, long sent, long done) {
      return new Answer(
          r.statusCode(),
          r.body(),
          (done - intended) / 1000,
          (done - sent) / 1000,
          r.headers().firstValue("Retry-After").orElse(null),
          done);
    }

    /** A request that got no response: status -1, the failure's class as the body. */
    static Answer failed(Throwable e, long intended, long sent, long done) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      return new Answer(
          -1,
          cause.getClass().getSimpleName(),
          (done - intended) / 1000,
          (done - sent) / 1000,
          null,
          done);
    }

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

    /** A numeric field of the JSON body, or {@code otherwise}. */
    double number(String name, double otherwise) {
      if (body == null) {
        return otherwise;
      }
      Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*(-?[\\d.]+)").matcher(body);
      return m.find() ? Double.parseDouble(m.group(1)) : otherwise;
    }

    /** Retry-After in seconds (delta-seconds or an HTTP date), or {@code otherwise}. */
    double retryAfterSeconds(double otherwise) {
      if (retryAfter == null || retryAfter.isBlank()) {
        return otherwise;
      }
      try {
        return Math.max(0, Double.parseDouble(retryAfter.trim()));
      } catch (NumberFormatException notSeconds) {
        try {
          ZonedDateTime at =
              ZonedDateTime.parse(retryAfter.trim(), DateTimeFormatter.RFC_1123_DATE_TIME);
          return Math.max(0, Duration.between(ZonedDateTime.now(), at).toMillis() / 1000.0);
        } catch (RuntimeException notADate) {
          return otherwise;
        }
      }
    }

    boolean shed() {
      return status == 429 || status == 503;
    }
  }

  /** Response time (from the intended send time) and service time of one kind of request. */
  record Timing(Histogram response, Histogram service) {
    static Timing create() {
      return new Timing(new ConcurrentHistogram(HIGHEST, 3), new ConcurrentHistogram(HIGHEST, 3));
    }
  }

  private final HttpClient client;
  private final ExecutorService executor;

  /**
   * Set-up, monitor and settling: a client of their own (own connections, own selector thread and
   * own callback thread), so that the visitors' traffic never delays what observes the run.
   */
  private final HttpClient control;

  private final ExecutorService controlExecutor;
  final String base;
  private final AccessTokens tokens;
  private final Duration requestTimeout;
  private final Map<String, String> minted = new ConcurrentHashMap<>();
  final Map<String, Timing> latencies = new ConcurrentHashMap<>();

  /** First intended send to final answer, Retry-After waits included, by kind of request. */
  final Map<String, Histogram> journeys = new ConcurrentHashMap<>();

  final Map<String, LongAdder> answers = new ConcurrentHashMap<>();

  /** How long requests waited in this client for a free slot (microseconds). */
  final Histogram slotWait = new ConcurrentHistogram(HIGHEST, 3);

  final AtomicInteger inFlightMax = new AtomicInteger();

  /**
   * A proxy's upstream pool for one route, with its own cap and its own queue (a bulkhead, as
   * per-route connection limits in a reverse proxy): joining (the join challenge and the join) gets
   * a quarter of {@code maxInFlight}, position polls a quarter, and the shop (seat map, holds,
   * payments, bank) half. A backlog of tens of thousands of joins under the spike then does not
   * queue the polls that hand out admission tokens, nor admitted visitors' holds and payments,
   * behind it, as a single FIFO pool would.
   */
  static final class Lane {
    final String name;
    final int max;
    private int inFlight;
    private final ArrayDeque<Runnable> waiting = new ArrayDeque<>();
    final AtomicInteger inFlightMax = new AtomicInteger();
    final Histogram slotWait = new ConcurrentHistogram(HIGHEST, 3);

    Lane(String name, int max) {
      this.name = name;
      this.max = Math.max(1, max);
    }

    synchronized int inFlight() {
      return inFlight;
    }

    synchronized int waiting() {
      return waiting.size();
    }
  }

  final Lane join;
  final Lane room;
  final Lane shop;
  private volatile boolean recording = true;

  OnsaleHttp(String base, byte[] jwtSecret, int maxInFlight, Duration requestTimeout, int threads) {
    this.base = base;
    this.join = new Lane("join", maxInFlight / 4);
    this.room = new Lane("position", maxInFlight / 4);
    this.shop = new Lane("shop", maxInFlight - 2 * (maxInFlight / 4));
    this.requestTimeout = requestTimeout;
    this.tokens =
        new AccessTokens(
            new SecretKeySpec(jwtSecret, "HmacSHA256"), Duration.ofHours(3), Clock.systemUTC());
    AtomicInteger n = new AtomicInteger();
    this.executor =
        Executors.newFixedThreadPool(
            threads,
            r -> {
              Thread t = new Thread(r, "onsale-http-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    this.client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .executor(executor)
            .build();
    this.controlExecutor =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "onsale-control");
              t.setDaemon(true);
              return t;
            });
    this.control =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .executor(controlExecutor)
            .build();
  }

  void stopRecording() {
    recording = false;
  }

  void startRecording() {
    recording = true;
  }

  String token(String account, String role) {
    return minted.computeIfAbsent(account + "|" + role, k -> tokens.issue(account, role).token());
  }

  /**
   * Sends now on the control client and waits for the answer, outside the in-flight cap (set-up: it
   * must not queue behind the visitors). Waits at most the request timeout (and a margin, should
   * the client itself be late): then the answer has status -1.
   */
  Answer call(
      String kind,
      String method,
      String path,
      String jsonBody,
      String account,
      String role,
      String ip,
      String... headers) {
    return probe(kind, requestTimeout, method, path, jsonBody, account, role, ip, headers);
  }

  /**
   * As {@link #call}, but waiting at most {@code timeout}: the monitor skips a round rather than
   * stall the run when the platform (or this machine) is slow.
   */
  Answer probe(
      String kind,
      Duration timeout,
      String method,
      String path,
      String jsonBody,
      String account,
      String role,
      String ip,
      String... headers) {
    HttpRequest request;
    try {
      request =
          HttpRequest.newBuilder(
                  request(method, path, jsonBody, account, role, ip, headers), (n, v) -> true)
              .timeout(timeout)
              .build();
    } catch (RuntimeException e) {
      Answer failed = new Answer(-1, e.getClass().getSimpleName(), 0, 0, null, System.nanoTime());
      record(kind, failed);
      return failed;
    }
    long sent = System.nanoTime();
    Answer answer;
    try {
      HttpResponse<String> r =
          control
              .sendAsync(request, HttpResponse.BodyHandlers.ofString())
              .orTimeout(timeout.toMillis() + 5_000, TimeUnit.MILLISECONDS)
              .join();
      long done = System.nanoTime();
      answer = Answer.of(r, sent, sent, done);
    } catch (RuntimeException e) {
      answer = Answer.failed(e, sent, sent, System.nanoTime());
    }
    record(kind, answer);
    return answer;
  }

  /**
   * Sends one request, intended to leave at {@code intendedNanos} (System.nanoTime(), not in the
   * future), and records it under {@code kind}: its response and service times (answers only) and
   * its outcome ({@code kind status code}). The future never completes exceptionally: a failed
   * request is an answer with status -1.
   */
  CompletableFuture<Answer> send(
      String kind,
      long intendedNanos,
      String method,
      String path,
      String jsonBody,
      String account,
      String role,
      String ip,
      String... headers) {
    return send(kind, intendedNanos, true, method, path, jsonBody, account, role, ip, headers);
  }

  private CompletableFuture<Answer> send(
      String kind,
      long intendedNanos,
      boolean capped,
      String method,
      String path,
      String jsonBody,
      String account,
      String role,
      String ip,
      String... headers) {
    HttpRequest request;
    try {
      request = request(method, path, jsonBody, account, role, ip, headers);
    } catch (RuntimeException e) {
      Answer failed = new Answer(-1, e.getClass().getSimpleName(), 0, 0, null, System.nanoTime());
      record(kind, failed);
      return CompletableFuture.completedFuture(failed);
    }
    long asked = System.nanoTime();
    long intended = Math.min(intendedNanos, asked);
    CompletableFuture<Answer> result = new CompletableFuture<>();
    Lane lane =
        path.contains("/waiting-room/visitors/me")
            ? room
            : path.contains("/waiting-room") || path.contains("purpose=join") ? join : shop;
    Runnable go =
        () -> {
          long sent = System.nanoTime();
          if (recording && capped) {
            long waited = Math.min(HIGHEST, (sent - asked) / 1000);
            slotWait.recordValue(waited);
            lane.slotWait.recordValue(waited);
          }
          CompletableFuture<HttpResponse<String>> response;
          try {
            // The backstop: the slot comes back even if the client's own timeout fires late.
            response =
                client
                    .sendAsync(request, HttpResponse.BodyHandlers.ofString())
                    .orTimeout(requestTimeout.toMillis() + 10_000, TimeUnit.MILLISECONDS);
          } catch (RuntimeException e) {
            response = CompletableFuture.failedFuture(e);
          }
          // Every answer is handled on the client's fixed pool (never a thread per completion).
          response.whenCompleteAsync(
              (r, e) -> {
                long done = System.nanoTime();
                if (capped) {
                  release(lane);
                }
                Answer answer;
                if (r != null) {
                  answer = Answer.of(r, intended, sent, done);
                } else {
                  answer = Answer.failed(e, intended, sent, done);
                }
                record(kind, answer);
                result.complete(answer);
              },
              executor);
        };
    if (capped) {
      acquire(lane, go);
    } else {
      go.run();
    }
    return result;
  }

  /** Records the time from a first intended send to a final answer (retries included). */
  void journey(String kind, long firstIntendedNanos, Answer last) {
    if (recording && last.status() > 0) {
      journeys
          .computeIfAbsent(kind, k -> new ConcurrentHistogram(HIGHEST, 3))
          .recordValue(
              Math.min(HIGHEST, Math.max(0, (last.doneNanos() - firstIntendedNanos) / 1000)));
    }
  }

  void count(String outcome) {
    if (recording) {
      answers.computeIfAbsent(outcome, k -> new LongAdder()).increment();
    }
  }

  private void record(String kind, Answer answer) {
    if (!recording) {
      return;
    }
    if (answer.status() > 0) {
      Timing t = latencies.computeIfAbsent(kind, k -> Timing.create());
      t.response().recordValue(Math.min(HIGHEST, Math.max(0, answer.responseMicros())));
      t.service().recordValue(Math.min(HIGHEST, Math.max(0, answer.serviceMicros())));
    }
    count(
        kind
            + " "
            + (answer.status() < 0 ? "failed:" + answer.body() : answer.status())
            + (answer.status() >= 400 ? " " + answer.code() : ""));
  }

  private HttpRequest request(
      String method,
      String path,
      String jsonBody,
      String account,
      String role,
      String ip,
      String... headers) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(path.startsWith("http") ? path : base + path))
            .timeout(requestTimeout);
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
    return b.method(method, body).build();
  }

  private void acquire(Lane lane, Runnable start) {
    boolean now;
    synchronized (lane) {
      now = lane.inFlight < lane.max;
      if (now) {
        lane.inFlight++;
        lane.inFlightMax.accumulateAndGet(lane.inFlight, Math::max);
      } else {
        lane.waiting.addLast(start);
      }
    }
    if (now) {
      inFlightMax.accumulateAndGet(inFlight(), Math::max);
      start.run();
    }
  }

  private void release(Lane lane) {
    Runnable next;
    synchronized (lane) {
      next = lane.waiting.pollFirst();
      if (next == null) {
        lane.inFlight--;
      }
    }
    if (next != null) {
      // Not on this stack: an answer that completes at once would otherwise recurse.
      try {
        executor.execute(next);
      } catch (java.util.concurrent.RejectedExecutionException closed) {
        // The generator is closing: the waiting request is dropped.
      }
    }
  }

  /** Forgets the requests waiting for a slot (the load has stopped; nobody waits for them). */
  int dropWaiting() {
    int n = 0;
    for (Lane lane : lanes()) {
      synchronized (lane) {
        n += lane.waiting.size();
        lane.waiting.clear();
      }
    }
    return n;
  }

  List<Lane> lanes() {
    return List.of(join, room, shop);
  }

  int inFlight() {
    return join.inFlight() + room.inFlight() + shop.inFlight();
  }

  int waitingForSlot() {
    return join.waiting() + room.waiting() + shop.waiting();
  }

  void close() {
    executor.shutdownNow();
    controlExecutor.shutdownNow();
  }

  static String form(String name, String value) {
    return name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
