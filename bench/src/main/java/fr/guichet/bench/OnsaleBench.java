package fr.guichet.bench;

import fr.guichet.api.event.PlaceDefinition;
import fr.guichet.api.event.PriceCategory;
import fr.guichet.api.event.PriceTier;
import fr.guichet.api.event.SeatBlock;
import fr.guichet.api.event.SeatingPlan;
import fr.guichet.api.event.Section;
import fr.guichet.bench.OnsaleHttp.Answer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The onsale benchmark (issue 8, point 4): starts the platform in a JVM of its own, puts one event
 * on sale behind the waiting room, and drives it over HTTP from this JVM with a pre-queue of
 * visitors before the opening, then a spike of 100 × the normal arrival rate; humans pass the proof
 * of work and the queue, load the seat map, hold 1–4 places (chosen seats or best available), pay
 * on the sandbox bank's page or abandon; bots break the rules. Afterwards the platform replays the
 * event's history from its event store and the bare-SQL reference runs, and the report states the
 * results as ratios. Options: see bench/ONSALE.md.
 */
final class OnsaleBench {

  static final int SECTION_SEATS = 2500;

  /** The longest the monitor waits for one answer before it skips its round. */
  private static final Duration MONITOR_TIMEOUT = Duration.ofSeconds(10);

  private static final Pattern COUNT =
      Pattern.compile("\"(FREE|HELD|SOLD|BLOCKED)\"\\s*:\\s*(\\d+)");
  private static final Pattern EFFECTIVE_RATE =
      Pattern.compile("\"effectiveAdmitPerMinute\"\\s*:\\s*([\\d.]+)");
  private static final Pattern NUMBER =
      Pattern.compile("\"(waiting|admitted|dropped)\"\\s*:\\s*(\\d+)");

  static final java.util.concurrent.atomic.AtomicInteger platformErrors =
      new java.util.concurrent.atomic.AtomicInteger();

  private OnsaleBench() {}

  /** The front rows (1–10 of each 50-row section, category OR) are the contested ones. */
  static boolean isFront(int index) {
    return index % SECTION_SEATS < 500;
  }

  /** A 16-digit card number passing the Luhn check, distinct per {@code n}. */
  static String luhnCard(String prefix, int n) {
    String body = prefix + String.format("%0" + (15 - prefix.length()) + "d", n);
    int sum = 0;
    for (int i = 0; i < body.length(); i++) {
      int d = body.charAt(body.length() - 1 - i) - '0';
      if (i % 2 == 0) {
        d *= 2;
        if (d > 9) {
          d -= 9;
        }
      }
      sum += d;
    }
    return body + ((10 - sum % 10) % 10);
  }

  /**
   * The full-size onsale (issue 8): 50,000 places, a pre-queue, then 100 × the normal arrival rate,
   * bounded to {@code run-minutes} in all (start-up, load, settling, check and the PostgreSQL
   * reference included). These are also the defaults.
   */
  static final Map<String, String> FULL =
      Map.ofEntries(
          Map.entry("places", "50000"),
          Map.entry("visitors", "40000"),
          Map.entry("prequeue-seconds", "60"),
          Map.entry("base-rate", "2"),
          Map.entry("spike", "100"),
          Map.entry("admit-per-minute", "3000"),
          Map.entry("hold", "PT5M"),
          Map.entry("think", "5-10"),
          Map.entry("max-seconds", "900"),
          Map.entry("drain-seconds", "60"),
          Map.entry("settle-seconds", "90"),
          Map.entry("run-minutes", "20"),
          Map.entry("heap", "3g"),
          Map.entry("pg-seconds", "15"));

  /** A short run to check that everything works: 5,000 places, 3,000 visitors, a 20 s spike. */
  static final Map<String, String> SMALL =
      Map.ofEntries(
          Map.entry("places", "5000"),
          Map.entry("visitors", "3000"),
          Map.entry("prequeue-seconds", "30"),
          Map.entry("base-rate", "1"),
          Map.entry("spike", "100"),
          Map.entry("admit-per-minute", "1200"),
          Map.entry("hold", "PT5M"),
          Map.entry("think", "5-8"),
          Map.entry("max-seconds", "300"),
          Map.entry("drain-seconds", "45"),
          Map.entry("settle-seconds", "90"),
          Map.entry("run-minutes", "13"),
          Map.entry("heap", "1500m"),
          Map.entry("pg-seconds", "10"));

