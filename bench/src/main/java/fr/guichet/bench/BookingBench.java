package fr.guichet.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The booking-core benchmark: accepted holds per second and hold latency on one 50,000-seat event,
 * in-process through Axon's command gateway and over HTTP, with 1 and 64 closed-loop clients; then
 * the invariants checked from the event store; then the bare-SQL reference on PostgreSQL in the
 * same run, and the ratios.
 *
 * <p>Options ({@code --name=value}): {@code seconds} per phase (10), {@code warmup} seconds (8),
 * {@code phases} (comma-separated, default all), {@code pg} (on|off), {@code pg-seconds} (20),
 * {@code pg-clients} (8), {@code order-lifecycle} (running|paused during phases), {@code
 * expiry-check} (on|off: a 10-second hold must expire on its persisted deadline), {@code platform}
 * (whole|command-side: the whole standalone platform, or the command-side service alone as
 * docker-compose deploys it, without the query side's projections). Any other {@code --key=value}
 * goes to Spring, e.g. {@code --guichet.command-bus=disruptor}. With {@code --bench=views} it runs
 * the query-side benchmark instead ({@link ViewsBench}).
 */
public final class BookingBench {

  private static final List<String> ALL_PHASES =
      List.of(
          "gateway-hold-1",
          "gateway-hold-64",
          "gateway-holdrelease-1",
          "gateway-holdrelease-64",
          "http-hold-1",
          "http-hold-64",
          "http-holdrelease-1",
          "http-holdrelease-64");

  private BookingBench() {}

  public static void main(String[] args) throws Exception {
    if (args.length > 0 && args[0].equals("onsale")) {
      // Before anything touches ForkJoinPool: on 2 cores the common pool's parallelism is 1, and
      // CompletableFuture then starts a new thread for every *Async stage without an executor,
      // such as the hop the JDK HttpClient makes when each sendAsync answer completes.
      if (System.getProperty("java.util.concurrent.ForkJoinPool.common.parallelism") == null) {
        System.setProperty("java.util.concurrent.ForkJoinPool.common.parallelism", "2");
      }
      OnsaleBench.main(Arrays.copyOfRange(args, 1, args.length));
      return;
    }
    if (args.length > 0 && args[0].equals("onsale-platform")) {
      OnsalePlatform.main(Arrays.copyOfRange(args, 1, args.length));
      return;
    }
    if (Arrays.asList(args).contains("--bench=views")) {
      ViewsBench.main(args);
      return;
    }
    Map<String, String> options = new LinkedHashMap<>();
    List<String> springArgs = new ArrayList<>();
    List<String> own =
        List.of(
            "seconds",
            "warmup",
            "phases",
            "pg",
            "pg-seconds",
            "pg-clients",
            "order-lifecycle",
            "expiry-check",
            "platform");
    for (String arg : args) {
      String[] kv = arg.replaceFirst("^--", "").split("=", 2);
      if (own.contains(kv[0])) {
        options.put(kv[0], kv.length > 1 ? kv[1] : "true");
      } else {
        springArgs.add(arg);
      }
    }
    double seconds = Double.parseDouble(options.getOrDefault("seconds", "10"));
    double warmup = Double.parseDouble(options.getOrDefault("warmup", "8"));
    List<String> phases =
        options.containsKey("phases")
            ? Arrays.asList(options.get("phases").split(","))
            : ALL_PHASES;
    boolean pausedProcess = "paused".equals(options.get("order-lifecycle"));
    Platform.Kind kind = Platform.Kind.of(options.getOrDefault("platform", "whole"));

    System.out.println("== Guichet booking-core benchmark");
    System.out.println("machine: " + Machine.describe());
    System.out.println("load before start: " + Machine.loadAverage());
    System.out.printf(
        "foreign CPU before start (2 s sample): %.2f cores%n", Machine.busyCores(2000));
    System.out.println("spring args: " + springArgs + ", options: " + options);

    Path dataDir = Files.createTempDirectory("guichet-bench-");
    List<Phase> results = new ArrayList<>();
    List<InvariantCheck> checks = new ArrayList<>();
    String expiry = "not run";
    long startup = System.nanoTime();
    try (Platform platform = new Platform(kind, dataDir, springArgs)) {
      System.out.printf(
          "platform (%s) started in %.1f s (HTTP port %d, data dir %s); event processors: %s%n",
          kind == Platform.Kind.COMMAND_SIDE
              ? "command side alone: CommandService, command-service.properties, no query side"
              : "whole standalone platform: command side + query side",
          (System.nanoTime() - startup) / 1e9,
          platform.port,
          dataDir,
          platform.processorNames());
      List<String> seats = Platform.seatIds();
      GatewayDriver gateway = new GatewayDriver(platform.gateway);
      HttpDriver http = new HttpDriver(platform.port, platform.accessTokens);

      if (warmup > 0) {
        for (HoldDriver driver : List.of(gateway, http)) {
          Phase w =
              new Phase(
                  "warmup-" + driver.name(),
                  platform.newEventOnSale("warmup"),
                  Phase.Mode.HOLD_RELEASE,
                  8,
                  driver,
                  seats);
          System.out.println("  " + w.run(warmup / 2).summary());
        }
        report("warm-up backlog", platform.drainOrderLifecycle(Duration.ofMinutes(3)));
      }

      for (String spec : phases) {
        String[] p = spec.trim().split("-");
        HoldDriver driver = p[0].equals("http") ? http : gateway;
        Phase.Mode mode = p[1].equals("hold") ? Phase.Mode.HOLD : Phase.Mode.HOLD_RELEASE;
        int clients = Integer.parseInt(p[2]);
        long t0 = System.nanoTime();
        String eventId = platform.newEventOnSale(spec);
        double setup = (System.nanoTime() - t0) / 1e9;
        if (pausedProcess) {
          platform.pauseOrderLifecycle();
        }
        double[] batchingBefore = platform.commandBatching();
        Phase phase = new Phase(spec, eventId, mode, clients, driver, seats).run(seconds);
        System.out.printf("  %s%n    (event set up in %.2f s)%n", phase.summary(), setup);
        double[] batchingAfter = platform.commandBatching();
        if (batchingBefore != null && batchingAfter != null) {
          double batched = batchingAfter[0] - batchingBefore[0];
          double batches = batchingAfter[1] - batchingBefore[1];
          System.out.printf(
              "    command bus: %.0f commands committed in %.0f batches of 2+ (mean %.1f),"
                  + " %.0f batches replayed one by one, %.0f commands refused%n",
              batched,
              batches,
              batches == 0 ? 0.0 : batched / batches,
              batchingAfter[2] - batchingBefore[2],
              batchingAfter[3] - batchingBefore[3]);
        }
        if (pausedProcess) {
          platform.resumeOrderLifecycle();
        }
        Duration drain = platform.drainOrderLifecycle(Duration.ofMinutes(5));
        phase.backlogDrained();
        report("    order-lifecycle backlog after " + spec, drain);
        System.out.printf(
            "    CPU of this JVM per accepted hold, phase + backlog (HTTP client included): %.2f ms%n",
            phase.ownCpuMsPerHoldWithBacklog);
        results.add(phase);
      }

      if (!"off".equals(options.get("expiry-check"))) {
        expiry = platform.expiryCheck();
        System.out.println("== Expiry check: " + expiry);
      }

      System.out.println("== Invariants (replayed from the event store)");
      for (Phase phase : results) {
        InvariantCheck check = InvariantCheck.of(platform.eventStore, phase);
        checks.add(check);
        System.out.println("  " + phase.name + ": " + check.summary());
      }
    } finally {
      deleteRecursively(dataDir);
    }

    Map<String, PgBaseline.Line> pg = Map.of();
    if (!"off".equals(options.get("pg"))) {
      System.out.println("== Bare-SQL reference (" + PgBaseline.SCRIPT + ")");
      System.out.println("load before pg baseline: " + Machine.loadAverage());
      pg =
          PgBaseline.run(
              PgBaseline.SCRIPT,
              Integer.parseInt(options.getOrDefault("pg-seconds", "20")),
              Integer.parseInt(options.getOrDefault("pg-clients", "8")));
    }

    System.out.println("== Results");
    System.out.println(
        "| phase | clients | accepted holds/s | conflicts | errors | p50 ms | p99 ms | ÷ B_rand"
            + " | ÷ B_sellout | Event cmds/s ÷ B_append | CPU ms/hold | foreign CPU |");
    System.out.println("|---|---|---|---|---|---|---|---|---|---|---|---|");
    for (Phase phase : results) {
      double rate = phase.acceptedPerSecond();
      double commands = (phase.accepted.size() + phase.releases.get()) / phase.elapsedSeconds;
      System.out.printf(
          "| %s | %d | %.0f | %d | %d | %.2f | %.2f | %s | %s | %s | %.2f | %.2f |%n",
          phase.name,
          phase.clients,
          rate,
          phase.conflicts.get(),
          phase.errors.get(),
          phase.histogram.getValueAtPercentile(50) / 1000.0,
          phase.histogram.getValueAtPercentile(99) / 1000.0,
          ratio(rate, pg.get("B_rand")),
          ratio(rate, pg.get("B_sellout")),
          ratio(commands, pg.get("B_append")),
          phase.ownCpuMsPerHoldWithBacklog,
          Math.max(0, phase.cpuBusyCores - phase.ownCores));
    }
    pg.values()
        .forEach(
            line ->
                System.out.printf(
                    "| pg %s | %d | %.0f (attempts %.0f/s, seat updates %d/s, appends %d/s) |"
                        + " | | avg %.2f | | | | | | |%n",
                    line.name(),
                    line.clients(),
                    line.acceptedHoldsPerSecond(),
                    line.attemptsPerSecond(),
                    line.seatUpdatesPerSecond(),
                    line.appendsPerSecond(),
                    line.avgLatencyMs()));
    long violations = checks.stream().mapToLong(c -> c.violations.size()).sum();
    System.out.println("invariant violations: " + violations + "; expiry check: " + expiry);
    System.exit(violations == 0 && !expiry.startsWith("FAILED") ? 0 : 1);
  }

  private static String ratio(double rate, PgBaseline.Line baseline) {
    if (baseline == null || baseline.acceptedHoldsPerSecond() <= 0) {
      return "-";
    }
    return String.format("%.2f", rate / baseline.acceptedHoldsPerSecond());
  }

  private static void report(String what, Duration drain) {
    System.out.println(
        drain.isNegative()
            ? what + ": not drained in time"
            : String.format("%s: drained in %.1f s", what, drain.toMillis() / 1000.0));
  }

  private static void deleteRecursively(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (Exception e) {
      System.out.println("could not delete " + dir + ": " + e.getMessage());
    }
  }
}
