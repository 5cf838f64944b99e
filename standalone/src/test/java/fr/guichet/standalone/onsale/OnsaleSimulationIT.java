package fr.guichet.standalone.onsale;

import static org.assertj.core.api.Assertions.assertThat;

import fr.guichet.api.event.EventDomainEvent.HeldPlacesSoldEvent;
import fr.guichet.api.event.EventDomainEvent.HoldReleasedEvent;
import fr.guichet.api.event.EventDomainEvent.PlacesHeldEvent;
import fr.guichet.standalone.support.Api;
import fr.guichet.standalone.support.GuichetInstance;
import fr.guichet.standalone.support.Onsale;
import fr.guichet.standalone.support.PlaceLedger;
import fr.guichet.standalone.support.PlaceLedger.State;
import fr.guichet.standalone.support.Plans;
import fr.guichet.standalone.support.Visitor;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * A small onsale, in-process, over HTTP: half the visitors wait before the opening, half arrive
 * after it; the room admits them at its rate; each admitted visitor holds 1 to 4 places with the
 * token, then pays, releases or walks away; bots try to hold without being admitted. Afterwards the
 * event's history is replayed place by place: no place is ever taken twice.
 */
class OnsaleSimulationIT {

  private static final int EARLY = 100;
  private static final int LATE = 100;
  private static final int BOTS = 20;
  private static final int ADMIT_PER_MINUTE = 1200;

  @TempDir static Path dataDir;
  static GuichetInstance guichet;

  static WebTestClient http;

  @BeforeAll
  static void start() {
    // Admissions at the configured pace (asserted below) whatever the load of the machine running
    // the test: the adaptation to the measured capacity is AdaptiveAdmissionTest's.
    guichet =
        GuichetInstance.start(
            dataDir,
            "--guichet.rate-limit.trust-forwarded-for=true",
            "--guichet.waiting-room.adaptive.enabled=false");
    // One connection per simulated visitor, as real browsers would have: the default client pool
    // (16 connections) would queue them on the client side.
    ConnectionProvider connections =
        ConnectionProvider.builder("onsale-visitors")
            .maxConnections(EARLY + LATE + BOTS + 16)
            .pendingAcquireTimeout(Duration.ofSeconds(60))
            .build();
    http =
        WebTestClient.bindToServer(new ReactorClientHttpConnector(HttpClient.create(connections)))
            .baseUrl("http://localhost:" + guichet.port())
            .responseTimeout(Duration.ofSeconds(60))
            .filter(guichet.actorHeadersAsBearer())
            .build();
  }

  @AfterAll
  static void stop() {
    guichet.close();
  }

  private record Admission(String visitor, Instant seenAt) {}

