package fr.guichet.bench;

import fr.guichet.bench.OnsaleHttp.Answer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import java.util.function.LongFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The visitors of the onsale, humans and bots, each a small state machine driven by callbacks: a
 * timer fires at the planned moment (arrival, end of a think time, next poll), the step sends its
 * request asynchronously ({@link OnsaleHttp}), and the answer's callback decides the next step. No
 * thread waits for an answer or sleeps for a visitor, so arrivals keep to the plan however slowly
 * the platform answers (open load), and tens of thousands of visitors need a handful of threads:
 * one or two timer threads, the HTTP client's pool, and the proof-of-work solvers.
 *
 * <p>Humans honour {@code Retry-After} on 429 and 503 (up to {@code maxRetries} times per request,
 * each wait capped at {@code retryAfterCapSeconds}, every retry and every give-up counted); bots do
 * not: they keep their own pace.
 */
final class OnsaleLoad {

  /** Settings of one run (see {@link OnsaleBench} for the options that set them). */
  record Settings(
      int capacity,
      double payShare,
      double releaseShare,
      double pollSeconds,
      double pollMaxSeconds,
      double thinkSecondsMin,
      double thinkSecondsMax,
      boolean challenge,
      int maxHoldAttempts,
      int maxRetries,
      double retryAfterCapSeconds,
      double returnsPatienceSeconds,
      boolean waitingList) {}

  private static final Pattern PLACE_IDS = Pattern.compile("\"placeIds\"\\s*:\\s*\\[([^\\]]*)\\]");
  private static final Pattern STATES = Pattern.compile("\"states\"\\s*:\\s*\"([A-Z]*)\"");
  private static final Pattern VERSION = Pattern.compile("\"version\"\\s*:\\s*(\\d+)");
  private static final long HIGHEST = 3_600_000_000L;

  final OnsaleHttp http;
  final String eventId;
  final Settings settings;
  final List<String> placeIds;
  final ScheduledExecutorService timers;
  final ExecutorService solvers;
  final CountDownLatch finished;
  final long openingNanos;

  /** Orders the platform acknowledged (201): order id → places. */
  final Map<String, List<String>> acknowledged = new ConcurrentHashMap<>();

  /** Payments the bank page took a card for: payment id → {order id, account}. */
  final Map<String, String[]> payments = new ConcurrentHashMap<>();

  final AtomicInteger humansArrived = new AtomicInteger();
  final AtomicInteger botsArrived = new AtomicInteger();
  final AtomicInteger notArrived = new AtomicInteger();
  final AtomicInteger admitted = new AtomicInteger();
  final AtomicInteger humansHeld = new AtomicInteger();
  final AtomicInteger humansSoldOut = new AtomicInteger();

  /** Looks at a seat map with no free place but some held, waiting for holds to come back. */
  final AtomicInteger humansWatchingForReturns = new AtomicInteger();

  final AtomicInteger humansGaveUp = new AtomicInteger();

  /** Humans who joined the waiting list, were offered places by it, and paid for them. */
  final AtomicInteger humansOnWaitingList = new AtomicInteger();

  final AtomicInteger humansOffered = new AtomicInteger();
  final AtomicInteger humansPaidOffer = new AtomicInteger();

  final AtomicInteger humansStoppedAtCeiling = new AtomicInteger();
  final AtomicInteger released = new AtomicInteger();
  final AtomicInteger abandoned = new AtomicInteger();
  final AtomicInteger botHoldAttempts = new AtomicInteger();
  final AtomicInteger botHoldsAccepted = new AtomicInteger();
  final AtomicInteger humanHoldAttempts = new AtomicInteger();
  final AtomicInteger humanHoldsAccepted = new AtomicInteger();
  final AtomicInteger retries = new AtomicInteger();
  final AtomicInteger retryGiveUps = new AtomicInteger();
  final Map<String, AtomicInteger> outcomes = new ConcurrentHashMap<>();

  /** How late timers fired against the plan (arrivals, think times, polls), microseconds. */
  final Histogram timerLag = new ConcurrentHistogram(HIGHEST, 3);

  /** How late arrivals started against the planned schedule, microseconds. */
  final Histogram arrivalLag = new ConcurrentHistogram(HIGHEST, 3);

