package fr.guichet.bench;

import fr.guichet.bench.OnsaleHttp.Answer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.stream.Collectors;
import org.altcha.altcha.Altcha;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The visitors of the onsale, humans and bots, each a small state machine whose steps run on a
 * scheduled pool (one blocking HTTP request per step, think times and polling as delays, so tens of
 * thousands of visitors need no thread each).
 */
final class OnsaleLoad {

  /** Settings of one run (see {@link OnsaleBench} for the options that set them). */
  record Settings(
      int capacity,
      double payShare,
      double releaseShare,
      double pollSeconds,
      double thinkSecondsMin,
      double thinkSecondsMax,
      boolean challenge,
      int maxHoldAttempts) {}

  final OnsaleHttp http;
  final String eventId;
  final Settings settings;
  final List<String> placeIds;
  final ScheduledExecutorService pool;
  final CountDownLatch finished;
  final long openingNanos;

  /** Orders the platform acknowledged (201): order id → places. */
  final Map<String, List<String>> acknowledged = new ConcurrentHashMap<>();

  /** Payments the bank page took a card for: payment id → {order id, account}. */
  final Map<String, String[]> payments = new ConcurrentHashMap<>();

  final AtomicInteger humansArrived = new AtomicInteger();
  final AtomicInteger botsArrived = new AtomicInteger();
  final AtomicInteger admitted = new AtomicInteger();
  final AtomicInteger humansHeld = new AtomicInteger();
  final AtomicInteger humansSoldOut = new AtomicInteger();
  final AtomicInteger humansGaveUp = new AtomicInteger();
  final AtomicInteger released = new AtomicInteger();
  final AtomicInteger abandoned = new AtomicInteger();
  final AtomicInteger botHoldAttempts = new AtomicInteger();
  final AtomicInteger botHoldsAccepted = new AtomicInteger();
  final AtomicInteger humanHoldAttempts = new AtomicInteger();
  final AtomicInteger humanHoldsAccepted = new AtomicInteger();
  final AtomicLong arrivalLagMaxMicros = new AtomicLong();
  final Map<String, AtomicInteger> outcomes = new ConcurrentHashMap<>();

  /** Accepted holds per second since the opening (index = second). */
  final AtomicLongArray acceptedPerSecond = new AtomicLongArray(3600);

  /** Last availability snapshot seen (states string), shared as a browser cache would not be. */
  private volatile String layoutEtag;

