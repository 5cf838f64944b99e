package fr.guichet.standalone.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fr.guichet.api.event.EventCommand.CancelSaleCommand;
import fr.guichet.api.event.EventCommand.HoldPlacesCommand;
import fr.guichet.api.event.EventCommand.JoinWaitingListCommand;
import fr.guichet.api.event.EventCommand.LeaveWaitingListCommand;
import fr.guichet.api.event.EventCommand.ReleaseHoldCommand;
import fr.guichet.api.event.EventCommand.SellHeldPlacesCommand;
import fr.guichet.api.event.EventDomainEvent.HoldExpiredEvent;
import fr.guichet.api.event.EventDomainEvent.PlacesHeldEvent;
import fr.guichet.api.event.EventDomainEvent.SaleCancelledEvent;
import fr.guichet.api.event.EventDomainEvent.WaitingListOfferMadeEvent;
import fr.guichet.api.event.HoldOutcome;
import fr.guichet.api.event.HoldOutcome.HoldStatus;
import fr.guichet.api.event.PlaceSelection;
import fr.guichet.api.rejection.CommandRejectedException;
import fr.guichet.standalone.support.Api;
import fr.guichet.standalone.support.GuichetInstance;
import fr.guichet.standalone.support.PlaceLedger;
import fr.guichet.standalone.support.PlaceLedger.State;
import fr.guichet.standalone.support.Plans;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replay equality on the history of a scripted onsale: several buyers at once make 800 orders on
 * one event (holds of standing places and of the best seats, payments, releases, holds left to
 * expire, payments after expiry, sales cancelled by the box office). Then every view is rebuilt
 * through the HTTP API beside the live one (all together, from one reading of the history) while
 * sales go on at another event: the live views serve everything meanwhile; once the rebuilds have
 * caught up, each view's comparison with the live one shows no difference; every view is switched
 * over while sales still go on, and the rebuilt views then serve the whole history, including the
 * sales made during the rebuild and after the switch.
 *
 * <p>The sales that go on meanwhile never run out (the later buyers stop paying once {@value
 * #LATER_SALES} places are sold, and a new buyer comes every 100 orders, below the per-customer
 * limit), so however long a loaded machine takes, a buyer is never refused; should a command fail
 * anyway, the test fails at once with its cause instead of waiting for sales that will not come.
 */
class ReplayAfterOnsaleIT {

  /**
   * The "thousands of orders": every kind of event at volume (some 2,000 holds, dozens of
   * expiries and late payments, refunds; over 11,000 events). The onsale dominates the test's time;
   * on the CI machine it takes about a minute.
   */
  private static final int ORDERS = 2_000;

  /** Places sold at most at the other event while the views are rebuilt (its pit holds 4,000). */
  private static final int LATER_SALES = 1_000;

  private static final int BUYERS = 8;
  private static final String HOLD = "PT3S";
  private static final List<String> VIEWS =
      List.of("seat-map", "catalog", "orders", "dashboard", "event-setup", "waiting-list");

  /** 200 seats in two categories and a standing zone of 4,000. */
  private static final String ARENA =
      """
      {"categories":[
         {"code":"OR","name":"Carré Or","tiers":[{"code":"FULL","name":"Plein tarif","priceCents":9000}]},
         {"code":"C1","name":"Catégorie 1","tiers":[{"code":"FULL","name":"Plein tarif","priceCents":5000}]},
         {"code":"STD","name":"Fosse","tiers":[{"code":"FULL","name":"Plein tarif","priceCents":3500}]}],
       "sections":[{"code":"ORCH","name":"Orchestre","blocks":[
         {"rows":"A-J","firstSeat":1,"lastSeat":10,"category":"OR"},
         {"rows":"K-T","firstSeat":1,"lastSeat":10,"category":"C1"}]}],
       "zones":[{"code":"FOSSE","name":"Fosse","capacity":4000,"category":"STD"}]}
      """;

  @TempDir static Path dataDir;
  static GuichetInstance guichet;
  static Api api;

  @BeforeAll
  static void start() {
    guichet = GuichetInstance.start(dataDir);
    api = new Api(guichet);
  }

  @AfterAll
  static void stop() {
    guichet.close();
  }

  private record Sale(String orderId, List<String> places, boolean sold) {}

  /**
   * A sold-out event's waiting list, for the waiting-list view to rebuild: two buyers wait, a third
   * joins and leaves; the places released go to the first two in turn, and one of them pays.
   */
  private static void waitingListScene(CommandGateway commands) {
    String small = api.eventOnSale(Plans.FOUR_SEATS, "PT10M", 4, 4);
    commands.sendAndWait(
        new HoldPlacesCommand(
            small, "full", "alice", PlaceSelection.bestAvailable("OR", 4, false)));
    commands.sendAndWait(
        new JoinWaitingListCommand(
            small, "wait-bob", "bob", PlaceSelection.bestAvailable("OR", 2, false), "fr"));
    commands.sendAndWait(
        new JoinWaitingListCommand(
            small, "wait-dave", "dave", PlaceSelection.bestAvailable("OR", 1, false), "en"));
    commands.sendAndWait(
        new JoinWaitingListCommand(
            small, "wait-carol", "carol", PlaceSelection.bestAvailable("OR", 1, false), "fr"));
    commands.sendAndWait(new LeaveWaitingListCommand(small, "dave"));
    commands.sendAndWait(new ReleaseHoldCommand(small, "full", "alice"));
    HoldOutcome paid =
        commands.sendAndWait(new SellHeldPlacesCommand(small, "wait-bob", "pay-wait-bob"));
    assertThat(paid.status()).isEqualTo(HoldStatus.SOLD);
    assertThat(guichet.payloads(small))
        .filteredOn(WaitingListOfferMadeEvent.class::isInstance)
        .hasSize(2);
  }

  @Test
  void every_view_rebuilt_after_an_onsale_equals_the_live_one_and_keeps_up_with_new_sales()
      throws Exception {
    CommandGateway commands = guichet.commands();
    String onsale = api.eventOnSale(ARENA, HOLD, 4, 1000);
    String later = api.eventOnSale(ARENA, "PT10M", 4, 1000);

    // The onsale: BUYERS buyers until ORDERS orders have been made.
    AtomicInteger orders = new AtomicInteger();
    AtomicInteger unexpected = new AtomicInteger();
    Map<String, Sale> sold = new ConcurrentHashMap<>();
    List<String> toPayLate = Collections.synchronizedList(new ArrayList<>());
    ExecutorService pool = Executors.newFixedThreadPool(BUYERS);
    List<Future<?>> buyers = new ArrayList<>();
    for (int b = 0; b < BUYERS; b++) {
      String buyer = "buyer-" + b;
      buyers.add(
          pool.submit(
              () -> {
                while (orders.incrementAndGet() <= ORDERS) {
                  try {
                    buyOnce(commands, onsale, buyer, sold, toPayLate);
                  } catch (RuntimeException e) {
                    unexpected.incrementAndGet();
                    e.printStackTrace();
                  }
                }
              }));
    }
    // A ceiling for a loaded 2-core machine, not a speed requirement.
    for (Future<?> buyer : buyers) {
      buyer.get(8, TimeUnit.MINUTES);
    }
    assertThat(unexpected).hasValue(0);

    // Payments that arrive after their hold expired, and sales the box office cancels (refunds).
    await()
        .atMost(Duration.ofMinutes(3))
        .pollInterval(Duration.ofMillis(500))
        .until(
            () -> PlaceLedger.replay(guichet.history(onsale)).count(State.HELD) == 0, done -> done);
    for (String orderId : toPayLate) {
      HoldOutcome late =
          commands.sendAndWait(new SellHeldPlacesCommand(onsale, orderId, "late-" + orderId));
      assertThat(late.status()).isNotEqualTo(HoldStatus.HELD);
    }
    List<String> refunded = sold.keySet().stream().sorted().limit(5).toList();
    refunded.forEach(
        orderId ->
            commands.sendAndWait(new CancelSaleCommand(onsale, orderId, "refund on request")));
    List<Object> history = guichet.payloads(onsale);
    assertThat(history).filteredOn(PlacesHeldEvent.class::isInstance).hasSizeGreaterThan(1_900);
    assertThat(history).filteredOn(HoldExpiredEvent.class::isInstance).isNotEmpty();
    assertThat(history).filteredOn(SaleCancelledEvent.class::isInstance).hasSize(5);
    assertThat(PlaceLedger.replay(guichet.history(onsale)).violations()).isEmpty();
    waitingListScene(commands);
    awaitEveryProcessorAtTheHead();

    // Sales go on at the other event while every view is rebuilt.
    AtomicBoolean selling = new AtomicBoolean(true);
    Map<String, Boolean> laterOrders = new ConcurrentHashMap<>();
    AtomicInteger madeAfterRebuildStarted = new AtomicInteger();
    AtomicBoolean rebuildStarted = new AtomicBoolean();
    AtomicBoolean switched = new AtomicBoolean();
    Map<String, Boolean> afterTheSwitch = new ConcurrentHashMap<>();
    AtomicInteger soldLater = new AtomicInteger();
    List<Future<?>> laterBuyers = new ArrayList<>();
    for (int b = 0; b < 2; b++) {
      String buyerPrefix = "late-buyer-" + b + "-";
      laterBuyers.add(
          pool.submit(
              () -> {
                int made = 0;
                while (selling.get()) {
                  // a new buyer every 100 orders: however long the rebuild takes on a busy
                  // machine, no buyer reaches the per-customer limit
                  String buyer = buyerPrefix + (made++ / 100);
                  String orderId = UUID.randomUUID().toString();
                  commands.sendAndWait(
                      new HoldPlacesCommand(
                          later, orderId, buyer, PlaceSelection.standing("FOSSE", 1)));
                  // pays until LATER_SALES places are sold, then releases: the pit never sells out
                  boolean pay =
                      ThreadLocalRandom.current().nextInt(3) > 0
                          && soldLater.incrementAndGet() <= LATER_SALES;
                  if (pay) {
                    commands.sendAndWait(new SellHeldPlacesCommand(later, orderId, "p-" + orderId));
                  } else {
                    commands.sendAndWait(new ReleaseHoldCommand(later, orderId, buyer));
                  }
                  laterOrders.put(orderId, pay);
                  if (switched.get()) {
                    afterTheSwitch.put(orderId, pay);
                  }
                  if (rebuildStarted.get()) {
                    madeAfterRebuildStarted.incrementAndGet();
                  }
                  // a few orders a second: enough to prove sales go on, not so many that the
                  // rebuild has to chase a flood of new events on a loaded machine
                  sleep(500);
                }
                return null;
              }));
    }
    long soldAtTheOnsale = PlaceLedger.replay(guichet.history(onsale)).count(State.SOLD);
    // Every view at once, from one reading of the history.
    List<?> started =
        api.as("manager-1", "MANAGER", "POST", "/api/views/rebuild", null)
            .expectStatus()
            .isAccepted()
            .expectBody(List.class)
            .returnResult()
            .getResponseBody();
    rebuildStarted.set(true);
    assertThat(started)
        .hasSize(VIEWS.size())
        .allSatisfy(
            p -> {
              assertThat(((Map<?, ?>) p).get("state")).isEqualTo("REPLAYING");
              assertThat(((Map<?, ?>) p).get("generation")).isEqualTo(2);
              assertThat(((Map<?, ?>) p).get("liveGeneration")).isEqualTo(1);
            });
    // While the views replay beside the live ones, the live views serve everything.
    // A ceiling for a loaded 2-core machine, not a speed requirement.
    AtomicInteger readsDuringReplay = new AtomicInteger();
    await()
        .atMost(Duration.ofMinutes(6))
        .pollInterval(Duration.ofSeconds(1))
        .until(
            () -> {
              assertStillSelling(laterBuyers);
              assertThat(soldPlaces(onsale)).isEqualTo(soldAtTheOnsale);
              api.as("manager-1", "MANAGER", "GET", "/api/orders/" + refunded.get(0), null)
                  .expectStatus()
                  .isOk()
                  .expectBody()
                  .jsonPath("$.status")
                  .isEqualTo("CANCELLED");
              readsDuringReplay.incrementAndGet();
              return VIEWS.stream()
                  .allMatch(view -> "CAUGHT_UP".equals(progress(view).get("state")));
            });
    assertThat(readsDuringReplay.get()).isPositive();
    await()
        .atMost(Duration.ofSeconds(30))
        .alias("sales went on during the rebuild")
        .until(() -> assertStillSelling(laterBuyers) && madeAfterRebuildStarted.get() > 0);

    // Caught up, and while sales go on: no difference from the live views.
    for (String view : VIEWS) {
      // The comparison with the live view is made shortly after the replay caught up: wait for it.
      Map<?, ?> progress =
          await()
              .atMost(Duration.ofSeconds(60))
              .pollInterval(Duration.ofMillis(500))
              .until(() -> progress(view), p -> p.get("differences") != null);
      assertThat(((Number) progress.get("eventsApplied")).longValue()).as(view).isPositive();
      assertThat(progress.get("differences")).as(view + ": " + progress).isEqualTo(0);
      Map<?, ?> report =
          api.as("auditor-1", "AUDITOR", "GET", "/api/views/" + view + "/comparison", null)
              .expectStatus()
              .isOk()
              .expectBody(Map.class)
              .returnResult()
              .getResponseBody();
      assertThat(report.get("stage")).as(view).isEqualTo("shadow");
      assertThat(report.get("replaying")).as(view).isEqualTo(false);
      assertNoDifference(view, report);
      if (view.equals("orders")) {
        Map<?, ?> ordersCollection = (Map<?, ?>) ((List<?>) report.get("collections")).get(0);
        assertThat(((Number) ordersCollection.get("same")).longValue())
            .as("orders of the onsale, unchanged since the rebuild: " + report)
            .isGreaterThan(1_900);
      }
    }

    // Switch over while sales go on; an auditor may follow but not switch.
    api.as("auditor-1", "AUDITOR", "POST", "/api/views/orders/switch", null)
        .expectStatus()
        .isForbidden();
    for (String view : VIEWS) {
      api.as("director-1", "DIRECTOR", "POST", "/api/views/" + view + "/switch", null)
          .expectStatus()
          .isOk()
          .expectBody()
          .jsonPath("$.state")
          .isEqualTo("SWITCHED")
          .jsonPath("$.liveGeneration")
          .isEqualTo(2);
    }
    switched.set(true);
    await()
        .atMost(Duration.ofSeconds(60))
        .alias("sales went on after the switch")
        .until(() -> assertStillSelling(laterBuyers) && afterTheSwitch.size() > 5);
    selling.set(false);
    for (Future<?> buyer : laterBuyers) {
      buyer.get(1, TimeUnit.MINUTES);
    }
    pool.shutdown();
    awaitEveryProcessorAtTheHead();

    List<?> views =
        api.as("manager-1", "MANAGER", "GET", "/api/views", null)
            .expectStatus()
            .isOk()
            .expectBody(List.class)
            .returnResult()
            .getResponseBody();
    assertThat(views)
        .hasSize(VIEWS.size())
        .allSatisfy(
            v -> {
              assertThat(((Map<?, ?>) v).get("generation")).isEqualTo(2);
              assertThat(((Map<?, ?>) v).get("running")).isEqualTo(true);
              assertThat(((Map<?, ?>) v).get("rebuild")).isEqualTo("SWITCHED");
            });
    // The generation switched to went on with the sales; the one it replaced stopped at the switch.
    for (String view : VIEWS) {
      Map<?, ?> report =
          api.as("auditor-1", "AUDITOR", "GET", "/api/views/" + view + "/comparison", null)
              .expectStatus()
              .isOk()
              .expectBody(Map.class)
              .returnResult()
              .getResponseBody();
      assertThat(report.get("stage")).as(view).isEqualTo("switched");
      assertNoDifference(view, report);
    }

    // The rebuilt orders view shows the refunded orders cancelled, as their aggregates are.
    for (String orderId : refunded) {
      api.as("manager-1", "MANAGER", "GET", "/api/orders/" + orderId, null)
          .expectStatus()
          .isOk()
          .expectBody()
          .jsonPath("$.status")
          .isEqualTo("CANCELLED");
    }

    // The rebuilt views serve the sales made during the rebuild and after the switch.
    long paid = laterOrders.values().stream().filter(Boolean::booleanValue).count();
    assertThat(ordersOf(later, "CONFIRMED")).as("paid at the other event").isEqualTo(paid);
    assertThat(ordersOf(later, "CANCELLED"))
        .as("released at the other event")
        .isEqualTo(laterOrders.size() - paid);
    assertThat(afterTheSwitch).hasSizeGreaterThan(5);
    for (Map.Entry<String, Boolean> order : afterTheSwitch.entrySet()) {
      api.as("manager-1", "MANAGER", "GET", "/api/orders/" + order.getKey(), null)
          .expectStatus()
          .isOk()
          .expectBody()
          .jsonPath("$.status")
          .isEqualTo(order.getValue() ? "CONFIRMED" : "CANCELLED");
    }
    for (String eventId : List.of(onsale, later)) {
      PlaceLedger ledger = PlaceLedger.replay(guichet.history(eventId));
      String states =
          (String)
              api.anonymous("GET", "/api/events/" + eventId + "/availability", null)
                  .expectStatus()
                  .isOk()
                  .expectBody(Map.class)
                  .returnResult()
                  .getResponseBody()
                  .get("states");
      assertThat(states.chars().filter(c -> c == 'S').count())
          .as("sold places of " + eventId)
          .isEqualTo(ledger.count(State.SOLD));
      assertThat(states.chars().filter(c -> c == 'H').count()).isEqualTo(ledger.count(State.HELD));
    }
  }

  /**
   * Fails at once, with its cause, if a later buyer has stopped (a command failed): sales would not
   * go on any more, and waiting for them would only hide why.
   */
  private static boolean assertStillSelling(List<Future<?>> buyers) throws Exception {
    for (Future<?> buyer : buyers) {
      if (buyer.isDone()) {
        buyer.get();
        throw new AssertionError("a later buyer stopped while sales should go on");
      }
    }
    return true;
  }

  /** How many orders of {@code eventId} the orders view has in {@code status}. */
  private static long ordersOf(String eventId, String status) {
    return ((Number)
            api.as(
                    "manager-1",
                    "MANAGER",
                    "GET",
                    "/api/orders?eventId=" + eventId + "&status=" + status + "&size=1",
                    null)
                .expectStatus()
                .isOk()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody()
                .get("total"))
        .longValue();
  }

  private static void assertNoDifference(String view, Map<?, ?> report) {
    assertThat(((Number) report.get("differences")).longValue()).as(view + ": " + report).isZero();
    assertThat((List<?>) report.get("collections"))
        .as(view)
        .allSatisfy(
            c -> assertThat(((Number) ((Map<?, ?>) c).get("differences")).longValue()).isZero());
  }

  private static Map<?, ?> progress(String view) {
    return api.as("auditor-1", "AUDITOR", "GET", "/api/views/" + view + "/rebuild", null)
        .expectStatus()
        .isOk()
        .expectBody(Map.class)
        .returnResult()
        .getResponseBody();
  }

  private static long soldPlaces(String eventId) {
    String states =
        (String)
            api.anonymous("GET", "/api/events/" + eventId + "/availability", null)
                .expectStatus()
                .isOk()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody()
                .get("states");
    return states.chars().filter(c -> c == 'S').count();
  }

  /** One order: a hold, then a payment, a release, an abandoned hold or a payment too late. */
  private static void buyOnce(
      CommandGateway commands,
      String eventId,
      String buyer,
      Map<String, Sale> sold,
      List<String> toPayLate) {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    String orderId = UUID.randomUUID().toString();
    PlaceSelection selection =
        random.nextInt(10) == 0
            ? PlaceSelection.bestAvailable(random.nextBoolean() ? "OR" : "C1", 1, false)
            : PlaceSelection.standing("FOSSE", 1 + random.nextInt(2));
    HoldOutcome held;
    try {
      held = commands.sendAndWait(new HoldPlacesCommand(eventId, orderId, buyer, selection));
    } catch (CommandRejectedException soldOut) {
      return;
    }
    int choice = random.nextInt(100);
    if (choice < 60) {
      HoldOutcome paid =
          commands.sendAndWait(new SellHeldPlacesCommand(eventId, orderId, "pay-" + orderId));
      if (paid.status() == HoldStatus.SOLD) {
        sold.put(orderId, new Sale(orderId, held.placeIds(), true));
      }
    } else if (choice < 85) {
      commands.sendAndWait(new ReleaseHoldCommand(eventId, orderId, buyer));
    } else if (choice < 97) {
      // abandoned: the hold expires
    } else {
      toPayLate.add(orderId);
    }
  }

  /**
   * Waits until every event processor has handled every event stored, including those that
   * processes append while handling others (the order-lifecycle process creates Orders): until the
   * head of the store stays where the processors are.
   */
  private static void awaitEveryProcessorAtTheHead() {
    EventStore store = guichet.eventStore();
    EventProcessingConfiguration processing = guichet.bean(EventProcessingConfiguration.class);
    await()
        .atMost(Duration.ofMinutes(4))
        .pollInterval(Duration.ofMillis(500))
        .until(
            () -> {
              long head = store.createHeadToken().position().orElse(0);
              boolean caughtUp =
                  processing.eventProcessors().values().stream()
                      .filter(StreamingEventProcessor.class::isInstance)
                      .map(StreamingEventProcessor.class::cast)
                      .filter(StreamingEventProcessor::isRunning)
                      .allMatch(
                          processor ->
                              !processor.processingStatus().isEmpty()
                                  && processor.processingStatus().values().stream()
                                      .allMatch(
                                          segment ->
                                              segment.getCurrentPosition().orElse(-1) >= head));
              return caughtUp && store.createHeadToken().position().orElse(0) == head;
            });
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
