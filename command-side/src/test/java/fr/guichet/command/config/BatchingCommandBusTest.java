package fr.guichet.command.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.guichet.api.rejection.CommandRejectedException;
import fr.guichet.command.config.Ledger.Book;
import fr.guichet.command.config.Ledger.Booked;
import fr.guichet.command.config.Ledger.Gate;
import fr.guichet.command.config.Ledger.OpenLedger;
import fr.guichet.command.config.Ledger.Wait;
import fr.guichet.command.web.ProblemResponses;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.common.transaction.Transaction;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.AggregateConfigurer;
import org.axonframework.config.Configuration;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.correlation.MessageOriginProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.axonframework.messaging.interceptors.CorrelationDataInterceptor;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * The batching bus on a real Axon configuration (in-memory event store, caching repository, the
 * test {@link Ledger} aggregate). To make batches deterministic, a {@link Wait} command keeps the
 * ledger's worker busy while the commands under test queue up behind it; they are then taken
 * together. No timing is asserted.
 */
class BatchingCommandBusTest {

  private static final Duration PATIENCE = Duration.ofSeconds(60);
  private static final String LEDGER = "ledger-1";

  private final CountingTransactions transactions = new CountingTransactions();
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private BatchingCommandBus bus;
  private Configuration axon;
  private CommandGateway gateway;

  private void start(int maxBatch, int maxQueued) {
    bus =
        BatchingCommandBus.builder()
            .transactionManager(transactions)
            .rollbackConfiguration(new RejectionKeepsUnitOfWork())
            .batched(BatchingCommandBus.payloadIn(Set.of(Book.class, Wait.class)))
            .maxBatch(maxBatch)
            .maxQueued(maxQueued)
            .workers(2)
            .shutdownMillis(500)
            .meterRegistry(meters)
            .build();
    bus.registerHandlerInterceptor(
        new CorrelationDataInterceptor<>(
            List.of(new MessageOriginProvider(), new SimpleCorrelationDataProvider("actorId"))));
    axon =
        DefaultConfigurer.defaultConfiguration()
            .configureEmbeddedEventStore(c -> new InMemoryEventStorageEngine())
            .configureCommandBus(c -> bus)
            .configureAggregate(
                AggregateConfigurer.defaultConfiguration(Ledger.class)
                    .configureCache(c -> new BoundedAggregateCache(8)))
            .buildConfiguration();
    axon.start();
    gateway = DefaultCommandGateway.builder().commandBus(bus).build();
    gateway.sendAndWait(new OpenLedger(LEDGER));
  }

  @AfterEach
  void stop() {
    Ledger.GATES.values().forEach(gate -> gate.open().countDown());
    if (bus != null) {
      bus.destroy();
    }
    if (axon != null) {
      axon.shutdown();
    }
  }

  @Test
  void commands_queued_behind_a_busy_aggregate_commit_together_each_with_its_own_result() {
    start(64, 2_000);
    CompletableFuture<Object> waiting = holdTheWorker();
    int before = transactions.started.get();

    List<CompletableFuture<Integer>> booked = new ArrayList<>();
    for (int i = 1; i <= 20; i++) {
      booked.add(book("entry-" + i, 100 + i, "buyer-" + i));
    }
    openGate(waiting);

    for (int i = 1; i <= 20; i++) {
      assertThat(booked.get(i - 1)).succeedsWithin(PATIENCE).isEqualTo(i);
    }
    // The waiting command had its own transaction already; the twenty share one.
    assertThat(transactions.started.get() - before).isEqualTo(1);
    assertThat(transactions.committed.get()).isEqualTo(transactions.started.get());
    assertThat(meters.counter("guichet.command.batching.batches").count()).isEqualTo(1.0);
    assertThat(meters.counter("guichet.command.batching.commands").count()).isEqualTo(20.0);
    assertThat(bookedEvents()).extracting(e -> e.getPayload().position()).containsExactly(ids(20));
  }

  @Test
  void each_stored_event_carries_the_metadata_of_the_command_that_caused_it() {
    start(64, 2_000);
    CompletableFuture<Object> waiting = holdTheWorker();
    List<String> commandIds = new ArrayList<>();
    List<CompletableFuture<Integer>> booked = new ArrayList<>();
    for (int i = 1; i <= 10; i++) {
      GenericCommandMessage<Book> command =
          new GenericCommandMessage<>(new Book(LEDGER, "entry-" + i, i))
              .andMetaData(Map.of("actorId", "buyer-" + i));
      commandIds.add(command.getIdentifier());
      booked.add(gateway.send(command));
    }
    openGate(waiting);
    booked.forEach(f -> assertThat(f).succeedsWithin(PATIENCE));

    List<DomainEventMessage<Booked>> events = bookedEvents();
    assertThat(events).hasSize(10);
    for (DomainEventMessage<Booked> event : events) {
      int n = Integer.parseInt(event.getPayload().entryId().substring("entry-".length()));
      MetaData metaData = event.getMetaData();
      assertThat(metaData.get("actorId")).isEqualTo("buyer-" + n);
      assertThat(metaData.get("correlationId")).isEqualTo(commandIds.get(n - 1));
      assertThat(metaData.get("traceId")).isEqualTo(commandIds.get(n - 1));
    }
    assertThat(meters.counter("guichet.command.batching.batches").count()).isEqualTo(1.0);
  }

