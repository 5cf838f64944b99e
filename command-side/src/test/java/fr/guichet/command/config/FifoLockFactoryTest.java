package fr.guichet.command.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import fr.guichet.api.event.EventCommand.ExpireOverdueHoldsCommand;
import fr.guichet.api.event.EventCommand.HoldPlacesCommand;
import fr.guichet.api.event.EventCommand.JoinWaitingListCommand;
import fr.guichet.api.event.EventCommand.ReleaseHoldCommand;
import fr.guichet.api.event.EventCommand.SellHeldPlacesCommand;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.common.lock.Lock;
import org.axonframework.common.lock.LockAcquisitionFailedException;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.junit.jupiter.api.Test;

class FifoLockFactoryTest {

  private final ThreadLocal<Boolean> urgentCommand = ThreadLocal.withInitial(() -> false);
  private final FifoLockFactory locks =
      new FifoLockFactory(Duration.ofSeconds(30), urgentCommand::get);

  @Test
  void waiting_commands_get_the_aggregate_in_the_order_they_asked_for_it() throws Exception {
    List<String> arrivals = IntStream.range(0, 20).mapToObj(i -> "hold-" + i).toList();

    assertThat(servedAfterTheyAllWait(arrivals)).containsExactlyElementsOf(arrivals);
    assertThat(locks.aggregatesInUse()).isZero();
  }

  @Test
  void a_command_finishing_a_hold_passes_the_new_holds_waiting_but_not_an_earlier_finisher()
      throws Exception {
    List<String> arrivals = List.of("hold-1", "hold-2", "sale-1", "hold-3", "sale-2");

    assertThat(servedAfterTheyAllWait(arrivals))
        .containsExactly("sale-1", "sale-2", "hold-1", "hold-2", "hold-3");
    assertThat(locks.aggregatesInUse()).isZero();
  }

  /**
   * Holds the Event while one thread per name, started in that order, queues for it ("sale-…" ones
   * as urgent commands), then lets them in: the order they were served in.
   */
  private List<String> servedAfterTheyAllWait(List<String> arrivals) throws InterruptedException {
    Lock first = locks.obtainLock("event-1");
    List<String> served = new CopyOnWriteArrayList<>();
    List<Thread> waiters = new ArrayList<>();
    for (String name : arrivals) {
      int before = waiters.size();
      Thread waiter =
          new Thread(
              () -> {
                urgentCommand.set(name.startsWith("sale"));
                Lock lock = locks.obtainLock("event-1");
                served.add(name);
                lock.release();
              });
      waiter.start();
      waiters.add(waiter);
      await().atMost(Duration.ofSeconds(10)).until(() -> locks.waiting("event-1") == before + 1);
    }
    first.release();
    for (Thread waiter : waiters) {
      waiter.join(10_000);
    }
    return served;
  }

  @Test
  void only_new_demand_waits_behind_the_commands_that_finish_holds() {
    assertThat(inUnitOfWork(new HoldPlacesCommand("e", "o", "c", null))).isFalse();
    assertThat(inUnitOfWork(new JoinWaitingListCommand("e", "o", "c", null, "fr"))).isFalse();
    assertThat(inUnitOfWork(new SellHeldPlacesCommand("e", "o", "p", null, null))).isTrue();
    assertThat(inUnitOfWork(new ReleaseHoldCommand("e", "o", "c"))).isTrue();
    assertThat(inUnitOfWork(new ExpireOverdueHoldsCommand("e"))).isTrue();
    // a deadline or anything else outside a command's unit of work
    assertThat(AggregateCacheConfiguration.finishesWhatHasBegun()).isTrue();
  }

  private static boolean inUnitOfWork(Object command) {
    DefaultUnitOfWork<?> unitOfWork =
        DefaultUnitOfWork.startAndGet(GenericCommandMessage.asCommandMessage(command));
    try {
      return AggregateCacheConfiguration.finishesWhatHasBegun();
    } finally {
      unitOfWork.rollback();
    }
  }

  @Test
  void the_holder_may_lock_again_and_the_lock_goes_only_when_every_hold_is_released() {
    Lock outer = locks.obtainLock("event-1");
    Lock inner = locks.obtainLock("event-1");
    assertThat(inner.isHeld()).isTrue();

    inner.release();
    assertThat(outer.isHeld()).isTrue();
    assertThat(locks.aggregatesInUse()).isEqualTo(1);

    outer.release();
    assertThat(outer.isHeld()).isFalse();
    assertThat(locks.aggregatesInUse()).isZero();
  }

  @Test
  void a_command_waiting_longer_than_the_limit_is_refused_and_leaves_nothing_behind()
      throws Exception {
    FifoLockFactory impatient = new FifoLockFactory(Duration.ofMillis(100), () -> false);
    Lock held = impatient.obtainLock("event-1");
    ExecutorService other = Executors.newSingleThreadExecutor();
    try {
      Future<?> attempt = other.submit(() -> impatient.obtainLock("event-1"));
      assertThatThrownBy(() -> attempt.get(10, TimeUnit.SECONDS))
          .hasCauseInstanceOf(LockAcquisitionFailedException.class)
          .hasMessageContaining("event-1");
    } finally {
      other.shutdownNow();
    }
    held.release();
    assertThat(impatient.aggregatesInUse()).isZero();
  }

  @Test
  void locks_of_different_aggregates_do_not_wait_for_each_other() {
    Lock one = locks.obtainLock("event-1");
    Lock two = locks.obtainLock("event-2");
    assertThat(one.isHeld()).isTrue();
    assertThat(two.isHeld()).isTrue();
    one.release();
    two.release();
    assertThat(locks.aggregatesInUse()).isZero();
  }

  @Test
  void many_threads_never_hold_one_aggregate_at_once_and_no_lock_is_left_over() throws Exception {
    int threads = 32;
    int rounds = 2_000;
    AtomicInteger inside = new AtomicInteger();
    AtomicInteger overlaps = new AtomicInteger();
    AtomicInteger done = new AtomicInteger();
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> work = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        work.add(
            pool.submit(
                () -> {
                  start.await();
                  for (int r = 0; r < rounds; r++) {
                    urgentCommand.set(r % 5 == 0);
                    String id = "event-" + (r % 3);
                    Lock lock = locks.obtainLock(id);
                    try {
                      if (id.equals("event-0") && inside.incrementAndGet() > 1) {
                        overlaps.incrementAndGet();
                      }
                      done.incrementAndGet();
                    } finally {
                      if (id.equals("event-0")) {
                        inside.decrementAndGet();
                      }
                      lock.release();
                    }
                  }
                  return null;
                }));
      }
      start.countDown();
      for (Future<?> f : work) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(overlaps.get()).isZero();
    assertThat(done.get()).isEqualTo(threads * rounds);
    assertThat(locks.aggregatesInUse()).isZero();
  }
}