  /** Time a proof of work waited for a solver thread, microseconds (generator-side queueing). */
  final Histogram solverWait = new ConcurrentHistogram(HIGHEST, 3);

  /** Accepted holds per second since the opening (index = second). */
  final AtomicLongArray acceptedPerSecond = new AtomicLongArray(7200);

  /** The layout's ETag once known, shared as a CDN would serve it to every browser. */
  private volatile String layoutEtag;

  /** Set at the ceiling: no more arrivals, no new holds; visitors holding places may finish. */
  volatile boolean closing;

  /** Set at the end: nothing more is sent or counted. */
  volatile boolean stopped;

  OnsaleLoad(
      OnsaleHttp http,
      String eventId,
      Settings settings,
      List<String> placeIds,
      ScheduledExecutorService timers,
      ExecutorService solvers,
      int visitors,
      long openingNanos) {
    this.http = http;
    this.eventId = eventId;
    this.settings = settings;
    this.placeIds = placeIds;
    this.timers = timers;
    this.solvers = solvers;
    this.finished = new CountDownLatch(visitors);
    this.openingNanos = openingNanos;
  }

  private String ev(String rest) {
    return "/api/events/" + eventId + rest;
  }

  void outcome(String what) {
    if (stopped) {
      return;
    }
    outcomes.computeIfAbsent(what, k -> new AtomicInteger()).incrementAndGet();
  }

  // ---------------------------------------------------------------- scheduling

  /** Schedules a visitor's arrival at {@code atNanos} (System.nanoTime()). */
  void arrive(Visitor visitor, long atNanos) {
    schedule(
        visitor,
        atNanos,
        due -> {
          if (closing) {
            notArrived.incrementAndGet();
            visitor.done();
            return;
          }
          if (!stopped) {
            arrivalLag.recordValue(Math.min(HIGHEST, (System.nanoTime() - due) / 1000));
          }
          visitor.arrive(due);
        });
  }

  /** Runs {@code step} with its due time {@code seconds} from now. */
  void later(Visitor visitor, double seconds, LongConsumer step) {
    schedule(visitor, System.nanoTime() + (long) (seconds * 1e9), step);
  }