  @Test
  @SuppressWarnings("unchecked")
  void visitors_are_admitted_at_the_rate_and_no_place_is_sold_twice() throws Exception {
    String eventId = new Api(guichet.http()).eventOnSale(Plans.FESTIVAL, "PT10M", 4, 4);
    Onsale onsale = new Onsale(http);
    Instant opensAt = Instant.now().plusSeconds(30);
    onsale.configure(eventId, Onsale.room(ADMIT_PER_MINUTE, opensAt.toString()));

    Map<String, List<String>> acknowledgedHolds = new ConcurrentHashMap<>();
    Map<String, String> confirmed = new ConcurrentHashMap<>();
    ConcurrentLinkedQueue<Admission> admissions = new ConcurrentLinkedQueue<>();
    ConcurrentLinkedQueue<String> unexpected = new ConcurrentLinkedQueue<>();
    AtomicInteger soldOut = new AtomicInteger();
    AtomicInteger botsRefused = new AtomicInteger();
    List<long[]> samples = new ArrayList<>(); // {nanos, admitted}

    ExecutorService pool = Executors.newFixedThreadPool(EARLY + LATE + BOTS + 1);
    CountDownLatch done = new CountDownLatch(EARLY + LATE + BOTS);
    AtomicInteger running = new AtomicInteger(1);
    pool.submit(
        () -> {
          while (running.get() == 1) {
            long admitted = ((Number) onsale.room(eventId).get("admitted")).longValue();
            synchronized (samples) {
              samples.add(new long[] {System.nanoTime(), admitted});
            }
            sleep(200);
          }
        });

    CountDownLatch earlyJoined = new CountDownLatch(EARLY);
    ConcurrentLinkedQueue<Long> joinMillis = new ConcurrentLinkedQueue<>();
    for (int i = 0; i < EARLY; i++) {
      Visitor v = new Visitor(http, "early-" + i, "10.1." + (i / 200) + "." + (i % 200));
      pool.submit(
          () -> {
            try {
              long t0 = System.nanoTime();
              Object state = v.joined(eventId).get("state");
              joinMillis.add((System.nanoTime() - t0) / 1_000_000);
              if (!"PRE_QUEUED".equals(state)) {
                unexpected.add(v.id() + " joined early but was " + state);
              }
            } catch (Throwable t) {
              unexpected.add(v.id() + " " + t);
            } finally {
              earlyJoined.countDown();
            }
            buyer(v, eventId, admissions, acknowledgedHolds, confirmed, soldOut, unexpected, done);
          });
    }
    assertThat(earlyJoined.await(1, TimeUnit.MINUTES)).isTrue();
    assertThat(unexpected).as("the pre-queue formed before the opening").isEmpty();
    List<Long> joins = joinMillis.stream().sorted().toList();
    System.out.printf(
        "onsale simulation: %d concurrent pre-queue joins, p50 %d ms, max %d ms%n",
        joins.size(), joins.get(joins.size() / 2), joins.get(joins.size() - 1));
    for (int b = 0; b < BOTS; b++) {
      Visitor bot = new Visitor(http, "bot-" + b, "10.9.9." + b);
      pool.submit(() -> bot(bot, eventId, botsRefused, unexpected, done));
    }
    while (Instant.now().isBefore(opensAt.plusMillis(500))) {
      sleep(100);
    }
    for (int i = 0; i < LATE; i++) {
      Visitor v = new Visitor(http, "late-" + i, "10.2." + (i / 200) + "." + (i % 200));
      pool.submit(
          () ->
              buyer(
                  v, eventId, admissions, acknowledgedHolds, confirmed, soldOut, unexpected, done));
    }
    assertThat(done.await(4, TimeUnit.MINUTES)).isTrue();
    running.set(0);
    pool.shutdown();
    assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();

    assertThat(unexpected).isEmpty();
    assertThat(admissions).hasSize(EARLY + LATE);

    // Admitted at the configured pace: never more than the rate allows (plus one second of burst).
    double perSecond = ADMIT_PER_MINUTE / 60.0;
    for (int i = 0; i < samples.size(); i++) {
      for (int j = i + 1; j < samples.size(); j++) {
        double seconds = (samples.get(j)[0] - samples.get(i)[0]) / 1e9;
        long admitted = samples.get(j)[1] - samples.get(i)[1];
        assertThat((double) admitted).isLessThanOrEqualTo(perSecond * (seconds + 1) + 2);
      }
    }
    Instant first =
        admissions.stream().map(Admission::seenAt).min(Instant::compareTo).orElseThrow();
    Instant last = admissions.stream().map(Admission::seenAt).max(Instant::compareTo).orElseThrow();
    assertThat(Duration.between(first, last).toMillis())
        .as("200 visitors at 20/s take close to 10 s")
        .isGreaterThanOrEqualTo((long) (((EARLY + LATE) / perSecond - 2) * 1000));

    PlaceLedger summary = PlaceLedger.replay(guichet.history(eventId));
    System.out.printf(
        "onsale simulation: %d admitted over %d ms (rate %d/min), %d holds acknowledged, %d paid,"
            + " %d refused as sold out, places sold %d / held %d / free %d of %d, %d bot attempts"
            + " refused%n",
        admissions.size(),
        Duration.between(first, last).toMillis(),
        ADMIT_PER_MINUTE,
        acknowledgedHolds.size(),
        confirmed.size(),
        soldOut.get(),
        summary.count(State.SOLD),
        summary.count(State.HELD),
        summary.count(State.FREE),
        summary.capacity(),
        botsRefused.get());

    // The places: sold out, never twice, every acknowledged hold and payment in the history.
    PlaceLedger ledger = PlaceLedger.replay(guichet.history(eventId));
    assertThat(ledger.violations()).isEmpty();
    assertThat(ledger.count(State.FREE) + ledger.count(State.HELD) + ledger.count(State.SOLD))
        .isEqualTo(ledger.capacity());
    assertThat(soldOut.get()).as("demand exceeded the places").isPositive();
    assertThat(ledger.heldOrders()).containsAll(acknowledgedHolds.keySet());
    confirmed.forEach(
        (orderId, visitor) ->
            assertThat(ledger.soldByOrder())
                .containsEntry(orderId, acknowledgedHolds.get(orderId)));
    assertThat(ledger.count(State.SOLD))
        .isEqualTo(ledger.soldByOrder().values().stream().mapToInt(List::size).sum());

    List<Object> history = guichet.payloads(eventId);
    assertThat(history)
        .filteredOn(PlacesHeldEvent.class::isInstance)
        .map(e -> ((PlacesHeldEvent) e).customerId())
        .noneMatch(customer -> customer.startsWith("bot-"));
    assertThat(botsRefused.get()).isEqualTo(BOTS * 3);
    Map<String, Integer> keptByCustomer = new HashMap<>();
    for (Object e : history) {
      if (e instanceof PlacesHeldEvent held) {
        keptByCustomer.merge(held.customerId(), held.placeIds().size(), Integer::sum);
      } else if (e instanceof HoldReleasedEvent released) {
        keptByCustomer.merge(released.customerId(), -released.placeIds().size(), Integer::sum);
      }
    }
    assertThat(keptByCustomer.values()).allMatch(places -> places <= 4);
    assertThat(history).filteredOn(HeldPlacesSoldEvent.class::isInstance).hasSize(confirmed.size());
  }

