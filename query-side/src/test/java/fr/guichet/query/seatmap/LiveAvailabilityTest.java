package fr.guichet.query.seatmap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fr.guichet.api.query.PlaceState;
import fr.guichet.query.Plans;
import fr.guichet.query.seatmap.AvailabilityChange.Kind;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Subscription;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

class LiveAvailabilityTest {

  private final LiveAvailability live =
      new LiveAvailability("ev-1", 2, Plans.smallHall(), Map.of("BALC-A-1", PlaceState.BLOCKED), 3);

  @Test
  void the_snapshot_has_one_character_per_place_in_layout_order() {
    live.apply(4, PlaceState.HELD, List.of("ORCH-A-1", "ORCH-A-2"));
    AvailabilitySnapshot snapshot = live.snapshot();
    assertThat(snapshot.version()).isEqualTo(4);
    assertThat(snapshot.states()).hasSize(24).startsWith("HHFFF");
    assertThat(snapshot.states().charAt(10)).isEqualTo('B');
    assertThat(snapshot.counts())
        .containsEntry(PlaceState.HELD, 2)
        .containsEntry(PlaceState.BLOCKED, 1)
        .containsEntry(PlaceState.FREE, 21);
  }

  @Test
  void applying_an_event_twice_changes_nothing() {
    assertThat(live.apply(4, PlaceState.HELD, List.of("ORCH-A-1"))).isTrue();
    assertThat(live.apply(5, PlaceState.FREE, List.of("ORCH-A-1"))).isTrue();
    assertThat(live.apply(4, PlaceState.HELD, List.of("ORCH-A-1"))).isFalse();
    assertThat(live.snapshot().states()).startsWith("F");
    assertThat(live.version()).isEqualTo(5);
  }

  @Test
  void a_client_resuming_from_its_version_gets_exactly_the_changes_it_missed_then_live_ones() {
    live.apply(4, PlaceState.HELD, List.of("ORCH-A-1"));
    live.apply(6, PlaceState.SOLD, List.of("ORCH-A-1"));
    Flux<AvailabilityChange> changes = live.changesAfter(4);
    StepVerifier.create(changes)
        .assertNext(c -> assertThat(c.version()).isEqualTo(6))
        .then(() -> live.apply(7, PlaceState.HELD, List.of("ORCH-B-1")))
        .assertNext(
            c -> {
              assertThat(c.version()).isEqualTo(7);
              assertThat(c.placeIds()).containsExactly("ORCH-B-1");
            })
        .thenCancel()
        .verify(Duration.ofSeconds(2));
    assertThat(live.subscriberCount()).isZero();
  }

  @Test
  void a_client_resuming_from_a_forgotten_version_is_told_to_reload() {
    for (int seq = 4; seq < 4 + LiveAvailability.HISTORY + 10; seq++) {
      live.apply(seq, seq % 2 == 0 ? PlaceState.HELD : PlaceState.FREE, List.of("ORCH-A-1"));
    }
    StepVerifier.create(live.changesAfter(3))
        .assertNext(c -> assertThat(c.kind()).isEqualTo(Kind.RELOAD))
        .verifyComplete();
    StepVerifier.create(live.changesAfter(live.version() + 5))
        .assertNext(c -> assertThat(c.kind()).isEqualTo(Kind.RELOAD))
        .verifyComplete();
  }

  @Test
  void a_new_plan_tells_every_subscriber_to_reload() {
    Flux<AvailabilityChange> changes = live.changesAfter(3);
    live.relayout(9, Plans.smallHall(), Map.of());
    StepVerifier.create(changes)
        .assertNext(
            c -> {
              assertThat(c.kind()).isEqualTo(Kind.RELOAD);
              assertThat(c.version()).isEqualTo(9);
            })
        .verifyComplete();
    assertThat(live.snapshot().states()).doesNotContain("B");
    assertThat(live.layoutVersion()).isEqualTo(9);
  }

