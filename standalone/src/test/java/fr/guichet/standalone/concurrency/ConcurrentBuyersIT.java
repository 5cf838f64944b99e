package fr.guichet.standalone.concurrency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fr.guichet.api.event.EventCommand.HoldPlacesCommand;
import fr.guichet.api.event.EventCommand.ReleaseHoldCommand;
import fr.guichet.api.event.EventCommand.SellHeldPlacesCommand;
import fr.guichet.api.event.EventDomainEvent.PaymentAfterHoldEndedEvent;
import fr.guichet.api.event.EventDomainEvent.PlacesHeldEvent;
import fr.guichet.api.event.HoldOutcome;
import fr.guichet.api.event.HoldOutcome.HoldStatus;
import fr.guichet.api.event.PlaceSelection;
import fr.guichet.api.order.OrderDomainEvent.OrderConfirmedEvent;
import fr.guichet.api.rejection.CommandRejectedException;
import fr.guichet.standalone.support.Api;
import fr.guichet.standalone.support.GuichetInstance;
import fr.guichet.standalone.support.PlaceLedger;
import fr.guichet.standalone.support.PlaceLedger.State;
import fr.guichet.standalone.support.Plans;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 64 buyers race for the same 20 seats, round after round, holding, retrying, releasing, paying and
 * abandoning (so holds expire, some while their payment arrives). Afterwards the event store is
 * replayed place by place: at no moment may a place be held or sold by two orders.
 */
class ConcurrentBuyersIT {

  private static final int BUYERS = 64;
  private static final int ROUNDS = 5;
  private static final Duration ROUND = Duration.ofSeconds(4);
  private static final Duration HOLD = Duration.ofSeconds(2);

  @TempDir static Path dataDir;
  static GuichetInstance guichet;

  @BeforeAll
  static void start() {
    guichet = GuichetInstance.start(dataDir);
  }

  @AfterAll
  static void stop() {
    guichet.close();
  }

  private record Acknowledged(String eventId, String orderId, List<String> places, boolean sold) {}