  @SuppressWarnings("unchecked")
  private static void buyer(
      Visitor v,
      String eventId,
      ConcurrentLinkedQueue<Admission> admissions,
      Map<String, List<String>> acknowledgedHolds,
      Map<String, String> confirmed,
      AtomicInteger soldOut,
      ConcurrentLinkedQueue<String> unexpected,
      CountDownLatch done) {
    try {
      if (v.id().startsWith("late-")) {
        v.joined(eventId);
      }
      String token = null;
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
      while (token == null && System.nanoTime() < deadline) {
        Map<String, Object> place = v.place(eventId);
        token = (String) place.get("admissionToken");
        if (token == null) {
          sleep(400);
        }
      }
      if (token == null) {
        unexpected.add(v.id() + " never admitted");
        return;
      }
      admissions.add(new Admission(v.id(), Instant.now()));
      ThreadLocalRandom random = ThreadLocalRandom.current();
      int quantity = 1 + random.nextInt(4);
      Map<String, Object> selection =
          random.nextBoolean()
              ? Visitor.standing(quantity)
              : Map.of("category", random.nextBoolean() ? "OR" : "C1", "quantity", quantity);
      EntityExchangeResult<Map> result =
          v.hold(eventId, selection, token, null).expectBody(Map.class).returnResult();
      int status = result.getStatus().value();
      if (status == 409) {
        soldOut.incrementAndGet();
        return;
      }
      if (status != 201) {
        unexpected.add(v.id() + " hold answered " + status + " " + result.getResponseBody());
        return;
      }
      String orderId = (String) result.getResponseBody().get("orderId");
      acknowledgedHolds.put(orderId, (List<String>) result.getResponseBody().get("placeIds"));
      int choice = random.nextInt(10);
      if (choice < 6) {
        int paid =
            http.post()
                .uri("/api/events/" + eventId + "/holds/" + orderId + "/box-office-payment")
                .header("X-Actor-Id", "bank-for-" + v.id())
                .header("X-Actor-Role", "MANAGER")
                .header("X-Forwarded-For", "10.8.0.1")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("method", "CARD_TERMINAL", "reference", "pay-" + orderId))
                .exchange()
                .returnResult(Void.class)
                .getStatus()
                .value();
        if (paid == 200) {
          confirmed.put(orderId, v.id());
        } else {
          unexpected.add(v.id() + " payment answered " + paid);
        }
      } else if (choice < 8) {
        int released = v.release(eventId, orderId).returnResult(Void.class).getStatus().value();
        if (released != 200) {
          unexpected.add(v.id() + " release answered " + released);
        }
      }
    } catch (Throwable t) {
      unexpected.add(v.id() + " " + t);
    } finally {
      done.countDown();
    }
  }

  /** A bot skips the queue: no token, a made-up token, then a token stolen from nobody. */
  private static void bot(
      Visitor bot,
      String eventId,
      AtomicInteger refused,
      ConcurrentLinkedQueue<String> unexpected,
      CountDownLatch done) {
    try {
      for (String token : new String[] {null, "eyJhZG0xIn0.c2lnbmF0dXJl", "x.y"}) {
        int status =
            bot.hold(eventId, Visitor.standing(4), token, null)
                .returnResult(Void.class)
                .getStatus()
                .value();
        if (status == 403) {
          refused.incrementAndGet();
        } else {
          unexpected.add(bot.id() + " got " + status);
        }
      }
    } catch (Throwable t) {
      unexpected.add(bot.id() + " " + t);
    } finally {
      done.countDown();
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