  OnsaleLoad(
      OnsaleHttp http,
      String eventId,
      Settings settings,
      List<String> placeIds,
      ScheduledExecutorService pool,
      int visitors,
      long openingNanos) {
    this.http = http;
    this.eventId = eventId;
    this.settings = settings;
    this.placeIds = placeIds;
    this.pool = pool;
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

  // ---------------------------------------------------------------- arrival

  /** Schedules a visitor's arrival at {@code atNanos} (System.nanoTime()). */
  void arrive(Visitor visitor, long atNanos) {
    long delay = Math.max(0, atNanos - System.nanoTime());
    pool.schedule(
        () -> {
          long lag = (System.nanoTime() - atNanos) / 1000;
          arrivalLagMaxMicros.accumulateAndGet(lag, Math::max);
          run(visitor, visitor::arrive);
        },
        delay,
        TimeUnit.NANOSECONDS);
  }

  private void run(Visitor visitor, Runnable step) {
    try {
      step.run();
    } catch (RuntimeException e) {
      if (stopped) {
        return;
      }
      outcome("crashed " + e.getClass().getSimpleName());
      visitor.done();
    }
  }

  volatile boolean stopped;

  void later(Visitor visitor, double seconds, Runnable step) {
    if (stopped) {
      return;
    }
    pool.schedule(() -> run(visitor, step), (long) (seconds * 1000), TimeUnit.MILLISECONDS);
  }

  // ---------------------------------------------------------------- shared steps

  String solve(String purpose) {
    if (!settings.challenge()) {
      return null;
    }
    Answer a =
        http.send("challenge", "GET", ev("/challenge?purpose=" + purpose), null, null, null, null);
    if (a.status() != 200) {
      return null;
    }
    try {
      JsonNode c = JsonMapper.shared().readTree(a.body());
      Altcha.Solution solution =
          Altcha.solveChallenge(
              c.path("challenge").asString(),
              c.path("salt").asString(),
              Altcha.Algorithm.SHA256,
              c.path("maxnumber").asLong(),
              0);
      if (solution == null) {
        return null;
      }
      Map<String, Object> payload = new LinkedHashMap<>();
      payload.put("algorithm", c.path("algorithm").asString());
      payload.put("challenge", c.path("challenge").asString());
      payload.put("number", solution.number);
      payload.put("salt", c.path("salt").asString());
      payload.put("signature", c.path("signature").asString());
      return Base64.getEncoder()
          .encodeToString(
              JsonMapper.shared().writeValueAsString(payload).getBytes(StandardCharsets.UTF_8));
    } catch (Exception e) {
      return null;
    }
  }

  /** Loads the seat map as a browser does: layout (revalidated by ETag) and availability. */
  String seatMap(Visitor v) {
    Answer layout =
        http.send(
            "seat-map layout",
            "GET",
            ev("/seat-map"),
            null,
            v.account,
            "SPECTATOR",
            v.ip,
            "If-None-Match",
            layoutEtag);
    if (layout.status() == 200 && layoutEtag == null) {
      layoutEtag = "\"layout-" + eventId + "-" + versionOf(layout.body()) + "\"";
    }
    Answer availability =
        http.send(
            "seat-map availability",
            "GET",
            ev("/availability"),
            null,
            v.account,
            "SPECTATOR",
            v.ip);
    return availability.status() == 200 ? availability.field("states") : null;
  }

  private static String versionOf(String layoutJson) {
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("\"version\"\\s*:\\s*(\\d+)").matcher(layoutJson);
    return m.find() ? m.group(1) : "0";
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

  Answer hold(Visitor v, String body, String token, String solution, boolean bot) {
    Answer a =
        http.send(
            bot ? "hold (bot)" : "hold",
            "POST",
            ev("/holds"),
            body,
            v.account,
            "SPECTATOR",
            v.ip,
            "Idempotency-Key",
            UUID.randomUUID().toString(),
            "X-Admission-Token",
            token,
            "X-Altcha",
            solution);
    (bot ? botHoldAttempts : humanHoldAttempts).incrementAndGet();
    if (a.status() == 201) {
      String orderId = a.field("orderId");
      List<String> places = placesOf(a.body());
      acknowledged.put(orderId, places);
      (bot ? botHoldsAccepted : humanHoldsAccepted).incrementAndGet();
      int second = (int) ((System.nanoTime() - openingNanos) / 1_000_000_000L);
      if (second >= 0 && second < acceptedPerSecond.length()) {
        acceptedPerSecond.incrementAndGet(second);
      }
    }
    return a;
  }

  private static List<String> placesOf(String body) {
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("\"placeIds\"\\s*:\\s*\\[([^\\]]*)\\]").matcher(body);
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

  /** Pays on the sandbox bank as a buyer does: start the payment, open the page, submit a card. */
  void pay(Visitor v, String orderId, String card) {
    Answer started =
        http.send(
            "payment start",
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
            "pay-" + orderId);
    if (started.status() != 201) {
      outcome(
          (v.bot ? "bot" : "human")
              + " payment refused "
              + started.status()
              + " "
              + started.code());
      return;
    }
    String paymentId = started.field("paymentId");
    String page = started.field("paymentPageUrl");
    String path = page.startsWith("http") ? java.net.URI.create(page).getRawPath() : page;
    http.send("bank page", "GET", path, null, null, null, v.ip);
    Answer paid =
        http.send("bank card", "POST", path, OnsaleHttp.form("card", card), null, null, v.ip);
    if (paid.status() == 200) {
      payments.put(paymentId, new String[] {orderId, v.account});
    }
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

    abstract void arrive();

    synchronized void done() {
      if (!done) {
        done = true;
        finished.countDown();
      }
    }

    /** Joins the queue (solving the join challenge), then polls until admitted. */
    void join(Runnable whenAdmitted) {
      Answer a =
          http.send(
              "queue join",
              "POST",
              ev("/waiting-room/visitors"),
              null,
              account,
              "SPECTATOR",
              ip,
              "X-Altcha",
              solve("join"));
      if (a.status() != 200) {
        outcome((bot ? "bot" : "human") + " join refused " + a.status() + " " + a.code());
        done();
        return;
      }
      poll(a, whenAdmitted);
    }

    void poll(Answer view, Runnable whenAdmitted) {
      String t = view.field("admissionToken");
      if (t != null && !t.isEmpty()) {
        token = t;
        admitted.incrementAndGet();
        whenAdmitted.run();
        return;
      }
      if ("ADMISSION_ENDED".equals(view.field("state"))
          || "NOT_QUEUED".equals(view.field("state"))) {
        outcome((bot ? "bot" : "human") + " lost their place " + view.field("state"));
        done();
        return;
      }
      later(
          this,
          settings.pollSeconds() * (0.8 + 0.4 * ThreadLocalRandom.current().nextDouble()),
          () ->
              poll(
                  http.send(
                      "queue position",
                      "GET",
                      ev("/waiting-room/visitors/me"),
                      null,
                      account,
                      "SPECTATOR",
                      ip),
                  whenAdmitted));
    }
  }

  /** A buyer who follows the rules. */
  final class Human extends Visitor {
    private final String card;
    private int attempts;

    Human(int n) {
      super("h-" + n, "10." + (1 + n / 62500) + "." + (n / 250 % 250) + "." + (1 + n % 250), false);
      this.card = OnsaleBench.luhnCard("49", n);
    }

    @Override
    void arrive() {
      humansArrived.incrementAndGet();
      join(this::browseAndHold);
    }

    void browseAndHold() {
      String states = seatMap(this);
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
      Answer a = hold(this, body, token, solve("hold"), false);
      if (a.status() == 201) {
        humansHeld.incrementAndGet();
        decide(a.field("orderId"));
      } else if (attempts >= settings.maxHoldAttempts()) {
        humansGaveUp.incrementAndGet();
        outcome("human gave up after " + attempts + " holds, last " + a.status() + " " + a.code());
        done();
      } else if (a.status() == 429 || a.status() == 503) {
        double wait = a.retryAfter() == null ? 2 : Double.parseDouble(a.retryAfter());
        later(this, Math.min(wait, 30), this::browseAndHold);
      } else if (a.status() == 403 && a.code().startsWith("admission-expired")) {
        Answer me =
            http.send(
                "queue position",
                "GET",
                ev("/waiting-room/visitors/me"),
                null,
                account,
                "SPECTATOR",
                ip);
        poll(me, this::browseAndHold);
      } else if (a.status() == 409 || a.status() == 422) {
        later(this, 1 + random.nextDouble(), this::browseAndHold);
      } else {
        humansGaveUp.incrementAndGet();
        outcome("human stopped on " + a.status() + " " + a.code());
        done();
      }
    }

    void decide(String orderId) {
      double d = ThreadLocalRandom.current().nextDouble();
      double think =
          settings.thinkSecondsMin()
              + ThreadLocalRandom.current().nextDouble()
                  * (settings.thinkSecondsMax() - settings.thinkSecondsMin());
      if (d < settings.payShare()) {
        later(
            this,
            think,
            () -> {
              pay(this, orderId, card);
              done();
            });
      } else if (d < settings.payShare() + settings.releaseShare()) {
        later(
            this,
            think,
            () -> {
              Answer r =
                  http.send(
                      "release",
                      "POST",
                      ev("/holds/" + orderId + "/release"),
                      null,
                      account,
                      "SPECTATOR",
                      ip);
              if (r.status() == 200) {
                released.incrementAndGet();
              }
              done();
            });
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
   * with one card. Bots come from four addresses and pay at once.
   */
  final class Bot extends Visitor {
    private final int kind;
    private final int n;
    private int shots;

    Bot(int n) {
      super("b-" + n, "10.66.0." + (1 + n % 4), true);
      this.n = n;
      this.kind = n % 3;
    }

    @Override
    void arrive() {
      botsArrived.incrementAndGet();
      if (kind == 0) {
        rush();
      } else {
        join(this::holdAsAdmitted);
      }
    }

    void rush() {
      String[] tokens = {null, null, "eyJmYWtlIjoxfQ.c2lnbmF0dXJl", "x.y"};
      hold(this, selection(pick(seatMapFree(), 4)), tokens[shots % 4], solve("hold"), true);
      if (++shots < 12) {
        later(this, 0.25, this::rush);
      } else {
        done();
      }
    }

    private String seatMapFree() {
      return shots == 0 ? seatMap(this) : lastStates;
    }

    private String lastStates;

    void holdAsAdmitted() {
      lastStates = seatMap(this);
      String solution = solve("hold");
      Answer first =
          hold(
              this,
              kind == 2 ? bestAvailable("OR", 4) : selection(pick(lastStates, 4)),
              token,
              solution,
              true);
      if (first.status() == 201) {
        pay(this, first.field("orderId"), RING_CARD);
      }
      if (kind == 1) {
        // The same proof of work again, then the token lent to other accounts, then a burst.
        hold(this, bestAvailable("C2", 2), token, solution, true);
        for (int k = 0; k < 3; k++) {
          Bot friend = new Bot(1_000_000 + n * 10 + k);
          hold(friend, bestAvailable("C2", 4), token, solve("hold"), true);
        }
        hammer();
      } else {
        done();
      }
    }

    void hammer() {
      Answer a = hold(this, bestAvailable("C2", 4), token, solve("hold"), true);
      if (a.status() == 201) {
        pay(this, a.field("orderId"), RING_CARD);
      }
      if (++shots < 12) {
        later(this, 0.2, this::hammer);
      } else {
        done();
      }
    }
  }
}
