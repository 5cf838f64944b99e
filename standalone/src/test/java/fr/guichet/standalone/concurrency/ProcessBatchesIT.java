package fr.guichet.standalone.concurrency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fr.guichet.api.event.EventCommand.HoldPlacesCommand;
import fr.guichet.api.event.EventCommand.ReleaseHoldCommand;
import fr.guichet.api.event.PlaceSelection;
import fr.guichet.api.order.OrderDomainEvent.OrderCancelledEvent;
import fr.guichet.standalone.support.Api;
import fr.guichet.standalone.support.GuichetInstance;
import fr.guichet.standalone.support.Plans;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.common.Registration;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The order-lifecycle process handles waiting events in batches, one transaction each. A command
 * failing half-way through a batch rolls the whole batch back; the retry then handles every event
 * once more, and no order is cancelled twice nor left behind.
 */
class ProcessBatchesIT {

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

  @Test
  void a_batch_that_fails_half_way_is_retried_whole_and_each_order_is_cancelled_once() {
    String eventId = new Api(guichet).eventOnSale(Plans.TWENTY_SEATS, "PT10M", 4, 1000);
    EventProcessor lifecycle =
        guichet
            .bean(EventProcessingConfiguration.class)
            .eventProcessor("order-lifecycle", TrackingEventProcessor.class)
            .orElseThrow();
    Map<String, Integer> batchOfOrder = new ConcurrentHashMap<>();
    Registration watching =
        lifecycle.registerHandlerInterceptor(
            (unitOfWork, chain) -> {
              String orderId = orderIdIn(unitOfWork.getMessage().getPayload().toString());
              if (orderId != null) {
                batchOfOrder.put(orderId, System.identityHashCode(unitOfWork.root()));
              }
              return chain.proceed();
            });

    lifecycle.shutDown();
    List<String> orders = new ArrayList<>();
    for (String row : List.of("A", "B")) {
      for (int seat = 1; seat <= 10; seat++) {
        String orderId = "batch-" + UUID.randomUUID();
        guichet
            .commands()
            .sendAndWait(
                new HoldPlacesCommand(
                    eventId,
                    orderId,
                    "buyer-" + orderId,
                    PlaceSelection.specific(List.of("ORCH-" + row + "-" + seat))));
        guichet
            .commands()
            .sendAndWait(new ReleaseHoldCommand(eventId, orderId, "buyer-" + orderId));
        orders.add(orderId);
      }
    }
    String failing = orders.get(12);
    AtomicInteger attempts = new AtomicInteger();
    Registration failingOnce =
        guichet
            .bean(CommandBus.class)
            .registerHandlerInterceptor(
                (unitOfWork, chain) -> {
                  Object command = unitOfWork.getMessage().getPayload();
                  if (command.getClass().getSimpleName().equals("CancelOrderCommand")
                      && command.toString().contains(failing)
                      && attempts.getAndIncrement() == 0) {
                    throw new IllegalStateException("a passing failure, for this test");
                  }
                  return chain.proceed();
                });
    try {
      lifecycle.start();
      await()
          .atMost(Duration.ofSeconds(60))
          .untilAsserted(
              () ->
                  assertThat(orders)
                      .allSatisfy(
                          orderId ->
                              assertThat(guichet.payloads(orderId))
                                  .filteredOn(OrderCancelledEvent.class::isInstance)
                                  .hasSize(1)));
    } finally {
      failingOnce.cancel();
      watching.cancel();
    }

    assertThat(attempts).as("the failed command was tried again").hasValueGreaterThan(1);
    for (String orderId : orders) {
      assertThat(guichet.payloads(orderId))
          .as("order %s", orderId)
          .filteredOn(OrderCancelledEvent.class::isInstance)
          .hasSize(1);
    }
    Set<Integer> batches = Set.copyOf(batchOfOrder.values());
    assertThat(batches)
        .as("twenty waiting releases were handled in fewer transactions than events")
        .hasSizeLessThan(orders.size());
  }

  private static String orderIdIn(String payload) {
    int at = payload.indexOf("batch-");
    return at < 0 ? null : payload.substring(at, at + "batch-".length() + 36);
  }
}