  static void main(String[] args) throws Exception {
    long runStart = System.nanoTime();
    Map<String, String> o = new LinkedHashMap<>();
    o.put("preset", "full");
    o.put("places", "50000");
    o.put("visitors", "40000");
    o.put("bots", "0.1");
    o.put("prequeue", "0.3");
    o.put("prequeue-seconds", "60");
    o.put("base-rate", "2");
    o.put("spike", "100");
    o.put("admit-per-minute", "3000");
    o.put("hold", "PT5M");
    o.put("per-customer", "4");
    o.put("difficulty", "5000");
    o.put("challenge", "on");
    o.put("pay", "0.7");
    o.put("release", "0.1");
    o.put("think", "5-10");
    o.put("poll", "3");
    o.put("poll-max", "30");
    o.put("max-seconds", "900");
    o.put("drain-seconds", "60");
    o.put("min-load-seconds", "120");
    o.put("settle-seconds", "90");
    o.put("run-minutes", "20");
    o.put("max-retries", "5");
    o.put("retry-after-cap", "30");
    o.put("returns-patience", "420");
    o.put("waiting-list", "true");
    o.put("offer", "PT10M");
    o.put("max-in-flight", "256");
    o.put("request-timeout", "120");
    o.put("http-threads", "4");
    o.put("solver-threads", "2");
    o.put("timer-threads", "2");
    o.put("heap", "3g");
    o.put("pg", "on");
    o.put("pg-seconds", "15");
    o.put("pg-clients", "8");
    List<String> platformArgs = new ArrayList<>();
    Map<String, String> given = new LinkedHashMap<>();
    for (String arg : args) {
      String[] kv = arg.replaceFirst("^--", "").split("=", 2);
      if (o.containsKey(kv[0])) {
        given.put(kv[0], kv.length > 1 ? kv[1] : "true");
      } else {
        platformArgs.add(arg);
      }
    }
    String preset = given.getOrDefault("preset", "full");
    switch (preset) {
      case "full" -> o.putAll(FULL);
      case "small" -> o.putAll(SMALL);
      default -> throw new IllegalArgumentException("--preset=" + preset + ": full or small");
    }
    o.putAll(given);
    o.put("preset", preset);
    ProofOfWork.selfCheck();
    int sections = (Integer.parseInt(o.get("places")) + SECTION_SEATS - 1) / SECTION_SEATS;
    int visitors = Integer.parseInt(o.get("visitors"));
    int bots = (int) Math.round(visitors * Double.parseDouble(o.get("bots")));
    int humans = visitors - bots;
    int prequeued = (int) Math.round(humans * Double.parseDouble(o.get("prequeue")));
    double prequeueSeconds = Double.parseDouble(o.get("prequeue-seconds"));
    double baseRate = Double.parseDouble(o.get("base-rate"));
    double spikeRate = baseRate * Double.parseDouble(o.get("spike"));
    String[] think = o.get("think").split("-");

    System.out.println("== Guichet onsale benchmark");
    System.out.println("machine: " + Machine.describe());
    System.out.println("load before start: " + Machine.loadAverage());
    System.out.printf("busy CPU before start (2 s sample): %.2f cores%n", Machine.busyCores(2000));
    System.out.println("options: " + o + ", platform args: " + platformArgs);
    System.out.printf(
        "load generator: common pool parallelism %d (CompletableFuture's default executor)%n",
        java.util.concurrent.ForkJoinPool.getCommonPoolParallelism());

    SeatingPlan plan = plan(sections);
    List<String> placeIds = plan.places().stream().map(PlaceDefinition::id).toList();
    System.out.printf(
        "event: %d places (%d sections of %d; rows 1-10 'OR', 11-50 'C2'); %d humans (%d in the"
            + " pre-queue), %d bots%n",
        placeIds.size(), sections, SECTION_SEATS, humans, prequeued, bots);

    // ------------------------------------------------------------ the platform, in its own JVM
    byte[] secret = new byte[32];
    new SecureRandom().nextBytes(secret);
    Path dataDir = Files.createTempDirectory("guichet-onsale-");
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx" + o.get("heap"));
    command.add("-XX:+UseG1GC");
    command.add("-Daxoniq.update-checker.disabled=true");
    command.add("-jar");
    command.add(System.getProperty("java.class.path").split(java.io.File.pathSeparator)[0]);
    command.add("onsale-platform");
    command.add("--guichet.data-dir=" + dataDir);
    command.add("--guichet.security.jwt-secret=" + Base64.getEncoder().encodeToString(secret));
    command.add("--guichet.rate-limit.trust-forwarded-for=true");
    command.addAll(platformArgs);
    Path logFile = Path.of("bench", "target", "onsale-platform.log");
    Files.createDirectories(logFile.getParent());
    java.io.PrintStream platformLog = new java.io.PrintStream(Files.newOutputStream(logFile), true);
    System.out.println("platform log: " + logFile.toAbsolutePath());
    long t0 = System.nanoTime();
    Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
    CompletableFuture<Integer> port = new CompletableFuture<>();
    LinkedBlockingQueue<String> checkLines = new LinkedBlockingQueue<>();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader in =
                  new BufferedReader(
                      new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                  if (line.startsWith("PLATFORM-PORT ")) {
                    port.complete(Integer.parseInt(line.substring(14).trim()));
                  } else if (line.startsWith("CHECK")) {
                    checkLines.add(line);
                  } else {
                    platformLog.println(line);
                    // Only the first line of each WARN/ERROR record; the full log is in the file.
                    if (line.startsWith("20")
                        && (line.contains(" ERROR ") || line.contains(" WARN "))) {
                      if (line.contains(" ERROR ")) {
                        platformErrors.incrementAndGet();
                      }
                      if (!line.contains("no longer free") && !line.contains("mongo")) {
                        System.out.println(
                            "  platform| " + line.substring(0, Math.min(line.length(), 260)));
                      }
                    }
                  }
                }
              } catch (Exception e) {
                port.completeExceptionally(e);
              }
              port.completeExceptionally(new IllegalStateException("platform exited"));
            },
            "platform-output");
    reader.setDaemon(true);
    reader.start();
    Writer toChild = new OutputStreamWriter(child.getOutputStream(), StandardCharsets.UTF_8);
    int exit = 1;
    try {
      int p = port.get(5, TimeUnit.MINUTES);
      System.out.printf(
          "platform started in its own JVM (pid %d) in %.1f s, port %d, data dir %s%n",
          child.pid(), (System.nanoTime() - t0) / 1e9, p, dataDir);
      exit =
          run(
              o,
              humans,
              bots,
              prequeued,
              prequeueSeconds,
              spikeRate,
              baseRate,
              think,
              plan,
              placeIds,
              new OnsaleHttp(
                  "http://127.0.0.1:" + p,
                  secret,
                  Integer.parseInt(o.get("max-in-flight")),
                  Duration.ofSeconds(Long.parseLong(o.get("request-timeout"))),
                  Integer.parseInt(o.get("http-threads"))),
              runStart,
              child,
              toChild,
              checkLines);
    } finally {
      try {
        toChild.write("quit\n");
        toChild.flush();
      } catch (Exception e) {
        // already gone
      }
      if (!child.waitFor(60, TimeUnit.SECONDS)) {
        child.destroy();
      }
      deleteRecursively(dataDir);
    }

    Map<String, PgBaseline.Line> pg = Map.of();
    if (!"off".equals(o.get("pg"))) {
      System.out.println("== Bare-SQL reference (" + PgBaseline.SCRIPT + ")");
      System.out.println("load before pg baseline: " + Machine.loadAverage());
      CpuSample before = CpuSample.now();
      pg =
          PgBaseline.run(
              PgBaseline.SCRIPT,
              Integer.parseInt(o.get("pg-seconds")),
              Integer.parseInt(o.get("pg-clients")));
      System.out.printf(
          "busy CPU during pg baseline: %.2f cores (pgbench + postgres included)%n",
          CpuSample.now().busyCoresSince(before));
      pg.values()
          .forEach(
              l ->
                  System.out.printf(
                      "| pg %s | clients %d | accepted holds/s %.0f | attempts/s %.0f | avg %.2f ms"
                          + " |%n",
                      l.name(),
                      l.clients(),
                      l.acceptedHoldsPerSecond(),
                      l.attemptsPerSecond(),
                      l.avgLatencyMs()));
    }
    Results r = Results.last;
    if (r != null) {
      System.out.println("== Ratios to the bare-SQL reference (same run)");
      for (String b : List.of("B_rand", "B_sellout", "B_hot", "B_append")) {
        PgBaseline.Line l = pg.get(b);
        if (l != null && l.acceptedHoldsPerSecond() > 0) {
          System.out.printf(
              "  holds accepted/s (sustained %.1f, peak %d) ÷ %s accepted holds/s %.0f = %.3f"
                  + " (peak %.3f); hold p50 %.1f ms (from the intended send; service time %.1f"
                  + " ms) ÷ pg avg %.2f ms = %.0f× (%.0f×)%n",
              r.sustained,
              r.peak,
              b,
              l.acceptedHoldsPerSecond(),
              r.sustained / l.acceptedHoldsPerSecond(),
              r.peak / l.acceptedHoldsPerSecond(),
              r.holdP50Ms,
              r.holdServiceP50Ms,
              l.avgLatencyMs(),
              r.holdP50Ms / l.avgLatencyMs(),
              r.holdServiceP50Ms / l.avgLatencyMs());
        }
      }
    }
    System.out.printf(
        "whole run: %.1f min (run-minutes %s)%n",
        (System.nanoTime() - runStart) / 60e9, o.get("run-minutes"));
    System.out.println("exit code: " + exit);
    System.exit(exit);
  }

  /** The figures the ratios need, from the last run. */
  record Results(double sustained, long peak, double holdP50Ms, double holdServiceP50Ms) {
    static Results last;
  }

  static SeatingPlan plan(int sections) {
    List<Section> list = new ArrayList<>();
    for (int s = 1; s <= sections; s++) {
      list.add(
          new Section(
              String.format("S%02d", s),
              "Section " + s,
              List.of(
                  new SeatBlock("1-10", 1, 50, "OR", Set.of()),
                  new SeatBlock("11-50", 1, 50, "C2", Set.of()))));
    }
    return new SeatingPlan(
        List.of(
            new PriceCategory(
                "OR", "Carré Or", List.of(new PriceTier("FULL", "Plein tarif", 9000))),
            new PriceCategory(
                "C2", "Catégorie 2", List.of(new PriceTier("FULL", "Plein tarif", 5000)))),
        list,
        List.of());
  }

  static String planJson(int sections) {
    StringBuilder b = new StringBuilder();
    b.append("{\"categories\":[")
        .append(
            "{\"code\":\"OR\",\"name\":\"Carré Or\",\"tiers\":[{\"code\":\"FULL\",\"name\":\"Plein"
                + " tarif\",\"priceCents\":9000}]},")
        .append(
            "{\"code\":\"C2\",\"name\":\"Catégorie 2\",\"tiers\":[{\"code\":\"FULL\",\"name\":\"Plein"
                + " tarif\",\"priceCents\":5000}]}],\"sections\":[");
    for (int s = 1; s <= sections; s++) {
      if (s > 1) {
        b.append(',');
      }
      b.append(String.format("{\"code\":\"S%02d\",\"name\":\"Section %d\",\"blocks\":[", s, s))
          .append("{\"rows\":\"1-10\",\"firstSeat\":1,\"lastSeat\":50,\"category\":\"OR\"},")
          .append("{\"rows\":\"11-50\",\"firstSeat\":1,\"lastSeat\":50,\"category\":\"C2\"}]}");
    }
    return b.append("],\"zones\":[]}").toString();
  }

  private static Answer expect(Answer a, int status, String what) {
    if (a.status() != status) {
      throw new IllegalStateException(what + " answered " + a.status() + " " + a.body());
    }
    return a;
  }

  private static int run(
      Map<String, String> o,
      int humans,
      int bots,
      int prequeued,
      double prequeueSeconds,
      double spikeRate,
      double baseRate,
      String[] think,
      SeatingPlan plan,
      List<String> placeIds,
      OnsaleHttp http,
      long runStart,
      Process child,
      Writer toChild,
      LinkedBlockingQueue<String> checkLines)
      throws Exception {
    // ------------------------------------------------------------ the manager sets the onsale up
    String m = "manager-bench";
    String eventId =
        expect(
                http.call(
                    "setup",
                    "POST",
                    "/api/events",
                    "{\"title\":\"Onsale bench\",\"venue\":\"Arena\",\"startsAt\":\""
                        + Instant.now().plus(Duration.ofDays(60))
                        + "\",\"description\":\"onsale benchmark\"}",
                    m,
                    "MANAGER",
                    null,
                    "Idempotency-Key",
                    UUID.randomUUID().toString()),
                201,
                "create event")
            .field("eventId");
    String ev = "/api/events/" + eventId;
    int sections = plan.sections().size();
    expect(
        http.call("setup", "PUT", ev + "/seating-plan", planJson(sections), m, "MANAGER", null),
        204,
        "plan");
    expect(
        http.call(
            "setup",
            "PUT",
            ev + "/sales-limits",
            "{\"maxPlacesPerOrder\":4,\"maxPlacesPerCustomer\":"
                + o.get("per-customer")
                + ",\"holdDuration\":\""
                + o.get("hold")
                + "\",\"waitingListOfferDuration\":\""
                + o.get("offer")
                + "\"}",
            m,
            "MANAGER",
            null),
        204,
        "limits");
    expect(
        http.call("setup", "POST", ev + "/approval", null, "director-bench", "DIRECTOR", null),
        204,
        "approval");
    expect(http.call("setup", "POST", ev + "/opening", null, m, "MANAGER", null), 204, "opening");
    // Wait for the query side to know the event (seat map), as visitors would find it.
    for (int i = 0; i < 300; i++) {
      if (http.call("setup", "GET", ev + "/availability", null, null, null, null).status() == 200) {
        break;
      }
      Thread.sleep(200);
    }
    boolean challenge = !"off".equals(o.get("challenge"));
    Instant opensAt = Instant.now().plusMillis((long) (prequeueSeconds * 1000) + 3000);
    long openingNanos = System.nanoTime() + Duration.between(Instant.now(), opensAt).toNanos();
    expect(
        http.call(
            "setup",
            "PUT",
            ev + "/waiting-room",
            "{\"enabled\":true,\"admitPerMinute\":"
                + o.get("admit-per-minute")
                + ",\"opensAt\":\""
                + opensAt
                + "\",\"graceSeconds\":120,\"challengeRequired\":"
                + challenge
                + ",\"challengeDifficulty\":"
                + o.get("difficulty")
                + "}",
            m,
            "MANAGER",
            null),
        200,
        "waiting room");
    System.out.printf(
        "event %s set up; room opens at %s (admits %s/min)%n",
        eventId, opensAt, o.get("admit-per-minute"));

    // ------------------------------------------------------------ arrivals
    ScheduledThreadPoolExecutor timers =
        new ScheduledThreadPoolExecutor(
            Integer.parseInt(o.get("timer-threads")), daemonThreads("onsale-timer"));
    ExecutorService solvers =
        Executors.newFixedThreadPool(
            Integer.parseInt(o.get("solver-threads")), daemonThreads("onsale-pow"));
    int capacity = placeIds.size();
    OnsaleLoad load =
        new OnsaleLoad(
            http,
            eventId,
            new OnsaleLoad.Settings(
                capacity,
                Double.parseDouble(o.get("pay")),
                Double.parseDouble(o.get("release")),
                Double.parseDouble(o.get("poll")),
                Double.parseDouble(o.get("poll-max")),
                Double.parseDouble(think[0]),
                Double.parseDouble(think[think.length - 1]),
                challenge,
                6,
                Integer.parseInt(o.get("max-retries")),
                Double.parseDouble(o.get("retry-after-cap")),
                Double.parseDouble(o.get("returns-patience")),
                Boolean.parseBoolean(o.get("waiting-list"))),
            placeIds,
            timers,
            solvers,
            humans + bots,
            openingNanos);
    long now = System.nanoTime();
    long windowNanos = Math.max(0, openingNanos - now - 1_000_000_000L);
    ThreadLocalRandom random = ThreadLocalRandom.current();
    long spikeAt = openingNanos;
    long lastArrival = openingNanos;
    for (int n = 0; n < humans; n++) {
      long at;
      if (n < prequeued) {
        at = now + (long) (random.nextDouble() * windowNanos);
      } else {
        spikeAt += (long) (-Math.log(1 - random.nextDouble()) / spikeRate * 1e9);
        at = spikeAt;
        lastArrival = at;
      }
      load.arrive(load.new Human(n), at);
    }
    for (int n = 0; n < bots; n++) {
      long at =
          n % 3 == 0
              ? openingNanos + (long) (random.nextDouble() * 5e9)
              : now + (long) (random.nextDouble() * (lastArrival - now));
      load.arrive(load.new Bot(n), at);
    }
    System.out.printf(
        "arrivals planned: pre-queue %d over %.0f s (%.1f/s), then the spike: %.0f/s = %s × the"
            + " normal %.1f/s for %.0f s; %d bots spread over the whole window%n",
        prequeued,
        windowNanos / 1e9,
        prequeued / Math.max(1, windowNanos / 1e9),
        spikeRate,
        o.get("spike"),
        baseRate,
        (lastArrival - openingNanos) / 1e9,
        bots);

    // ------------------------------------------------------------ the ceiling
    long start = System.nanoTime();
    double drainSeconds = Double.parseDouble(o.get("drain-seconds"));
    double settleSeconds = Double.parseDouble(o.get("settle-seconds"));
    double budgetSeconds = Double.parseDouble(o.get("run-minutes")) * 60;
    double pgReserve =
        "off".equals(o.get("pg")) ? 0 : 4 * Double.parseDouble(o.get("pg-seconds")) + 45;
    double checkReserve = 30 + capacity / 1000.0;
    double reserve = drainSeconds + settleSeconds + checkReserve + pgReserve + 30;
    long ceiling = start + (long) (Double.parseDouble(o.get("max-seconds")) * 1e9);
    String ceilingReason = "max-seconds " + o.get("max-seconds");
    if (budgetSeconds > 0) {
      long byBudget = runStart + (long) ((budgetSeconds - reserve) * 1e9);
      if (byBudget < ceiling) {
        ceiling = byBudget;
        ceilingReason =
            String.format(
                "run-minutes %s, less %.0f s kept for draining, settling, the check and the"
                    + " PostgreSQL reference",
                o.get("run-minutes"), reserve);
      }
    }
    long minimum = openingNanos + (long) (Double.parseDouble(o.get("min-load-seconds")) * 1e9);
    if (ceiling < minimum) {
      System.out.printf(
          "WARNING: the budget leaves %.0f s after the opening (slow start-up?); the load runs"
              + " min-load-seconds %s after the opening anyway, and the run will overrun"
              + " run-minutes by about %.0f s%n",
          (ceiling - openingNanos) / 1e9, o.get("min-load-seconds"), (minimum - ceiling) / 1e9);
      ceiling = minimum;
      ceilingReason = "min-load-seconds " + o.get("min-load-seconds");
    }
    System.out.printf(
        "ceiling: arrivals and new holds stop %.0f s after the opening at the latest (%s)%n",
        (ceiling - openingNanos) / 1e9, ceilingReason);

    // The ceiling on the timer, not the monitor: a slow platform makes the monitor's rounds long.
    timers.schedule(
        () -> {
          load.closing = true;
        },
        Math.max(0, ceiling - System.nanoTime()),
        TimeUnit.NANOSECONDS);

    // ------------------------------------------------------------ monitor until done
    CpuSample cpu0 = CpuSample.now();
    long child0 = childTicks(child.pid());
    double soldOutAt = -1;
    double noneFreeAt = -1;
    Map<String, Integer> counts = new TreeMap<>();
    int lastPrinted = -1;
    int skippedRounds = 0;
    CpuSample cpuRound = cpu0;
    long childRound = child0;
    boolean ceilingReached = false;
    while (true) {
      if (load.closing || System.nanoTime() >= ceiling) {
        ceilingReached = true;
        break;
      }
      if (load.finished.await(1, TimeUnit.SECONDS) && soldOutAt >= 0) {
        break;
      }
      // At most MONITOR_TIMEOUT each, on the control client: a slow answer skips the round (the
      // last counts stay), it never stalls the run, the ceiling or the report.
      Answer a =
          http.probe(
              "monitor", MONITOR_TIMEOUT, "GET", ev + "/availability", null, null, null, null);
      Answer room =
          a.status() < 0
              ? a
              : http.probe(
                  "monitor", MONITOR_TIMEOUT, "GET", ev + "/waiting-room", null, null, null, null);
      if (a.status() != 200 || room.status() != 200) {
        skippedRounds++;
        System.out.printf(
            "t=%+.0fs monitor round skipped (availability %d, room %d: %s)%n",
            (System.nanoTime() - openingNanos) / 1e9, a.status(), room.status(), room.body());
        continue;
      }
      Matcher c = COUNT.matcher(a.body() == null ? "" : a.body());
      while (c.find()) {
        counts.put(c.group(1), Integer.parseInt(c.group(2)));
      }
      Map<String, Long> r = new TreeMap<>();
      Matcher rm = NUMBER.matcher(room.body() == null ? "" : room.body());
      while (rm.find()) {
        r.put(rm.group(1), Long.parseLong(rm.group(2)));
      }
      String rate = room.field("admissionAdjustedFor");
      Matcher er = EFFECTIVE_RATE.matcher(room.body() == null ? "" : room.body());
      double sinceOpening = (System.nanoTime() - openingNanos) / 1e9;
      int sold = counts.getOrDefault("SOLD", 0) + counts.getOrDefault("BLOCKED", 0);
      if (soldOutAt < 0 && sold >= capacity) {
        soldOutAt = sinceOpening;
      }
      if (noneFreeAt < 0 && counts.getOrDefault("FREE", 1) == 0) {
        noneFreeAt = sinceOpening;
      }
      int second = (int) ((System.nanoTime() - start) / 1e9);
      if (second / 10 != lastPrinted) {
        lastPrinted = second / 10;
        CpuSample cpuNow = CpuSample.now();
        long childNow = childTicks(child.pid());
        double roundSeconds = Math.max(0.001, (cpuNow.nanos() - cpuRound.nanos()) / 1e9);
        double roundBusy = cpuNow.busyCoresSince(cpuRound);
        double roundOwn = cpuNow.ownCoresSince(cpuRound);
        double roundPlatform = (childNow - childRound) / 100.0 / roundSeconds;
        cpuRound = cpuNow;
        childRound = childNow;
        System.out.printf(
            "t=%+.0fs cpu busy %.2f = generator %.2f + platform %.2f + foreign %.2f cores%n",
            sinceOpening,
            roundBusy,
            roundOwn,
            roundPlatform,
            Math.max(0, roundBusy - roundOwn - roundPlatform));
        System.out.printf(
            "t=%+.0fs arrived %d+%d bots, queue %s, admitted %s (room admits %s/min: %s), holds %d"
                + " (+%d bot), places %s, payments %d, in flight (+ waiting for a slot): join %d"
                + " + %d, position %d + %d, shop %d + %d; load %s%n",
            sinceOpening,
            load.humansArrived.get(),
            load.botsArrived.get(),
            r.get("waiting"),
            r.get("admitted"),
            er.find() ? er.group(1) : "?",
            rate,
            load.humanHoldsAccepted.get(),
            load.botHoldsAccepted.get(),
            counts,
            load.payments.size(),
            http.join.inFlight(),
            http.join.waiting(),
            http.room.inFlight(),
            http.room.waiting(),
            http.shop.inFlight(),
            http.shop.waiting(),
            Machine.loadAverage());
      }
      if (load.finished.getCount() == 0 && soldOutAt < 0) {
        // Everyone has gone: sell-out can now only come from holds still being paid.
        if (counts.getOrDefault("HELD", 0) == 0) {
          break;
        }
      }
    }
    double ceilingAt =
        ((ceilingReached ? Math.min(ceiling, System.nanoTime()) : System.nanoTime()) - openingNanos)
            / 1e9;
    long stillOnTheirWay = load.finished.getCount();
    load.closing = true;
    if (skippedRounds > 0) {
      System.out.printf(
          "monitor: %d rounds skipped (no answer within %d s)%n",
          skippedRounds, MONITOR_TIMEOUT.toSeconds());
    }
    if (ceilingReached) {
      System.out.printf(
          "ceiling reached %.0f s after the opening with %d visitors still on their way: no more"
              + " arrivals or new holds; up to %.0f s for those holding places to pay or release%n",
          ceilingAt, stillOnTheirWay, drainSeconds);
      load.finished.await((long) (drainSeconds * 1000), TimeUnit.MILLISECONDS);
    }
    double loadSeconds = (System.nanoTime() - start) / 1e9;
    CpuSample cpu1 = CpuSample.now();
    long child1 = childTicks(child.pid());
    // Visitors still on their way are stopped; what they were doing is not counted.
    http.stopRecording();
    long inFlight = load.finished.getCount();
    load.stopped = true;
    timers.shutdownNow();
    solvers.shutdownNow();
    int dropped = http.dropWaiting();
    double busy = cpu1.busyCoresSince(cpu0);
    double own = cpu1.ownCoresSince(cpu0);
    double platformCores = (child1 - child0) / 100.0 / loadSeconds;

    // ------------------------------------------------------------ payments settle
    long settleStart = System.nanoTime();
    long settleUntil = settleStart + (long) (settleSeconds * 1e9);
    // Payments first, for at most 60 % of the window, so the orders get the rest.
    long paymentsUntil = settleStart + (long) (settleSeconds * 0.6e9);
    Map<String, String> paymentState = new ConcurrentHashMap<>();
    List<String> pending = new ArrayList<>(load.payments.keySet());
    while (!pending.isEmpty()) {
      settle(
          http,
          pending,
          id -> "/api/payments/" + id,
          id -> load.payments.get(id)[1],
          (id, answer) -> {
            String state = answer.field("status");
            if (state != null && !state.equals("AWAITING_BANK")) {
              String reason = answer.field("refundReason");
              paymentState.put(id, reason == null ? state : state + " " + reason);
            }
          },
          paymentsUntil);
      pending.removeIf(paymentState::containsKey);
      if (pending.isEmpty() || System.nanoTime() > paymentsUntil) {
        break;
      }
      Thread.sleep(1000);
    }
    pending.forEach(id -> paymentState.put(id, "AWAITING_BANK at the end of settling"));
    Set<String> confirmed = ConcurrentHashMap.newKeySet();
    Map<String, String> orderOf = new LinkedHashMap<>();
    Map<String, String> paymentOf = new HashMap<>();
    paymentState.forEach(
        (id, state) -> {
          if (state.equals("SUCCEEDED")) {
            orderOf.put(load.payments.get(id)[0], load.payments.get(id)[1]);
            paymentOf.put(load.payments.get(id)[0], id);
          }
        });
    List<String> pendingOrders = new ArrayList<>(orderOf.keySet());
    Map<String, String> lastOrderState = new ConcurrentHashMap<>();
    while (!pendingOrders.isEmpty()) {
      settle(
          http,
          pendingOrders,
          id -> "/api/orders/" + id,
          orderOf::get,
          (id, answer) -> {
            String s = answer.field("status");
            lastOrderState.put(id, String.valueOf(s));
            if ("CONFIRMED".equals(s)) {
              confirmed.add(id);
            }
          },
          settleUntil);
      pendingOrders.removeIf(confirmed::contains);
      if (pendingOrders.isEmpty() || System.nanoTime() > settleUntil) {
        break;
      }
      Thread.sleep(1000);
    }
    Map<String, Integer> paymentStates = new TreeMap<>();
    paymentState.forEach(
        (id, state) -> {
          String[] p = load.payments.get(id);
          String shown =
              state.equals("SUCCEEDED") && !confirmed.contains(p[0])
                  ? "SUCCEEDED, order " + lastOrderState.get(p[0])
                  : state;
          paymentStates.merge((p[1].startsWith("b-") ? "bot " : "human ") + shown, 1, Integer::sum);
        });
    List<String> confirmedOrders = new ArrayList<>(confirmed);
    System.out.printf(
        "settled %d payments and %d orders in %.0f s%n",
        paymentState.size(), orderOf.size(), (System.nanoTime() - settleStart) / 1e9);

    // ------------------------------------------------------------ invariants, in the platform JVM
    Path ack = Files.createTempFile("onsale-ack-", ".txt");
    try (var w = Files.newBufferedWriter(ack)) {
      for (Map.Entry<String, List<String>> h : load.acknowledged.entrySet()) {
        w.write("hold " + h.getKey() + " " + String.join(",", h.getValue()) + "\n");
      }
      for (String orderId : confirmedOrders) {
        w.write("paid " + orderId + "\n");
      }
      for (String orderId : orderOf.keySet()) {
        w.write("succeeded " + orderId + " " + paymentOf.get(orderId) + "\n");
      }
    }
    long checkStart = System.nanoTime();
    toChild.write("check " + eventId + " " + ack + "\n");
    toChild.flush();
    Map<String, String> check = new LinkedHashMap<>();
    List<String> checkDetail = new ArrayList<>();
    while (true) {
      String line = checkLines.poll(10, TimeUnit.MINUTES);
      if (line == null || line.equals("CHECK-END")) {
        break;
      }
      String body = line.substring("CHECK|".length());
      checkDetail.add(body);
      int sp = body.indexOf(' ');
      if (sp > 0) {
        check.merge(body.substring(0, sp), body.substring(sp + 1), (a, b) -> a + "; " + b);
      }
    }
    double checkSeconds = (System.nanoTime() - checkStart) / 1e9;
    Files.deleteIfExists(ack);

    // ------------------------------------------------------------ report
    System.out.println("== Results");
    long total = 0;
    int first = -1;
    int last = -1;
    long peak = 0;
    for (int s = 0; s < load.acceptedPerSecond.length(); s++) {
      long v = load.acceptedPerSecond.get(s);
      if (v > 0) {
        total += v;
        first = first < 0 ? s : first;
        last = s;
        peak = Math.max(peak, v);
      }
    }
    double sustained = first < 0 ? 0 : total / (double) (last - first + 1);
    OnsaleHttp.Timing hold = http.latencies.get("hold");
    double holdP50 = hold == null ? 0 : hold.response().getValueAtPercentile(50) / 1000.0;
    double holdServiceP50 = hold == null ? 0 : hold.service().getValueAtPercentile(50) / 1000.0;
    Results.last = new Results(sustained, peak, holdP50, holdServiceP50);
    System.out.printf(
        "preset %s; load phase %.0f s (pre-queue and drain included)%s; CPU: machine busy %.2f"
            + " cores = load generator %.2f + platform %.2f + foreign %.2f; load average now %s%n",
        o.get("preset"),
        loadSeconds,
        ceilingReached
            ? String.format(", stopped by the ceiling %.0f s after the opening", ceilingAt)
            : ", every visitor done",
        busy,
        own,
        platformCores,
        Math.max(0, busy - own - platformCores),
        Machine.loadAverage());
    System.out.printf(
        "open-loop generator: %d of %d visitors arrived (%d not, after the ceiling); arrival lag"
            + " against the plan p50 %.1f ms, p99 %.1f ms, max %.1f ms; timers (think, poll,"
            + " Retry-After) late p99 %.1f ms, max %.1f ms; proof of work waited for a solver p99"
            + " %.1f ms; requests in flight at most %d (cap %s), waited for a slot p99 %.1f ms,"
            + " max %.1f ms%n",
        load.humansArrived.get() + load.botsArrived.get(),
        humans + bots,
        load.notArrived.get(),
        load.arrivalLag.getValueAtPercentile(50) / 1000.0,
        load.arrivalLag.getValueAtPercentile(99) / 1000.0,
        load.arrivalLag.getMaxValue() / 1000.0,
        load.timerLag.getValueAtPercentile(99) / 1000.0,
        load.timerLag.getMaxValue() / 1000.0,
        load.solverWait.getValueAtPercentile(99) / 1000.0,
        http.inFlightMax.get(),
        o.get("max-in-flight"),
        http.slotWait.getValueAtPercentile(99) / 1000.0,
        http.slotWait.getMaxValue() / 1000.0);
    for (OnsaleHttp.Lane lane : http.lanes()) {
      System.out.printf(
          "  %s lane (cap %d): at most %d in flight; waited for a slot p50 %.1f ms, p99 %.1f ms,"
              + " max %.1f ms%n",
          lane.name,
          lane.max,
          lane.inFlightMax.get(),
          lane.slotWait.getValueAtPercentile(50) / 1000.0,
          lane.slotWait.getValueAtPercentile(99) / 1000.0,
          lane.slotWait.getMaxValue() / 1000.0);
    }
    System.out.printf(
        "holds accepted (201 answers after the opening): %d over %d s from the first to the last"
            + " = %.1f/s sustained, peak %d in one second%n",
        total, first < 0 ? 0 : last - first + 1, sustained, peak);
    long firstHold = parse(check.get("first-hold"));
    long lastHold = parse(check.get("last-hold"));
    long storedHolds = parse(check.get("stored-holds"));
    if (firstHold > 0 && lastHold > firstHold) {
      System.out.printf(
          "holds stored (event store): %d from %.1f s to %.1f s after the opening = %.1f/s, peak"
              + " %s in one second%n",
          storedHolds,
          (firstHold - opensAt.toEpochMilli()) / 1000.0,
          (lastHold - opensAt.toEpochMilli()) / 1000.0,
          storedHolds * 1000.0 / (lastHold - firstHold),
          check.get("stored-holds-peak-second"));
    }
    if (storedHolds > 0) {
      System.out.printf(
          "platform CPU per stored hold, whole journey (joins, polls, maps, holds, payments and the"
              + " processes behind them): %.0f ms%n",
          platformCores * loadSeconds * 1000 / storedHolds);
    }
    long soldOutStore = parse(check.get("sold-out-at"));
    long storeSold = parse(check.get("state") == null ? null : stateCount(check, "SOLD"));
    System.out.printf(
        "SOLD OUT: %s; places sold in the event store at the end: %d of %d (%.1f %%); the seat"
            + " map showed every place held or sold %s, everything sold %s; last monitor counts"
            + " %s%n",
        soldOutStore > 0
            ? String.format(
                "yes, %.1f s after the opening (event store: the sale that sold the last place)",
                (soldOutStore - opensAt.toEpochMilli()) / 1000.0)
            : "no",
        storeSold,
        capacity,
        100.0 * storeSold / Math.max(1, capacity),
        noneFreeAt < 0 ? "never" : String.format("%.1f s after the opening", noneFreeAt),
        soldOutAt < 0 ? "never" : String.format("%.1f s after the opening", soldOutAt),
        counts);
    System.out.println(
        "latency by request (response time = from the INTENDED send time, coordinated omission"
            + " corrected; service time = from the actual send):");
    System.out.println(
        "| request | answers | response p50 ms | p90 | p99 | p99.9 | max | service p50 ms | service"
            + " p99 |");
    System.out.println("|---|---|---|---|---|---|---|---|---|");
    new TreeMap<>(http.latencies)
        .forEach(
            (kind, t) ->
                System.out.printf(
                    "| %s | %d | %.1f | %.1f | %.1f | %.1f | %.1f | %.1f | %.1f |%n",
                    kind,
                    t.response().getTotalCount(),
                    t.response().getValueAtPercentile(50) / 1000.0,
                    t.response().getValueAtPercentile(90) / 1000.0,
                    t.response().getValueAtPercentile(99) / 1000.0,
                    t.response().getValueAtPercentile(99.9) / 1000.0,
                    t.response().getMaxValue() / 1000.0,
                    t.service().getValueAtPercentile(50) / 1000.0,
                    t.service().getValueAtPercentile(99) / 1000.0));
    System.out.println(
        "humans' requests from the first intended send to the final answer, Retry-After waits"
            + " included:");
    System.out.println("| request | final answers | p50 ms | p99 ms | max ms |");
    System.out.println("|---|---|---|---|---|");
    new TreeMap<>(http.journeys)
        .forEach(
            (kind, h) ->
                System.out.printf(
                    "| %s | %d | %.1f | %.1f | %.1f |%n",
                    kind,
                    h.getTotalCount(),
                    h.getValueAtPercentile(50) / 1000.0,
                    h.getValueAtPercentile(99) / 1000.0,
                    h.getMaxValue() / 1000.0));
    System.out.println("answers by request, status and problem code:");
    new TreeMap<>(toMap(http.answers)).forEach((k, v) -> System.out.printf("  %-70s %d%n", k, v));
    Map<String, Long> byClass = new TreeMap<>();
    toMap(http.answers)
        .forEach(
            (k, v) -> {
              if (k.contains(" retried after ") || k.contains(" still ")) {
                return;
              }
              String[] f = k.split(" ");
              for (String w : f) {
                if (w.matches("\\d{3}") || w.startsWith("failed:")) {
                  String cls = w.startsWith("5") ? "5xx" : w.startsWith("failed") ? "no answer" : w;
                  if (cls.equals("503")) {
                    cls = "503";
                  }
                  if (!cls.startsWith("2") && !cls.equals("304")) {
                    byClass.merge(cls, v, Long::sum);
                  }
                  break;
                }
              }
            });
    long answers503 = countStatus(http, "503");
    long answers429 = countStatus(http, "429");
    System.out.println(
        "errors by type (all requests; 5xx includes the 503s): "
            + byClass
            + "; of which 503: "
            + answers503);
    System.out.printf(
        "load shedding: %d answers 429 and %d answers 503; humans honoured Retry-After with %d"
            + " retries (at most %s per request, waits capped at %s s) and %d times were still"
            + " refused after the last retry; bots do not retry%n",
        answers429,
        answers503,
        load.retries.get(),
        o.get("max-retries"),
        o.get("retry-after-cap"),
        load.retryGiveUps.get());
    System.out.println("visitor outcomes: " + new TreeMap<>(toMap2(load.outcomes)));
    System.out.printf(
        "humans: %d arrived, %d admitted (bots included), %d held, %d released, %d abandoned (hold"
            + " left to expire), %d found it sold out, %d watched a full seat map for returned"
            + " places, %d gave up, %d stopped by the ceiling; hold attempts %d, accepted %d;"
            + " waiting list: %d joined, %d offered places, %d went on to pay%n",
        load.humansArrived.get(),
        load.admitted.get(),
        load.humansHeld.get(),
        load.released.get(),
        load.abandoned.get(),
        load.humansSoldOut.get(),
        load.humansWatchingForReturns.get(),
        load.humansGaveUp.get(),
        load.humansStoppedAtCeiling.get(),
        load.humanHoldAttempts.get(),
        load.humanHoldsAccepted.get(),
        load.humansOnWaitingList.get(),
        load.humansOffered.get(),
        load.humansPaidOffer.get());
    System.out.printf(
        "bots: %d arrived; hold attempts %d, accepted %d (%.1f %%)%n",
        load.botsArrived.get(),
        load.botHoldAttempts.get(),
        load.botHoldsAccepted.get(),
        100.0 * load.botHoldsAccepted.get() / Math.max(1, load.botHoldAttempts.get()));
    System.out.println("payments after settling: " + paymentStates);
    System.out.println(
        "visitors still on their way when the load stopped: "
            + inFlight
            + " (requests dropped unsent: "
            + dropped
            + "); ERROR records in the platform log: "
            + platformErrors.get());
    System.out.printf(
        "== Invariants replayed from the event store (in the platform JVM, %.0f s)%n",
        checkSeconds);
    checkDetail.forEach(l -> System.out.println("  " + l));
    int soldHumans = soldCustomers(check.get("sold-to"), "h-");
    int soldBots = soldCustomers(check.get("sold-to"), "b-");
    System.out.printf(
        "success: humans %d of %d with tickets (%.1f %%); bot accounts %d of %d (%.1f %%), bot"
            + " hold attempts accepted %.1f %% vs human %.1f %%%n",
        soldHumans,
        humans,
        100.0 * soldHumans / Math.max(1, humans),
        soldBots,
        bots,
        100.0 * soldBots / Math.max(1, bots),
        100.0 * load.botHoldsAccepted.get() / Math.max(1, load.botHoldAttempts.get()),
        100.0 * load.humanHoldsAccepted.get() / Math.max(1, load.humanHoldAttempts.get()));
    long violations = parse(check.get("violations"));
    long holdsLost = parse(check.get("holds-lost"));
    long paidLost = parse(check.get("paid-orders-lost"));
    long fiveXx = byClass.getOrDefault("5xx", 0L);
    System.out.printf(
        "payments the bank reported SUCCEEDED (not refunded): %d; their orders sold in the event"
            + " store: %s; reported CONFIRMED by the API within the settling time: %d%n",
        orderOf.size(), check.getOrDefault("succeeded-sold", "?"), confirmedOrders.size());
    System.out.printf(
        "from the bank's success to the places sold (Event) and to the order CONFIRMED (Order),"
            + " by the stored events' times: %s; %s%n",
        check.getOrDefault("paid-to-sold-ms", "?"),
        check.getOrDefault("paid-to-confirmed-ms", "?"));
    System.out.printf(
        "INVARIANTS: places sold or held twice (replay violations) = %d; holds lost = %d (of %d"
            + " acknowledged); confirmed orders lost = %d (of %d confirmed); 5xx = %d (503 shed:"
            + " %d)%n",
        violations,
        holdsLost,
        load.acknowledged.size(),
        paidLost,
        confirmedOrders.size(),
        fiveXx,
        answers503);
    http.close();
    boolean ok =
        check.containsKey("violations") && violations == 0 && holdsLost == 0 && paidLost == 0;
    if (ok && load.acknowledged.isEmpty()) {
      System.out.println("NO HOLD WAS ACCEPTED: the run measured nothing (exit code 2)");
      return 2;
    }
    return ok ? 0 : 1;
  }

  /**
   * One settling round: a GET per id, at most 256 at a time, each answer handed to {@code seen}.
   */
  private static void settle(
      OnsaleHttp http,
      List<String> ids,
      java.util.function.Function<String, String> path,
      java.util.function.Function<String, String> account,
      java.util.function.BiConsumer<String, Answer> seen,
      long untilNanos) {
    for (int from = 0; from < ids.size() && System.nanoTime() < untilNanos; from += 256) {
      List<CompletableFuture<Void>> batch = new ArrayList<>();
      for (String id : ids.subList(from, Math.min(ids.size(), from + 256))) {
        batch.add(
            http.send(
                    "settle",
                    System.nanoTime(),
                    "GET",
                    path.apply(id),
                    null,
                    account.apply(id),
                    "SPECTATOR",
                    null)
                .thenAccept(a -> seen.accept(id, a)));
      }
      // Never past the settling window, however slow the answers.
      CompletableFuture.allOf(batch.toArray(CompletableFuture[]::new))
          .completeOnTimeout(
              null, Math.max(1, untilNanos - System.nanoTime()), TimeUnit.NANOSECONDS)
          .join();
    }
  }

  private static long countStatus(OnsaleHttp http, String status) {
    return toMap(http.answers).entrySet().stream()
        .filter(
            e ->
                !e.getKey().contains(" retried after ")
                    && !e.getKey().contains(" still ")
                    && List.of(e.getKey().split(" ")).contains(status))
        .mapToLong(Map.Entry::getValue)
        .sum();
  }

  private static String stateCount(Map<String, String> check, String state) {
    for (String part : check.get("state").split("; ")) {
      String[] f = part.split(" ");
      if (f[0].equals(state) && f.length > 1) {
        return f[1];
      }
    }
    return null;
  }

  private static java.util.concurrent.ThreadFactory daemonThreads(String name) {
    java.util.concurrent.atomic.AtomicInteger n = new java.util.concurrent.atomic.AtomicInteger();
    return r -> {
      Thread t = new Thread(r, name + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  private static int soldCustomers(String soldTo, String prefix) {
    if (soldTo == null) {
      return 0;
    }
    for (String part : soldTo.split("; ")) {
      String[] f = part.split(" ");
      if (f[0].equals(prefix)) {
        return Integer.parseInt(f[1]);
      }
    }
    return 0;
  }

  private static long parse(String v) {
    try {
      return v == null ? -1 : Long.parseLong(v.split(";")[0].trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static Map<String, Long> toMap(Map<String, java.util.concurrent.atomic.LongAdder> m) {
    Map<String, Long> out = new LinkedHashMap<>();
    m.forEach((k, v) -> out.put(k, v.sum()));
    return out;
  }

  private static Map<String, Integer> toMap2(
      Map<String, java.util.concurrent.atomic.AtomicInteger> m) {
    Map<String, Integer> out = new LinkedHashMap<>();
    m.forEach((k, v) -> out.put(k, v.get()));
    return out;
  }

  /** utime + stime of a process, in clock ticks (0 when /proc is not there). */
  private static long childTicks(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    } catch (Exception e) {
      return 0;
    }
  }

  private static void deleteRecursively(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (Exception e) {
      System.out.println("could not delete " + dir + ": " + e.getMessage());
    }
  }
}
