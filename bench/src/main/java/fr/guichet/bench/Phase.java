package fr.guichet.bench;

import fr.guichet.bench.HoldDriver.Outcome;
import fr.guichet.bench.HoldDriver.Result;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * One measured phase: {@code clients} closed-loop threads send holds for {@code seconds} against
 * one fresh event.
 *
 * <ul>
 *   <li>{@link Mode#HOLD}: each hold takes the next 1-2 seats of a shuffled list of all seats, so
 *       it asks for random free seats and should always be accepted; stops early on sell-out.
 *   <li>{@link Mode#HOLD_RELEASE}: steady state like the pg baseline B_rand: 1-2 random seats
 *       anywhere in the hall (conflicts possible), and each client releases its oldest order once
 *       it holds more than {@value #KEEP_PER_CLIENT}, so holds and releases run 1:1.
 * </ul>
 */
final class Phase {

  enum Mode {
    HOLD,
    HOLD_RELEASE
  }

  static final int KEEP_PER_CLIENT = 4;

  /** Accepted holds as the platform answered them: order id → places. */
  final Map<String, List<String>> accepted = new ConcurrentHashMap<>();

  final Map<String, String> released = new ConcurrentHashMap<>();

  final String name;
  final String eventId;
  final Mode mode;
  final int clients;
  final HoldDriver driver;

  final Recorder holdLatency = new Recorder(3);
  final AtomicLong conflicts = new AtomicLong();
  final AtomicLong errors = new AtomicLong();
  final AtomicLong releases = new AtomicLong();
  final AtomicLong releaseErrors = new AtomicLong();
  final AtomicReference<String> firstError = new AtomicReference<>();
  Histogram histogram;
  double elapsedSeconds;
  double cpuBusyCores;
  double ownCores;
  CpuSample cpuAtStart;
  double ownCpuMsPerHoldWithBacklog = Double.NaN;

  private final List<String> seatIds;
  private final int[] shuffled;
  private final AtomicInteger cursor = new AtomicInteger();

  Phase(
      String name, String eventId, Mode mode, int clients, HoldDriver driver, List<String> seats) {
    this.name = name;
    this.eventId = eventId;
    this.mode = mode;
    this.clients = clients;
    this.driver = driver;
    this.seatIds = seats;
    List<Integer> order = new ArrayList<>(seats.size());
    for (int i = 0; i < seats.size(); i++) {
      order.add(i);
    }
    Collections.shuffle(order, new Random(42));
    shuffled = order.stream().mapToInt(Integer::intValue).toArray();
  }

  Phase run(double seconds) throws InterruptedException {
    CountDownLatch ready = new CountDownLatch(clients);
    CountDownLatch go = new CountDownLatch(1);
    CountDownLatch done = new CountDownLatch(clients);
    long[] deadline = new long[1];
    List<Thread> threads = new ArrayList<>();
    String runTag = Long.toString(System.nanoTime(), 36);
    for (int c = 0; c < clients; c++) {
      int client = c;
      Thread t =
          new Thread(
              () -> {
                ready.countDown();
                try {
                  go.await();
                  loop(client, runTag, deadline[0]);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                } finally {
                  done.countDown();
                }
              },
              name + "-client-" + c);
      t.setDaemon(true);
      threads.add(t);
      t.start();
    }
    ready.await();
    CpuSample before = CpuSample.now();
    cpuAtStart = before;
    long start = System.nanoTime();
    deadline[0] = start + (long) (seconds * 1e9);
    holdLatency.reset();
    go.countDown();
    done.await();
    long end = System.nanoTime();
    CpuSample after = CpuSample.now();
    elapsedSeconds = (end - start) / 1e9;
    cpuBusyCores = after.busyCoresSince(before);
    ownCores = after.ownCoresSince(before);
    histogram = holdLatency.getIntervalHistogram();
    return this;
  }

  private void loop(int client, String runTag, long deadline) {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    ArrayDeque<String[]> mine = new ArrayDeque<>();
    long n = 0;
    while (System.nanoTime() < deadline) {
      int size = 1 + random.nextInt(2);
      List<String> places = new ArrayList<>(size);
      if (mode == Mode.HOLD) {
        int from = cursor.getAndAdd(size);
        if (from + size > shuffled.length) {
          return;
        }
        for (int k = 0; k < size; k++) {
          places.add(seatIds.get(shuffled[from + k]));
        }
      } else {
        int a = random.nextInt(seatIds.size());
        places.add(seatIds.get(a));
        if (size == 2) {
          int b = random.nextInt(seatIds.size() - 1);
          places.add(seatIds.get(b >= a ? b + 1 : b));
        }
      }
      String customer = "c" + client + "-" + runTag + "-" + n;
      String key = "bench-" + runTag + "-" + client + "-" + n;
      n++;
      long t0 = System.nanoTime();
      Outcome outcome = driver.hold(eventId, customer, key, places);
      holdLatency.recordValue(Math.max(1, (System.nanoTime() - t0) / 1000));
      if (outcome.result() == Result.ACCEPTED) {
        accepted.put(outcome.orderId(), places);
        if (mode == Mode.HOLD_RELEASE) {
          mine.addLast(new String[] {customer, outcome.orderId()});
          if (mine.size() > KEEP_PER_CLIENT) {
            String[] oldest = mine.removeFirst();
            if (driver.release(eventId, oldest[0], oldest[1])) {
              releases.incrementAndGet();
              released.put(oldest[1], oldest[0]);
            } else {
              releaseErrors.incrementAndGet();
            }
          }
        }
      } else if (outcome.result() == Result.CONFLICT) {
        conflicts.incrementAndGet();
      } else {
        errors.incrementAndGet();
        firstError.compareAndSet(null, outcome.error());
      }
    }
  }

  /** This JVM's CPU from the phase's start until now (call once the order backlog is drained). */
  void backlogDrained() {
    CpuSample now = CpuSample.now();
    double cpuSeconds = now.ownCoresSince(cpuAtStart) * (now.nanos() - cpuAtStart.nanos()) / 1e9;
    ownCpuMsPerHoldWithBacklog =
        accepted.isEmpty() ? Double.NaN : cpuSeconds * 1000 / accepted.size();
  }

  double acceptedPerSecond() {
    return accepted.size() / elapsedSeconds;
  }

  String summary() {
    return String.format(
        "%-22s clients=%-3d accepted=%-6d %8.0f holds/s  conflicts=%-5d errors=%-4d"
            + " releases=%-6d p50=%6.2f ms p99=%7.2f ms p99.9=%7.2f ms max=%7.1f ms"
            + "  cpu: busy %.2f cores, ours %.2f, foreign %.2f%s",
        name,
        clients,
        accepted.size(),
        acceptedPerSecond(),
        conflicts.get(),
        errors.get(),
        releases.get(),
        histogram.getValueAtPercentile(50) / 1000.0,
        histogram.getValueAtPercentile(99) / 1000.0,
        histogram.getValueAtPercentile(99.9) / 1000.0,
        histogram.getMaxValue() / 1000.0,
        cpuBusyCores,
        ownCores,
        Math.max(0, cpuBusyCores - ownCores),
        firstError.get() == null ? "" : "\n    first error: " + firstError.get());
  }
}