  @Test
  void a_slow_client_is_cut_after_its_buffer_while_the_others_get_every_change() {
    Flux<AvailabilityChange> slow = live.changesAfter(3);
    List<AvailabilityChange> fastSeen = new CopyOnWriteArrayList<>();
    live.changesAfter(3).subscribe(fastSeen::add);
    int changes = LiveAvailability.SUBSCRIBER_BUFFER + 50;
    int half = changes / 2;
    for (int seq = 4; seq < 4 + changes; seq++) {
      live.apply(seq, seq % 2 == 0 ? PlaceState.HELD : PlaceState.FREE, List.of("ORCH-A-1"));
      if (seq - 3 == half) {
        // a client that keeps up takes its changes as they come (delivery is asynchronous)
        await().atMost(Duration.ofSeconds(30)).until(() -> fastSeen.size() == half);
      }
    }
    await().atMost(Duration.ofSeconds(30)).until(() -> fastSeen.size() == changes);
    assertThat(live.subscriberCount()).isEqualTo(1);
    StepVerifier.create(slow)
        .expectNextCount(LiveAvailability.SUBSCRIBER_BUFFER)
        .as("the slow client gets what was buffered, then the stream ends so it resumes")
        .verifyComplete();
  }

  @Test
  void a_subscriber_stuck_in_its_own_code_does_not_hold_up_the_thread_that_applies_changes()
      throws Exception {
    CountDownLatch stuckInside = new CountDownLatch(1);
    CountDownLatch unstick = new CountDownLatch(1);
    List<String> stuckThreads = new CopyOnWriteArrayList<>();
    live.changesAfter(3)
        .subscribe(
            change -> {
              stuckThreads.add(Thread.currentThread().getName());
              stuckInside.countDown();
              try {
                unstick.await();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
    int changes = 200;
    ExecutorService projection =
        Executors.newSingleThreadExecutor(r -> new Thread(r, "projection"));
    try {
      Future<?> applying =
          projection.submit(
              () -> {
                for (int seq = 4; seq < 4 + changes; seq++) {
                  live.apply(
                      seq, seq % 2 == 0 ? PlaceState.HELD : PlaceState.FREE, List.of("ORCH-A-1"));
                }
              });
      applying.get(30, TimeUnit.SECONDS);
      assertThat(stuckInside.await(30, TimeUnit.SECONDS)).isTrue();
      assertThat(stuckThreads).doesNotContain("projection");
      assertThat(live.snapshot().version()).isEqualTo(3 + changes);
      assertThat(live.subscriberCount()).isEqualTo(1);
    } finally {
      unstick.countDown();
      projection.shutdownNow();
    }
  }

  @Test
  void a_subscriber_that_takes_one_change_and_no_more_holds_up_no_one() {
    List<AvailabilityChange> slowSeen = new CopyOnWriteArrayList<>();
    live.changesAfter(3)
        .subscribe(
            new BaseSubscriber<AvailabilityChange>() {
              @Override
              protected void hookOnSubscribe(Subscription subscription) {
                subscription.request(1);
              }

              @Override
              protected void hookOnNext(AvailabilityChange change) {
                slowSeen.add(change);
              }
            });
    List<AvailabilityChange> othersSeen = new CopyOnWriteArrayList<>();
    live.changesAfter(3).subscribe(othersSeen::add);
    int changes = 200;
    for (int seq = 4; seq < 4 + changes; seq++) {
      live.apply(seq, seq % 2 == 0 ? PlaceState.HELD : PlaceState.FREE, List.of("ORCH-A-1"));
    }
    await().atMost(Duration.ofSeconds(30)).until(() -> othersSeen.size() == changes);
    assertThat(othersSeen)
        .extracting(AvailabilityChange::version)
        .startsWith(4L)
        .endsWith(3L + changes);
    await().atMost(Duration.ofSeconds(30)).until(() -> slowSeen.size() == 1);
    assertThat(live.subscriberCount()).isEqualTo(2);
  }
}