  /**
   * The races below pay through confirmations handled in parallel: the payment-confirmation
   * processor is a pooled one on four segments (one thread fell far behind at a full onsale).
   */
  @Test
  void payment_confirmations_are_handled_on_four_segments() {
    EventProcessingConfiguration processing = guichet.bean(EventProcessingConfiguration.class);
    var processor =
        processing.eventProcessor("payment-confirmation", PooledStreamingEventProcessor.class);
    assertThat(processor).isPresent();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> processor.get().processingStatus().size() == 4);
  }

  @Test
  void no_place_is_ever_held_or_sold_by_two_orders() throws Exception {
    Api api = new Api(guichet);
    CommandGateway commands = guichet.commands();
    List<String> events = new ArrayList<>();
    Map<String, Acknowledged> acknowledged = new ConcurrentHashMap<>();
    AtomicInteger conflicts = new AtomicInteger();
    AtomicInteger lateConfirmations = new AtomicInteger();
    AtomicInteger unexpected = new AtomicInteger();

    for (int round = 0; round < ROUNDS; round++) {
      String eventId = api.eventOnSale(Plans.TWENTY_SEATS, HOLD.toString(), 4, 1000);
      events.add(eventId);
      long endAt = System.nanoTime() + ROUND.toNanos();
      ExecutorService pool = Executors.newFixedThreadPool(BUYERS);
      CountDownLatch done = new CountDownLatch(BUYERS);
      for (int b = 0; b < BUYERS; b++) {
        String buyer = "buyer-" + round + "-" + b;
        pool.submit(
            () -> {
              try {
                while (System.nanoTime() < endAt) {
                  buyOnce(commands, eventId, buyer, acknowledged, conflicts, lateConfirmations);
                }
              } catch (Throwable t) {
                unexpected.incrementAndGet();
                t.printStackTrace();
              } finally {
                done.countDown();
              }
            });
      }
      assertThat(done.await(2, TimeUnit.MINUTES)).isTrue();
      pool.shutdown();
    }

    assertThat(unexpected).hasValue(0);
    assertThat(conflicts.get()).as("the buyers really competed").isGreaterThan(100);

    for (String eventId : events) {
      await()
          .atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(500))
          .untilAsserted(
              () ->
                  assertThat(PlaceLedger.replay(guichet.history(eventId)).count(State.HELD))
                      .as("every unpaid hold ends by expiry")
                      .isZero());
      PlaceLedger ledger = PlaceLedger.replay(guichet.history(eventId));
      assertThat(ledger.violations()).isEmpty();
      assertThat(ledger.capacity()).isEqualTo(20);
      assertThat(ledger.count(State.FREE) + ledger.count(State.SOLD)).isEqualTo(20);
      for (Acknowledged ack : acknowledged.values()) {
        if (!ack.eventId().equals(eventId)) {
          continue;
        }
        assertThat(ledger.heldOrders()).contains(ack.orderId());
        if (ack.sold()) {
          assertThat(ledger.soldByOrder()).containsEntry(ack.orderId(), ack.places());
        }
      }
      long heldEvents =
          guichet.payloads(eventId).stream().filter(PlacesHeldEvent.class::isInstance).count();
      assertThat(heldEvents).isEqualTo(ledger.heldOrders().size());
    }
    List<Acknowledged> sold = acknowledged.values().stream().filter(Acknowledged::sold).toList();
    assertThat(sold).isNotEmpty();
    assertThat(lateConfirmations.get()).as("some payments lost the race to expiry").isPositive();
    for (Acknowledged ack : sold) {
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () ->
                  assertThat(guichet.payloads(ack.orderId()))
                      .filteredOn(OrderConfirmedEvent.class::isInstance)
                      .hasSize(1));
    }
    long recordedLatePayments =
        events.stream()
            .flatMap(e -> guichet.payloads(e).stream())
            .filter(PaymentAfterHoldEndedEvent.class::isInstance)
            .count();
    assertThat(recordedLatePayments).isEqualTo(lateConfirmations.get());
  }

  private static void buyOnce(
      CommandGateway commands,
      String eventId,
      String buyer,
      Map<String, Acknowledged> acknowledged,
      AtomicInteger conflicts,
      AtomicInteger lateConfirmations)
      throws InterruptedException {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    String orderId = UUID.randomUUID().toString();
    PlaceSelection selection =
        random.nextInt(4) == 0
            ? PlaceSelection.bestAvailable("OR", 2, false)
            : PlaceSelection.specific(randomSeats(random, 1 + random.nextInt(3)));
    HoldOutcome outcome;
    try {
      outcome = commands.sendAndWait(new HoldPlacesCommand(eventId, orderId, buyer, selection));
      if (random.nextInt(10) == 0) {
        HoldOutcome retried =
            commands.sendAndWait(new HoldPlacesCommand(eventId, orderId, buyer, selection));
        assertThat(retried.placeIds()).isEqualTo(outcome.placeIds());
      }
    } catch (CommandRejectedException rejected) {
      conflicts.incrementAndGet();
      return;
    }
    acknowledged.put(orderId, new Acknowledged(eventId, orderId, outcome.placeIds(), false));
    int choice = random.nextInt(100);
    if (choice < 3) {
      confirm(commands, eventId, orderId, outcome, acknowledged, lateConfirmations);
    } else if (choice < 8) {
      Thread.sleep(HOLD.toMillis() - 50 + random.nextInt(150));
      confirm(commands, eventId, orderId, outcome, acknowledged, lateConfirmations);
    } else if (choice < 55) {
      commands.sendAndWait(new ReleaseHoldCommand(eventId, orderId, buyer));
    }
  }

  private static void confirm(
      CommandGateway commands,
      String eventId,
      String orderId,
      HoldOutcome held,
      Map<String, Acknowledged> acknowledged,
      AtomicInteger lateConfirmations) {
    HoldOutcome result =
        commands.sendAndWait(new SellHeldPlacesCommand(eventId, orderId, "pay-" + orderId));
    if (result.status() == HoldStatus.SOLD) {
      acknowledged.put(orderId, new Acknowledged(eventId, orderId, held.placeIds(), true));
    } else {
      lateConfirmations.incrementAndGet();
    }
  }

  private static List<String> randomSeats(ThreadLocalRandom random, int count) {
    List<String> seats = new ArrayList<>();
    while (seats.size() < count) {
      String seat = "ORCH-" + (random.nextBoolean() ? "A" : "B") + "-" + (1 + random.nextInt(10));
      if (!seats.contains(seat)) {
        seats.add(seat);
      }
    }
    return seats;
  }
}