  @Test
  void many_concurrent_senders_each_get_their_result_and_every_event_is_stored_once()
      throws Exception {
    start(64, 2_000);
    CompletableFuture<Object> waiting = holdTheWorker();
    int before = transactions.started.get();
    ExecutorService senders = Executors.newFixedThreadPool(8);
    List<Future<List<CompletableFuture<Integer>>>> sent = new ArrayList<>();
    for (int t = 0; t < 8; t++) {
      int thread = t;
      sent.add(
          senders.submit(
              () -> {
                List<CompletableFuture<Integer>> mine = new ArrayList<>();
                for (int i = 0; i < 50; i++) {
                  mine.add(book("t" + thread + "-" + i, 100 + i, "buyer-" + thread));
                }
                return mine;
              }));
    }
    List<CompletableFuture<Integer>> all = new ArrayList<>();
    for (Future<List<CompletableFuture<Integer>>> f : sent) {
      all.addAll(f.get(PATIENCE.toSeconds(), TimeUnit.SECONDS));
    }
    senders.shutdown();
    openGate(waiting);

    List<Integer> positions = new ArrayList<>();
    for (CompletableFuture<Integer> f : all) {
      positions.add(f.get(PATIENCE.toSeconds(), TimeUnit.SECONDS));
    }
    assertThat(positions).containsExactlyInAnyOrder(ids(400));
    assertThat(bookedEvents()).extracting(e -> e.getPayload().position()).containsExactly(ids(400));
    // 400 commands in batches of at most 64: 7 transactions.
    assertThat(transactions.started.get() - before).isEqualTo(7);
  }