  private void schedule(Visitor visitor, long dueNanos, LongConsumer step) {
    if (stopped) {
      return;
    }
    try {
      timers.schedule(
          () -> {
            if (!stopped) {
              timerLag.recordValue(
                  Math.min(HIGHEST, Math.max(0, (System.nanoTime() - dueNanos) / 1000)));
            }
            run(visitor, () -> step.accept(dueNanos));
          },
          Math.max(0, dueNanos - System.nanoTime()),
          TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException shutDown) {
      // the run is over
    }
  }

  /** Runs {@code handler} with the answer once it comes, on the HTTP client's pool. */
  <T> void on(Visitor visitor, CompletableFuture<T> future, Consumer<T> handler) {
    future.whenComplete(
        (value, failure) -> {
          if (failure != null) {
            if (!stopped) {
              outcome("crashed " + failure.getClass().getSimpleName());
              visitor.done();
            }
            return;
          }
          run(visitor, () -> handler.accept(value));
        });
  }

  private void run(Visitor visitor, Runnable step) {
    if (stopped) {
      return;
    }
    try {
      step.run();
    } catch (RuntimeException e) {
      if (stopped) {
        return;
      }
      outcome("crashed " + e.getClass().getSimpleName() + ": " + e.getMessage());
      visitor.done();
    }
  }

  /**
   * Sends {@code request} (given its intended send time) and hands the final answer to {@code
   * then}. A human who gets 429 or 503 waits for Retry-After (capped) and sends it again, up to
   * {@code maxRetries} times; a bot takes the first answer. The time from the first intended send
   * to the final answer is recorded as the request's journey.
   */
  void call(
      Visitor v,
      String kind,
      long due,
      LongFunction<CompletableFuture<Answer>> request,
      Consumer<Answer> then) {
    attempt(v, kind, due, due, request, 0, then);
  }

  private void attempt(
      Visitor v,
      String kind,
      long firstDue,
      long due,
      LongFunction<CompletableFuture<Answer>> request,
      int retried,
      Consumer<Answer> then) {
    on(
        v,
        request.apply(due),
        a -> {
          if (a.shed() && !v.bot && !stopped) {
            if (retried < settings.maxRetries()) {
              retries.incrementAndGet();
              http.count(kind + " retried after " + a.status() + " (Retry-After honoured)");
              double wait = Math.min(a.retryAfterSeconds(1), settings.retryAfterCapSeconds());
              later(v, wait, d -> attempt(v, kind, firstDue, d, request, retried + 1, then));
              return;
            }
            retryGiveUps.incrementAndGet();
            http.count(kind + " still " + a.status() + " after " + retried + " retries");
          }
          if (!v.bot) {
            http.journey(kind, firstDue, a);
          }
          then.accept(a);
        });
  }

  // ---------------------------------------------------------------- shared steps

  /** A proof-of-work solution and the moment it was ready. */
  record Solved(String payload, long readyNanos) {}

  /**
   * Fetches a challenge and solves it on a solver thread, as the ALTCHA widget does in the browser;
   * completes with a null payload when the challenge is off or could not be had.
   */
  CompletableFuture<Solved> solve(String purpose, long due) {
    if (!settings.challenge()) {
      return CompletableFuture.completedFuture(new Solved(null, due));
    }
    return http.send(
            "challenge", due, "GET", ev("/challenge?purpose=" + purpose), null, null, null, null)
        .thenCompose(
            a -> {
              if (a.status() != 200) {
                return CompletableFuture.completedFuture(new Solved(null, a.doneNanos()));
              }
              long queued = System.nanoTime();
              CompletableFuture<Solved> solved = new CompletableFuture<>();
              try {
                solvers.execute(
                    () -> {
                      if (!stopped) {
                        solverWait.recordValue(
                            Math.min(HIGHEST, (System.nanoTime() - queued) / 1000));
                      }
                      String payload = solution(a.body());
                      solved.complete(new Solved(payload, System.nanoTime()));
                    });
              } catch (RejectedExecutionException shutDown) {
                solved.complete(new Solved(null, System.nanoTime()));
              }
              return solved;
            });
  }

  private static String solution(String challengeJson) {
    try {
      JsonNode c = JsonMapper.shared().readTree(challengeJson);
      long number =
          ProofOfWork.solve(
              c.path("challenge").asString(),
              c.path("salt").asString(),
              c.path("maxnumber").asLong());
      if (number < 0) {
        return null;
      }
      Map<String, Object> payload = new LinkedHashMap<>();
      payload.put("algorithm", c.path("algorithm").asString());
      payload.put("challenge", c.path("challenge").asString());
      payload.put("number", number);
      payload.put("salt", c.path("salt").asString());
      payload.put("signature", c.path("signature").asString());
      return Base64.getEncoder()
          .encodeToString(
              JsonMapper.shared().writeValueAsString(payload).getBytes(StandardCharsets.UTF_8));
    } catch (RuntimeException e) {
      return null;
    }
  }

  /**
   * Loads the seat map as a browser does: the layout (revalidated by ETag, so 304 after the first
   * load) and then the availability; hands over the availability answer.
   */
  void seatMap(Visitor v, long due, Consumer<Answer> then) {
    call(
        v,
        "seat-map layout",
        due,
        t ->
            http.send(
                "seat-map layout",
                t,
                "GET",
                ev("/seat-map"),
                null,
                v.account,
                "SPECTATOR",
                v.ip,
                "If-None-Match",
                layoutEtag),
        layout -> {
          if (layout.status() == 200 && layoutEtag == null) {
            Matcher m = VERSION.matcher(layout.body());
            layoutEtag = "\"layout-" + eventId + "-" + (m.find() ? m.group(1) : "0") + "\"";
          }
          call(
              v,
              "seat-map availability",
              layout.doneNanos(),
              t ->
                  http.send(
                      "seat-map availability",
                      t,
                      "GET",
                      ev("/availability"),
                      null,
                      v.account,
                      "SPECTATOR",
                      v.ip),
              then);
        });
  }

  static String states(Answer availability) {
    if (availability.status() != 200 || availability.body() == null) {
      return null;
    }
    Matcher m = STATES.matcher(availability.body());
    return m.find() ? m.group(1) : null;
  }

  /** {@code quantity} free places from the snapshot, 70 % of the time in the front rows. */
  List<String> pick(String states, int quantity) {
    if (states == null || states.length() != placeIds.size()) {
      return List.of();
    }
    ThreadLocalRandom random = ThreadLocalRandom.current();
    List<String> chosen = new ArrayList<>(quantity);
    boolean front = random.nextInt(10) < 7;
    int n = states.length();
    int start = random.nextInt(n);
    for (int k = 0; k < n && chosen.size() < quantity; k++) {
      int i = (start + k) % n;
      if (front && !OnsaleBench.isFront(i)) {
        continue;
      }
      if (states.charAt(i) == 'F') {
        chosen.add(placeIds.get(i));
      }
    }
    if (chosen.size() < quantity && front) {
      for (int k = 0; k < n && chosen.size() < quantity; k++) {
        int i = (start + k) % n;
        if (states.charAt(i) == 'F' && !chosen.contains(placeIds.get(i))) {
          chosen.add(placeIds.get(i));
        }
      }
    }
    return chosen;
  }

  static String selection(List<String> places) {
    return places.stream()
        .map(p -> "\"" + p + "\"")
        .collect(Collectors.joining(",", "{\"placeIds\":[", "]}"));
  }

  static String bestAvailable(String category, int quantity) {
    return "{\"category\":\"" + category + "\",\"quantity\":" + quantity + "}";
  }

  /** One hold request (with its own proof of work, solved first), counted and, if 201, noted. */
  CompletableFuture<Answer> hold(
      Visitor v, long due, String body, String token, String key, String replayedSolution) {
    CompletableFuture<Solved> solved =
        replayedSolution != null
            ? CompletableFuture.completedFuture(new Solved(replayedSolution, due))
            : solve("hold", due);
    return solved.thenCompose(
        s ->
            http.send(
                    v.bot ? "hold (bot)" : "hold",
                    s.readyNanos(),
                    "POST",
                    ev("/holds"),
                    body,
                    v.account,
                    "SPECTATOR",
                    v.ip,
                    "Idempotency-Key",
                    key,
                    "X-Admission-Token",
                    token,
                    "X-Altcha",
                    s.payload())
                .thenApply(
                    a -> {
                      if (!stopped) {
                        (v.bot ? botHoldAttempts : humanHoldAttempts).incrementAndGet();
                      }
                      if (a.status() == 201) {
                        acknowledged.put(a.field("orderId"), placesOf(a.body()));
                        if (!stopped) {
                          (v.bot ? botHoldsAccepted : humanHoldsAccepted).incrementAndGet();
                          int second = (int) ((a.doneNanos() - openingNanos) / 1_000_000_000L);
                          if (second >= 0 && second < acceptedPerSecond.length()) {
                            acceptedPerSecond.incrementAndGet(second);
                          }
                        }
                      }
                      return a;
                    }));
  }

  private static List<String> placesOf(String body) {
    Matcher m = PLACE_IDS.matcher(body);
    if (!m.find()) {
      return List.of();
    }
    List<String> places = new ArrayList<>();
    for (String s : m.group(1).split(",")) {
      String t = s.trim();
      if (t.length() > 2) {
        places.add(t.substring(1, t.length() - 1));
      }
    }
    return places;
  }

  /**
   * Pays on the sandbox bank as a buyer does: starts the payment, opens the bank's page, submits a
   * card; then {@code then} runs.
   */
  void pay(Visitor v, long due, String orderId, String card, Runnable then) {
    String who = v.bot ? "bot" : "human";
    call(
        v,
        "payment start",
        due,
        t ->
            http.send(
                "payment start",
                t,
                "POST",
                "/api/orders/" + orderId + "/payments",
                "{\"holderName\":\"Visitor "
                    + v.account
                    + "\",\"email\":\""
                    + v.account
                    + "@example.org\",\"locale\":\"fr\",\"returnPath\":\"/\"}",
                v.account,
                "SPECTATOR",
                v.ip,
                "Idempotency-Key",
                "pay-" + orderId),
        started -> {
          if (started.status() != 201) {
            outcome(who + " payment refused " + started.status() + " " + started.code());
            then.run();
            return;
          }
          String paymentId = started.field("paymentId");
          String page = started.field("paymentPageUrl");
          String path = page.startsWith("http") ? java.net.URI.create(page).getRawPath() : page;
          call(
              v,
              "bank page",
              started.doneNanos(),
              t -> http.send("bank page", t, "GET", path, null, null, null, v.ip),
              shown ->
                  call(
                      v,
                      "bank card",
                      shown.doneNanos(),
                      t ->
                          http.send(
                              "bank card",
                              t,
                              "POST",
                              path,
                              OnsaleHttp.form("card", card),
                              null,
                              null,
                              v.ip),
                      paid -> {
                        if (paid.status() == 200) {
                          payments.put(paymentId, new String[] {orderId, v.account});
                        } else {
                          outcome(who + " card refused " + paid.status() + " " + paid.code());
                        }
                        then.run();
                      }));
        });
  }

  // ---------------------------------------------------------------- visitors

  abstract class Visitor {
    final String account;
    final String ip;
    final boolean bot;
    String token;
    private boolean done;

    Visitor(String account, String ip, boolean bot) {
      this.account = account;
      this.ip = ip;
      this.bot = bot;
    }

    abstract void arrive(long due);

    synchronized void done() {
      if (!done) {
        done = true;
        finished.countDown();
      }
    }

    /** Joins the queue (solving the join challenge), then polls until admitted. */
    void join(long due, LongConsumer whenAdmitted) {
      on(
          this,
          solve("join", due),
          solved ->
              call(
                  this,
                  "queue join",
                  solved.readyNanos(),
                  t ->
                      http.send(
                          "queue join",
                          t,
                          "POST",
                          ev("/waiting-room/visitors"),
                          null,
                          account,
                          "SPECTATOR",
                          ip,
                          "X-Altcha",
                          solved.payload()),
                  a -> {
                    if (a.status() != 200) {
                      outcome(
                          (bot ? "bot" : "human") + " join refused " + a.status() + " " + a.code());
                      done();
                      return;
                    }
                    poll(a, whenAdmitted);
                  }));
    }

    /** The admission token expired: asks the room for a fresh one (within the admission window). */
    void askForFreshToken(long due, LongConsumer then) {
      call(
          this,
          "queue position",
          due,
          t ->
              http.send(
                  "queue position",
                  t,
                  "GET",
                  ev("/waiting-room/visitors/me"),
                  null,
                  account,
                  "SPECTATOR",
                  ip),
          me -> poll(me, then));
    }

    void poll(Answer view, LongConsumer whenAdmitted) {
      String t = view.field("admissionToken");
      if (t != null && !t.isEmpty()) {
        token = t;
        admitted.incrementAndGet();
        whenAdmitted.accept(view.doneNanos());
        return;
      }
      if ("ADMISSION_ENDED".equals(view.field("state"))
          || "NOT_QUEUED".equals(view.field("state"))) {
        outcome((bot ? "bot" : "human") + " lost their place " + view.field("state"));
        done();
        return;
      }
      if (closing) {
        outcome((bot ? "bot" : "human") + " still queued at the ceiling");
        if (!bot) {
          humansStoppedAtCeiling.incrementAndGet();
        }
        done();
        return;
      }
      // As a waiting-room page does: when the room says to ask again (pollAfterSeconds, from the
      // position and the admission rate). Without that hint (an older platform): every few
      // seconds near the front, less often far back (a tenth of the estimated wait, at most
      // pollMaxSeconds). Bots poll as humans do: polling faster gains nothing.
      double hinted = view.number("pollAfterSeconds", -1);
      double interval =
          hinted > 0
              ? hinted
              : Math.max(
                  settings.pollSeconds(),
                  Math.min(settings.pollMaxSeconds(), view.number("estimatedWaitSeconds", 0) / 10));
      later(
          this,
          interval * (0.8 + 0.4 * ThreadLocalRandom.current().nextDouble()),
          due ->
              call(
                  this,
                  "queue position",
                  due,
                  at ->
                      http.send(
                          "queue position",
                          at,
                          "GET",
                          ev("/waiting-room/visitors/me"),
                          null,
                          account,
                          "SPECTATOR",
                          ip),
                  a -> poll(a, whenAdmitted)));
    }
  }

  /** A buyer who follows the rules. */
  final class Human extends Visitor {
    private final String card;
    private int attempts;
    private double watchedForReturns;
    private int waitingListJoins;
    private String waitingOrder;
    private int offerChecks;

    Human(int n) {
      super("h-" + n, "10." + (1 + n / 62500) + "." + (n / 250 % 250) + "." + (1 + n % 250), false);
      this.card = OnsaleBench.luhnCard("49", n);
    }

    @Override
    void arrive(long due) {
      humansArrived.incrementAndGet();
      join(due, this::browseAndHold);
    }

    void browseAndHold(long due) {
      if (closing) {
        humansStoppedAtCeiling.incrementAndGet();
        outcome("human admitted, no hold before the ceiling");
        done();
        return;
      }
      seatMap(
          this,
          due,
          availability -> {
            String states = states(availability);
            if (states != null
                && states.indexOf('F') < 0
                && states.indexOf('H') >= 0
                && settings.waitingList()
                && waitingListJoins < 3) {
              // Every place is held or sold: the product's waiting list holds the places that
              // come back for the buyers on it, in turn, and e-mails them.
              joinWaitingList(availability.doneNanos());
              return;
            }
            if (states != null
                && states.indexOf('F') < 0
                && states.indexOf('H') >= 0
                && watchedForReturns < settings.returnsPatienceSeconds()) {
              // Every place is held or sold, but a hold that is not paid comes back: as buyers
              // do on a sold-out seat map that still shows held places, look again a little
              // later, for as long as their patience lasts.
              double look = 20 + ThreadLocalRandom.current().nextDouble() * 20;
              if (watchedForReturns == 0) {
                humansWatchingForReturns.incrementAndGet();
              }
              watchedForReturns += look;
              later(this, look, this::browseAndHold);
              return;
            }
            if (states != null && states.indexOf('F') < 0) {
              humansSoldOut.incrementAndGet();
              outcome("human found it sold out");
              done();
              return;
            }
            ThreadLocalRandom random = ThreadLocalRandom.current();
            int quantity = 1 + random.nextInt(4);
            String body;
            if (random.nextBoolean()) {
              List<String> places = pick(states, quantity);
              body = places.isEmpty() ? bestAvailable("C2", quantity) : selection(places);
            } else {
              body = bestAvailable(random.nextInt(3) == 0 ? "OR" : "C2", quantity);
            }
            attempts++;
            // The same Idempotency-Key when the request is sent again after a 429/503.
            String key = UUID.randomUUID().toString();
            call(
                this,
                "hold",
                availability.doneNanos(),
                t -> hold(this, t, body, token, key, null),
                this::held);
          });
    }

    private void held(Answer a) {
      if (a.status() == 201) {
        humansHeld.incrementAndGet();
        decide(a.field("orderId"), a.doneNanos());
      } else if (a.shed()) {
        humansGaveUp.incrementAndGet();
        outcome("human gave up: hold still " + a.status() + " after the retries");
        done();
      } else if (attempts >= settings.maxHoldAttempts()
          && a.status() == 409
          && settings.waitingList()
          && waitingListJoins < 3) {
        joinWaitingList(a.doneNanos());
      } else if (attempts >= settings.maxHoldAttempts()) {
        humansGaveUp.incrementAndGet();
        outcome("human gave up after " + attempts + " holds, last " + a.status() + " " + a.code());
        done();
      } else if (a.status() == 403 && a.code().startsWith("admission-expired")) {
        askForFreshToken(a.doneNanos(), this::browseAndHold);
      } else if (a.status() == 409 || a.status() == 422) {
        later(this, 1 + ThreadLocalRandom.current().nextDouble(), this::browseAndHold);
      } else {
        humansGaveUp.incrementAndGet();
        outcome("human stopped on " + a.status() + " " + a.code());
        done();
      }
    }

    /**
     * Joins the waiting list for 1–4 places (a third of the time in the Carré Or), then watches for
     * the offer as a buyer who reads the e-mail would; places free again (409 places-available)
     * send them back to the seat map.
     */
    void joinWaitingList(long due) {
      waitingListJoins++;
      ThreadLocalRandom random = ThreadLocalRandom.current();
      String body =
          "{\"category\":\""
              + (random.nextInt(3) == 0 ? "OR" : "C2")
              + "\",\"quantity\":"
              + (1 + random.nextInt(4))
              + ",\"locale\":\"fr\"}";
      String key = UUID.randomUUID().toString();
      call(
          this,
          "waiting-list join",
          due,
          // Joining is guarded as a hold is: a fresh proof of work for each request sent.
          t ->
              solve("hold", t)
                  .thenCompose(
                      solved ->
                          http.send(
                              "waiting-list join",
                              solved.readyNanos(),
                              "POST",
                              ev("/waiting-list"),
                              body,
                              account,
                              "SPECTATOR",
                              ip,
                              "Idempotency-Key",
                              key,
                              "X-Admission-Token",
                              token,
                              "X-Altcha",
                              solved.payload())),
          a -> {
            if (a.status() == 201) {
              waitingOrder = a.field("orderId");
              humansOnWaitingList.incrementAndGet();
              later(this, 20 + ThreadLocalRandom.current().nextDouble() * 20, this::checkOffer);
            } else if (a.status() == 409 && "places-available".equals(a.code())) {
              attempts = Math.max(0, settings.maxHoldAttempts() - 2);
              later(this, 1 + ThreadLocalRandom.current().nextDouble(), this::browseAndHold);
            } else if (a.status() == 403 && a.code().startsWith("admission-expired")) {
              askForFreshToken(a.doneNanos(), this::joinWaitingList);
            } else {
              humansGaveUp.incrementAndGet();
              outcome("human waiting-list join refused " + a.status() + " " + a.code());
              done();
            }
          });
    }

    /**
     * Every 20–40 s, looks for the order the waiting list holds places for (the link of the offer's
     * e-mail); pays for it when it is there; leaves when every place is sold.
     */
    void checkOffer(long due) {
      if (closing) {
        humansStoppedAtCeiling.incrementAndGet();
        outcome("human still on the waiting list at the ceiling");
        done();
        return;
      }
      offerChecks++;
      call(
          this,
          "waiting-list offer",
          due,
          t ->
              http.send(
                  "waiting-list offer",
                  t,
                  "GET",
                  "/api/orders/" + waitingOrder,
                  null,
                  account,
                  "SPECTATOR",
                  ip),
          a -> {
            if (a.status() == 200 && a.body().contains("AWAITING_PAYMENT")) {
              humansOffered.incrementAndGet();
              humansHeld.incrementAndGet();
              later(
                  this,
                  settings.thinkSecondsMin(),
                  at ->
                      pay(
                          this,
                          at,
                          waitingOrder,
                          card,
                          () -> {
                            humansPaidOffer.incrementAndGet();
                            done();
                          }));
            } else if (a.status() == 200) {
              outcome("human missed the waiting list's offer");
              done();
            } else if (offerChecks % 3 == 0) {
              seatMap(
                  this,
                  a.doneNanos(),
                  map -> {
                    String states = states(map);
                    if (states != null && states.indexOf('F') < 0 && states.indexOf('H') < 0) {
                      humansSoldOut.incrementAndGet();
                      outcome("human on the waiting list saw it sold out");
                      done();
                    } else {
                      later(
                          this,
                          20 + ThreadLocalRandom.current().nextDouble() * 20,
                          this::checkOffer);
                    }
                  });
            } else {
              later(this, 20 + ThreadLocalRandom.current().nextDouble() * 20, this::checkOffer);
            }
          });
    }

    void decide(String orderId, long heldAt) {
      ThreadLocalRandom random = ThreadLocalRandom.current();
      double d = random.nextDouble();
      double think =
          settings.thinkSecondsMin()
              + random.nextDouble() * (settings.thinkSecondsMax() - settings.thinkSecondsMin());
      if (d < settings.payShare()) {
        later(this, think, due -> pay(this, due, orderId, card, this::done));
      } else if (d < settings.payShare() + settings.releaseShare()) {
        later(
            this,
            think,
            due ->
                call(
                    this,
                    "release",
                    due,
                    t ->
                        http.send(
                            "release",
                            t,
                            "POST",
                            ev("/holds/" + orderId + "/release"),
                            null,
                            account,
                            "SPECTATOR",
                            ip),
                    r -> {
                      if (r.status() == 200) {
                        released.incrementAndGet();
                      }
                      done();
                    }));
      } else {
        abandoned.incrementAndGet();
        done();
      }
    }
  }

  /** The shared card of the bots' account ring. */
  static final String RING_CARD = "5555555555554444";

  /**
   * A bot. Kind 0 rushes the holds at the opening without queueing (no token, forged tokens); kind
   * 1 queues, holds, then replays its challenge solution, lends its token to other accounts and
   * hammers holds; kind 2 is one of a ring of accounts that queue, hold the maximum and all pay
   * with one card. Bots come from four addresses, pay at once, and ignore Retry-After: each keeps
   * its own pace (one shot every 200–250 ms after the previous answer).
   */
  final class Bot extends Visitor {
    private final int kind;
    private final int n;
    private int shots;
    private String lastStates;

    Bot(int n) {
      super("b-" + n, "10.66.0." + (1 + n % 4), true);
      this.n = n;
      this.kind = n % 3;
    }

    @Override
    void arrive(long due) {
      botsArrived.incrementAndGet();
      if (kind == 0) {
        seatMap(
            this,
            due,
            a -> {
              lastStates = states(a);
              rush(a.doneNanos());
            });
      } else {
        join(due, this::holdAsAdmitted);
      }
    }

    void rush(long due) {
      String[] tokens = {null, null, "eyJmYWtlIjoxfQ.c2lnbmF0dXJl", "x.y"};
      on(
          this,
          hold(
              this,
              due,
              selection(pick(lastStates, 4)),
              tokens[shots % 4],
              UUID.randomUUID().toString(),
              null),
          a -> {
            if (++shots < 12 && !closing) {
              later(this, 0.25, this::rush);
            } else {
              done();
            }
          });
    }

    void holdAsAdmitted(long due) {
      seatMap(
          this,
          due,
          map -> {
            lastStates = states(map);
            on(
                this,
                solve("hold", map.doneNanos()),
                solved -> {
                  String body = kind == 2 ? bestAvailable("OR", 4) : selection(pick(lastStates, 4));
                  on(
                      this,
                      hold(
                          this,
                          solved.readyNanos(),
                          body,
                          token,
                          UUID.randomUUID().toString(),
                          solved.payload()),
                      first -> {
                        Runnable next =
                            kind == 1
                                ? () -> misbehave(solved.payload(), first.doneNanos())
                                : this::done;
                        if (first.status() == 201) {
                          pay(this, first.doneNanos(), first.field("orderId"), RING_CARD, next);
                        } else {
                          next.run();
                        }
                      });
                });
          });
    }

    /** The same proof of work again, then the token lent to three other accounts, then a burst. */
    private void misbehave(String usedSolution, long due) {
      on(
          this,
          hold(
              this, due, bestAvailable("C2", 2), token, UUID.randomUUID().toString(), usedSolution),
          replayed -> lend(0, replayed.doneNanos()));
    }

    private void lend(int k, long due) {
      if (k == 3) {
        hammer(due);
        return;
      }
      Bot friend = new Bot(1_000_000 + n * 10 + k);
      on(
          this,
          hold(friend, due, bestAvailable("C2", 4), token, UUID.randomUUID().toString(), null),
          a -> lend(k + 1, a.doneNanos()));
    }

    void hammer(long due) {
      on(
          this,
          hold(this, due, bestAvailable("C2", 4), token, UUID.randomUUID().toString(), null),
          a -> {
            Runnable next =
                () -> {
                  if (++shots < 12 && !closing) {
                    later(this, 0.2, this::hammer);
                  } else {
                    done();
                  }
                };
            if (a.status() == 201) {
              pay(this, a.doneNanos(), a.field("orderId"), RING_CARD, next);
            } else {
              next.run();
            }
          });
    }
  }
}
