package fr.guichet.command.event;

import static fr.guichet.command.event.EventFixtures.EVENT;
import static fr.guichet.command.event.EventFixtures.onSale;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.guichet.api.event.EventCommand.HoldPlacesCommand;
import fr.guichet.api.event.EventCommand.ReleaseHoldCommand;
import fr.guichet.api.event.EventCommand.SellHeldPlacesCommand;
import fr.guichet.api.event.EventDomainEvent.PlacesHeldEvent;
import fr.guichet.api.event.HoldOutcome;
import fr.guichet.api.event.HoldOutcome.HoldStatus;
import fr.guichet.api.event.PlaceSelection;
import fr.guichet.api.rejection.CommandRejectedException;
import fr.guichet.command.config.BatchingCommandBus;
import fr.guichet.command.config.BoundedAggregateCache;
import fr.guichet.command.config.RejectionKeepsUnitOfWork;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.common.transaction.Transaction;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.AggregateConfigurer;
import org.axonframework.config.Configuration;
import org.axonframework.config.ConfigurationScopeAwareProvider;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.deadline.SimpleDeadlineManager;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.correlation.MessageOriginProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.axonframework.messaging.interceptors.CorrelationDataInterceptor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Holds on the real Event aggregate through the batching bus. The pricing of one order ("gate")
 * waits until the test lets it go, which keeps the Event's worker busy while the holds under test
 * queue up; they then run as one batch. No timing is asserted.
 */
class BatchedHoldsTest {

  private static final Duration PATIENCE = Duration.ofSeconds(60);

  private final CountDownLatch gateEntered = new CountDownLatch(1);
  private final CountDownLatch gateOpen = new CountDownLatch(1);
  private final AtomicInteger transactions = new AtomicInteger();
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private BatchingCommandBus bus;
  private Configuration axon;
  private CommandGateway gateway;

  @BeforeEach
  void start() {
    bus =
        BatchingCommandBus.builder()
            .transactionManager(countingTransactions())
            .rollbackConfiguration(new RejectionKeepsUnitOfWork())
            .batched(
                BatchingCommandBus.payloadIn(
                    Set.of(
                        HoldPlacesCommand.class,
                        ReleaseHoldCommand.class,
                        SellHeldPlacesCommand.class)))
            .meterRegistry(meters)
            .build();
    bus.registerHandlerInterceptor(
        new CorrelationDataInterceptor<>(
            List.of(new MessageOriginProvider(), new SimpleCorrelationDataProvider("actorId"))));
    OrderOpening pricing =
        (order, basket) -> {
          if (order.orderId().equals("gate")) {
            gateEntered.countDown();
            try {
              gateOpen.await(PATIENCE.toSeconds(), TimeUnit.SECONDS);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
          return () -> {};
        };
    axon =
        DefaultConfigurer.defaultConfiguration()
            .configureEmbeddedEventStore(c -> new InMemoryEventStorageEngine())
            .configureCommandBus(c -> bus)
            .configureDeadlineManager(
                c ->
                    SimpleDeadlineManager.builder()
                        .scopeAwareProvider(new ConfigurationScopeAwareProvider(c))
                        .build())
            .registerComponent(OrderOpening.class, c -> pricing)
            .configureAggregate(
                AggregateConfigurer.defaultConfiguration(Event.class)
                    .configureCache(c -> new BoundedAggregateCache(4)))
            .buildConfiguration();
    axon.start();
    List<EventMessage<?>> history = new ArrayList<>();
    List<Object> given = onSale();
    for (int i = 0; i < given.size(); i++) {
      history.add(new GenericDomainEventMessage<>("Event", EVENT, i, given.get(i)));
    }
    axon.eventStore().publish(history);
    gateway = DefaultCommandGateway.builder().commandBus(bus).build();
  }

  @AfterEach
  void stop() {
    gateOpen.countDown();
    bus.destroy();
    axon.shutdown();
  }

  @Test
  void holds_queued_together_are_decided_in_order_and_stored_once_each_with_their_buyer()
      throws Exception {
    CompletableFuture<HoldOutcome> gate = hold("gate", "gatekeeper", "ORCH-C-1");
    assertThat(gateEntered.await(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isTrue();
    int before = transactions.get();

    CompletableFuture<HoldOutcome> alice = hold("o1", "alice", "ORCH-A-1");
    CompletableFuture<HoldOutcome> aliceRetry = hold("o1", "alice", "ORCH-A-1");
    CompletableFuture<HoldOutcome> bob = hold("o2", "bob", "ORCH-A-1");
    CompletableFuture<HoldOutcome> carol = hold("o3", "carol", "ORCH-A-2");
    gateOpen.countDown();

    assertThat(gate).succeedsWithin(PATIENCE);
    HoldOutcome held = alice.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
    assertThat(held.status()).isEqualTo(HoldStatus.HELD);
    assertThat(aliceRetry).succeedsWithin(PATIENCE).isEqualTo(held);
    assertThatThrownBy(() -> bob.get(PATIENCE.toSeconds(), TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .cause()
        .isInstanceOfSatisfying(
            CommandRejectedException.class,
            e -> assertThat(e.rejection().code()).isEqualTo("places-not-free"));
    assertThat(carol)
        .succeedsWithin(PATIENCE)
        .extracting(HoldOutcome::status)
        .isEqualTo(HoldStatus.HELD);

    List<? extends DomainEventMessage<?>> holds =
        axon.eventStore()
            .readEvents(EVENT)
            .asStream()
            .filter(e -> e.getPayload() instanceof PlacesHeldEvent)
            .toList();
    assertThat(holds)
        .extracting(e -> ((PlacesHeldEvent) e.getPayload()).orderId())
        .containsExactly("gate", "o1", "o3");
    for (DomainEventMessage<?> event : holds) {
      PlacesHeldEvent payload = (PlacesHeldEvent) event.getPayload();
      assertThat(event.getMetaData().get("actorId")).isEqualTo(payload.customerId());
    }
    // The four queued commands shared one transaction.
    assertThat(transactions.get() - before).isEqualTo(1);
    assertThat(meters.counter("guichet.command.batching.batches").count()).isEqualTo(1.0);
  }

  private CompletableFuture<HoldOutcome> hold(String orderId, String buyer, String place) {
    return gateway.send(
        new GenericCommandMessage<>(
                new HoldPlacesCommand(
                    EVENT, orderId, buyer, PlaceSelection.specific(List.of(place))))
            .andMetaData(Map.of("actorId", buyer)));
  }

  private TransactionManager countingTransactions() {
    return () -> {
      transactions.incrementAndGet();
      return new Transaction() {
        @Override
        public void commit() {}

        @Override
        public void rollback() {}
      };
    };
  }
}