  @Test
  void a_rejected_command_in_the_middle_of_a_batch_gets_its_rejection_and_the_others_commit() {
    start(64, 2_000);
    CompletableFuture<Object> waiting = holdTheWorker();
    int before = transactions.started.get();
    CompletableFuture<Integer> first = book("a", 5, "buyer-a");
    CompletableFuture<Integer> refused = book("b", 0, "buyer-b");
    CompletableFuture<Integer> third = book("c", 7, "buyer-c");
    openGate(waiting);

    assertThat(first).succeedsWithin(PATIENCE).isEqualTo(1);
    assertThat(third).succeedsWithin(PATIENCE).isEqualTo(2);
    assertThatThrownBy(() -> refused.get(PATIENCE.toSeconds(), TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .cause()
        .isInstanceOfSatisfying(
            CommandRejectedException.class,
            e -> assertThat(e.rejection().code()).isEqualTo("amount"));
    assertThat(bookedEvents()).extracting(e -> e.getPayload().entryId()).containsExactly("a", "c");
    assertThat(transactions.started.get() - before).isEqualTo(1);
    assertThat(meters.counter("guichet.command.batching.fallbacks").count()).isZero();
  }

  @Test
  void a_command_that_fails_after_applying_rolls_the_batch_back_and_the_others_succeed_alone() {
    start(64, 2_000);
    CompletableFuture<Object> waiting = holdTheWorker();
    CompletableFuture<Integer> first = book("a", 5, "buyer-a");
    CompletableFuture<Integer> failing = book("x", Ledger.FAILS_AFTER_APPLYING, "buyer-x");
    CompletableFuture<Integer> third = book("c", 7, "buyer-c");
    openGate(waiting);

    assertThat(first).succeedsWithin(PATIENCE).isEqualTo(1);
    assertThat(third).succeedsWithin(PATIENCE).isEqualTo(2);
    assertThatThrownBy(() -> failing.get(PATIENCE.toSeconds(), TimeUnit.SECONDS))
        .hasRootCauseInstanceOf(IllegalStateException.class);
    assertThat(meters.counter("guichet.command.batching.fallbacks").count()).isEqualTo(1.0);
    assertThat(transactions.rolledBack.get()).isEqualTo(2); // the batch, then "x" alone
    // Nothing "x" applied is stored, and the cached ledger did not keep it either.
    assertThat(bookedEvents()).extracting(e -> e.getPayload().entryId()).containsExactly("a", "c");
    assertThat(gateway.<Integer>sendAndWait(new Book(LEDGER, "d", 1))).isEqualTo(3);
  }

  @Test
  void a_refusal_after_applying_keeps_what_was_applied_as_on_the_simple_bus() {
    // Axon runs event dispatch interceptors at the root's commit, so RejectionKeepsUnitOfWork does
    // not know, when the refusal is thrown, that an event was applied: the nested unit commits.
    // The cached ledger and the store stay in step; the batch needs no fallback.
    start(64, 2_000);
    CompletableFuture<Object> waiting = holdTheWorker();
    CompletableFuture<Integer> first = book("a", 5, "buyer-a");
    CompletableFuture<Integer> refused = book("r", Ledger.REFUSED_AFTER_APPLYING, "buyer-r");
    CompletableFuture<Integer> third = book("c", 7, "buyer-c");
    openGate(waiting);

    assertThat(first).succeedsWithin(PATIENCE).isEqualTo(1);
    assertThat(third).succeedsWithin(PATIENCE).isEqualTo(3);
    assertThatThrownBy(() -> refused.get(PATIENCE.toSeconds(), TimeUnit.SECONDS))
        .cause()
        .isInstanceOfSatisfying(
            CommandRejectedException.class,
            e -> assertThat(e.rejection().code()).isEqualTo("late-refusal"));
    assertThat(bookedEvents())
        .extracting(e -> e.getPayload().entryId())
        .containsExactly("a", "r", "c");
    assertThat(meters.counter("guichet.command.batching.fallbacks").count()).isZero();
  }

  @Test
  void the_same_request_twice_in_one_batch_is_booked_once() {
    start(64, 2_000);
    CompletableFuture<Object> waiting = holdTheWorker();
    CompletableFuture<Integer> once = book("same", 5, "buyer-a");
    CompletableFuture<Integer> again = book("same", 5, "buyer-a");
    openGate(waiting);

    assertThat(once).succeedsWithin(PATIENCE).isEqualTo(1);
    assertThat(again).succeedsWithin(PATIENCE).isEqualTo(1);
    assertThat(bookedEvents()).hasSize(1);
    assertThat(meters.counter("guichet.command.batching.batches").count()).isEqualTo(1.0);
  }

  @Test
  void beyond_the_queue_bound_a_command_is_refused_at_once_as_overloaded() {
    start(64, 2);
    CompletableFuture<Object> waiting = holdTheWorker();
    CompletableFuture<Integer> queued1 = book("a", 1, "buyer-a");
    CompletableFuture<Integer> queued2 = book("b", 1, "buyer-b");

    CompletableFuture<Integer> refused = book("c", 1, "buyer-c");

    assertThat(refused).isCompletedExceptionally();
    assertThatThrownBy(refused::join)
        .cause()
        .isInstanceOfSatisfying(
            CommandRejectedException.class,
            e -> {
              assertThat(e.rejection().code()).isEqualTo(BatchingCommandBus.OVERLOADED);
              assertThat(e.rejection().kind().name()).isEqualTo("UNAVAILABLE");
            });
    assertThat(meters.counter("guichet.command.batching.refused").count()).isEqualTo(1.0);
    assertThat(bus.queued()).isEqualTo(2);
    openGate(waiting);
    assertThat(queued1).succeedsWithin(PATIENCE).isEqualTo(1);
    assertThat(queued2).succeedsWithin(PATIENCE).isEqualTo(2);
  }

  @Test
  void over_http_a_full_queue_is_a_503_problem_with_retry_after() {
    start(64, 1);
    CompletableFuture<Object> waiting = holdTheWorker();
    CompletableFuture<Integer> queued = book("a", 1, "buyer-a");
    WebTestClient http =
        WebTestClient.bindToController(new BookingController(gateway))
            .controllerAdvice(new ProblemResponses(meters))
            .build();

    http.post()
        .uri("/ledgers/{id}/entries/{entry}", LEDGER, "b")
        .exchange()
        .expectStatus()
        .isEqualTo(503)
        .expectHeader()
        .valueEquals("Retry-After", "1")
        .expectHeader()
        .contentType("application/problem+json")
        .expectBody()
        .jsonPath("$.code")
        .isEqualTo("overloaded");

    openGate(waiting);
    assertThat(queued).succeedsWithin(PATIENCE).isEqualTo(1);
  }

  @Test
  void closing_the_bus_answers_every_queued_command_and_hangs_on_nothing() {
    start(64, 2_000);
    CompletableFuture<Object> waiting = holdTheWorker();
    List<CompletableFuture<Integer>> queued = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      queued.add(book("q" + i, 1, "buyer"));
    }

    // The worker stays busy past the shutdown bound: the bus interrupts it and answers the rest.
    bus.destroy();

    assertThat(waiting).failsWithin(PATIENCE);
    for (CompletableFuture<Integer> f : queued) {
      assertThat(f)
          .satisfiesAnyOf(
              done -> assertThat(done).succeedsWithin(PATIENCE),
              refused ->
                  assertThatThrownBy(() -> refused.get(PATIENCE.toSeconds(), TimeUnit.SECONDS))
                      .cause()
                      .isInstanceOfSatisfying(
                          CommandRejectedException.class,
                          e ->
                              assertThat(e.rejection().code())
                                  .isEqualTo(BatchingCommandBus.SHUTTING_DOWN)));
    }
    // After closing, commands take the ordinary path.
    assertThat(gateway.<Integer>sendAndWait(new Book(LEDGER, "late", 1))).isPositive();
  }

  @Test
  void commands_that_do_not_batch_run_at_once_on_the_caller_thread() {
    start(64, 2_000);
    CompletableFuture<Object> waiting = holdTheWorker();

    // The ledger's worker is busy; a command that does not batch does not wait for it.
    gateway.sendAndWait(new OpenLedger("ledger-2"));

    assertThat(axon.eventStore().readEvents("ledger-2").asStream()).hasSize(1);
    openGate(waiting);
    assertThat(waiting).succeedsWithin(PATIENCE);
  }

  @Test
  void a_command_sent_inside_a_unit_of_work_runs_nested_in_it_on_the_callers_thread() {
    start(64, 2_000);
    DefaultUnitOfWork<?> outer =
        DefaultUnitOfWork.startAndGet(GenericEventMessage.asEventMessage("an event handled"));
    CompletableFuture<Integer> booked = book("from-a-handler", 3, "process");
    // Answered before send returned: it ran here, not on a worker.
    assertThat(booked).isCompletedWithValue(1);
    outer.rollback();

    // Part of the caller's unit of work: rolled back with it.
    assertThat(bookedEvents()).isEmpty();
    assertThat(meters.counter("guichet.command.batching.batches").count()).isZero();
  }

  /** Sends a {@link Wait} and returns once the ledger's worker is inside it. */
  private CompletableFuture<Object> holdTheWorker() {
    String name = UUID.randomUUID().toString();
    Gate gate = new Gate();
    Ledger.GATES.put(name, gate);
    CompletableFuture<Object> waiting = gateway.send(new Wait(LEDGER, name));
    try {
      assertThat(gate.entered().await(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isTrue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    waiting.whenComplete((r, e) -> Ledger.GATES.remove(name));
    return waiting;
  }

  private void openGate(CompletableFuture<Object> waiting) {
    Ledger.GATES.values().forEach(gate -> gate.open().countDown());
    assertThat(waiting).succeedsWithin(PATIENCE);
  }

  private CompletableFuture<Integer> book(String entry, int amount, String actor) {
    return gateway.send(
        new GenericCommandMessage<>(new Book(LEDGER, entry, amount))
            .andMetaData(Map.of("actorId", actor)));
  }

  @SuppressWarnings("unchecked")
  private List<DomainEventMessage<Booked>> bookedEvents() {
    return axon.eventStore()
        .readEvents(LEDGER)
        .asStream()
        .filter(e -> e.getPayload() instanceof Booked)
        .map(e -> (DomainEventMessage<Booked>) e)
        .toList();
  }

  private static Integer[] ids(int n) {
    Integer[] ids = new Integer[n];
    for (int i = 0; i < n; i++) {
      ids[i] = i + 1;
    }
    return ids;
  }

  /** Counts the transactions the bus opens, commits and rolls back. */
  static final class CountingTransactions implements TransactionManager {
    final AtomicInteger started = new AtomicInteger();
    final AtomicInteger committed = new AtomicInteger();
    final AtomicInteger rolledBack = new AtomicInteger();

    @Override
    public Transaction startTransaction() {
      started.incrementAndGet();
      return new Transaction() {
        @Override
        public void commit() {
          committed.incrementAndGet();
        }

        @Override
        public void rollback() {
          rolledBack.incrementAndGet();
        }
      };
    }
  }

  /** A minimal endpoint that books through the gateway, as the command controllers do. */
  @RestController
  static final class BookingController {
    private final CommandGateway gateway;

    BookingController(CommandGateway gateway) {
      this.gateway = gateway;
    }

    @PostMapping("/ledgers/{id}/entries/{entry}")
    Mono<Integer> book(@PathVariable String id, @PathVariable String entry) {
      return Mono.fromFuture(() -> gateway.<Integer>send(new Book(id, entry, 1)));
    }
  }
}
