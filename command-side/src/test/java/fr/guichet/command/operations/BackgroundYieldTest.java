package fr.guichet.command.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.axonframework.config.Configuration;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Ticket mails and the dashboard give way to buyers' holds while the node is busy (bench/README.md,
 * session 10: the mails took 13 % of the platform's CPU at the full onsale), and run at full speed
 * otherwise.
 */
class BackgroundYieldTest {

  private final AtomicBoolean busy = new AtomicBoolean();
  private final AtomicLong clock = new AtomicLong();
  private final List<Long> pauses = new ArrayList<>();

  private BackgroundYield yieldWithShare(double share, Duration maxPerBatch) {
    return new BackgroundYield(busy::get, share, maxPerBatch, pauses::add, clock::get);
  }

  private Object handleTaking(BackgroundYield yield, UnitOfWork<EventMessage<?>> unit, long nanos)
      throws Exception {
    return yield.handle(
        unit,
        () -> {
          clock.addAndGet(nanos);
          return "handled";
        });
  }

  @AfterEach
  void endUnitsOfWork() {
    while (CurrentUnitOfWork.isStarted()) {
      CurrentUnitOfWork.get().rollback();
    }
  }

  private static UnitOfWork<EventMessage<?>> unitOfWork() {
    return DefaultUnitOfWork.startAndGet(GenericEventMessage.asEventMessage("TicketsIssued"));
  }

  @Test
  void a_node_that_is_not_busy_lets_background_work_run_at_full_speed() throws Exception {
    BackgroundYield yield = yieldWithShare(0.2, Duration.ofSeconds(2));

    assertThat(handleTaking(yield, unitOfWork(), 30_000_000)).isEqualTo("handled");

    assertThat(pauses).isEmpty();
  }

  @Test
  void a_busy_node_keeps_background_work_to_its_share_of_a_thread() throws Exception {
    busy.set(true);
    BackgroundYield yield = yieldWithShare(0.2, Duration.ofSeconds(2));

    assertThat(handleTaking(yield, unitOfWork(), 30_000_000)).isEqualTo("handled");

    // 30 ms of work at a fifth of the thread: 120 ms of pause after it.
    assertThat(pauses).containsExactly(120_000_000L);
  }

  @Test
  void one_batch_never_pauses_longer_than_its_bound_so_it_keeps_its_token_claim() throws Exception {
    busy.set(true);
    BackgroundYield yield = yieldWithShare(0.2, Duration.ofMillis(250));
    UnitOfWork<EventMessage<?>> batch = unitOfWork();

    for (int event = 0; event < 5; event++) {
      handleTaking(yield, batch, 30_000_000);
    }

    assertThat(pauses).containsExactly(120_000_000L, 120_000_000L, 10_000_000L);
    assertThat(pauses.stream().mapToLong(Long::longValue).sum()).isEqualTo(250_000_000L);

    // The next unit of work has its own bound.
    batch.commit();
    handleTaking(yield, unitOfWork(), 30_000_000);
    assertThat(pauses).hasSize(4);
  }

  @Test
  void an_interrupted_pause_ends_and_leaves_the_interrupt_for_the_processor() throws Exception {
    busy.set(true);
    BackgroundYield yield =
        new BackgroundYield(
            busy::get,
            0.2,
            Duration.ofSeconds(2),
            nanos -> {
              throw new InterruptedException("shutting down");
            },
            clock::get);

    assertThat(handleTaking(yield, unitOfWork(), 30_000_000)).isEqualTo("handled");

    assertThat(Thread.interrupted()).isTrue();
  }

  @Test
  void the_cpu_is_read_at_most_once_per_period_and_an_unknown_load_is_not_busy() {
    AtomicLong now = new AtomicLong();
    double[] load = {0.95};
    AtomicLong reads = new AtomicLong();
    BusyCpu cpu =
        new BusyCpu(
            () -> {
              reads.incrementAndGet();
              return load[0];
            },
            now::get,
            0.85,
            500);

    assertThat(cpu.getAsBoolean()).isTrue();
    load[0] = 0.10;
    now.set(499);
    assertThat(cpu.getAsBoolean()).isTrue();
    assertThat(reads).hasValue(1);
    now.set(500);
    assertThat(cpu.getAsBoolean()).isFalse();
    load[0] = -1;
    now.set(1_000);
    assertThat(cpu.getAsBoolean()).isFalse();
    assertThat(reads).hasValue(3);
  }

  @Test
  void only_the_background_processors_yield() {
    busy.set(true);
    List<String> handled = new ArrayList<>();
    Configuration axon =
        DefaultConfigurer.defaultConfiguration()
            .configureEmbeddedEventStore(c -> new InMemoryEventStorageEngine())
            .eventProcessing(
                processing -> {
                  processing.usingSubscribingEventProcessors();
                  processing.registerEventHandler(c -> new TicketMails(handled));
                  processing.registerEventHandler(c -> new HoldsView(handled));
                  BackgroundYieldConfiguration.register(
                      processing,
                      List.of("buyer-mail", " dashboard"),
                      new BackgroundYield(
                          busy::get,
                          0.5,
                          Duration.ofSeconds(1),
                          pauses::add,
                          () -> clock.addAndGet(1_000)));
                })
            .start();
    try {
      axon.eventBus().publish(GenericEventMessage.asEventMessage("TicketsIssued"));
    } finally {
      axon.shutdown();
    }

    assertThat(handled).containsExactlyInAnyOrder("buyer-mail", "orders");
    assertThat(pauses).containsExactly(1_000L);
  }

  @ProcessingGroup("buyer-mail")
  record TicketMails(List<String> handled) {
    @EventHandler
    void on(String event) {
      handled.add("buyer-mail");
    }
  }

  @ProcessingGroup("orders")
  record HoldsView(List<String> handled) {
    @EventHandler
    void on(String event) {
      handled.add("orders");
    }
  }
}
