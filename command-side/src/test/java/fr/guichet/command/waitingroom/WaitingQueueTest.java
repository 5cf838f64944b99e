package fr.guichet.command.waitingroom;

import static org.assertj.core.api.Assertions.assertThat;

import fr.guichet.command.waitingroom.WaitingQueue.Status;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WaitingQueueTest {

  private static final long WINDOW = 900;
  private static final long GRACE = 120;

  private static List<Long> admitAll(WaitingQueue queue, long now) {
    List<Long> order = new ArrayList<>();
    queue.admit(Integer.MAX_VALUE, now, GRACE, order::add, key -> {});
    return order;
  }

  @Test
  void early_visitors_are_admitted_in_a_random_order_and_all_before_any_later_arrival() {
    int early = 1_000;
    WaitingQueue queue = new WaitingQueue(16);
    for (long key = 1; key <= early; key++) {
      queue.join(key, 100, WINDOW);
      assertThat(queue.standing(key).status()).isEqualTo(Status.PRE_QUEUED);
    }
    queue.open(42L);
    for (long key = early + 1; key <= early + 500; key++) {
      queue.join(key, 101, WINDOW);
    }

    List<Long> order = admitAll(queue, 102);

    assertThat(order).hasSize(early + 500);
    assertThat(order.subList(0, early)).allMatch(key -> key <= early);
    assertThat(order.subList(early, early + 500))
        .as("later arrivals: first come, first served")
        .isSorted()
        .allMatch(key -> key > early);
    // The arrival order gives no advantage: it is not kept, and the first-come is not favoured.
    List<Long> earlyOrder = order.subList(0, early);
    assertThat(earlyOrder).isNotEqualTo(earlyOrder.stream().sorted().toList());
    long firstHalfOfArrivalsInFirstHalfOfAdmissions =
        earlyOrder.subList(0, early / 2).stream().filter(key -> key <= early / 2).count();
    assertThat(firstHalfOfArrivalsInFirstHalfOfAdmissions).isBetween(200L, 300L);
  }

  @Test
  void the_pre_queue_order_depends_on_the_secret_seed_only() {
    WaitingQueue a = new WaitingQueue(16);
    WaitingQueue b = new WaitingQueue(16);
    WaitingQueue c = new WaitingQueue(16);
    for (long key = 1; key <= 200; key++) {
      a.join(key, 0, WINDOW);
      b.join(key, 0, WINDOW);
      c.join(key, 0, WINDOW);
    }
    a.open(7L);
    b.open(7L);
    c.open(8L);
    assertThat(admitAll(a, 1)).isEqualTo(admitAll(b, 1)).isNotEqualTo(admitAll(c, 1));
  }

  @Test
  void position_counts_down_as_visitors_are_admitted() {
    WaitingQueue queue = new WaitingQueue(16);
    queue.open(1L);
    for (long key = 1; key <= 10; key++) {
      queue.join(key, 0, WINDOW);
    }
    assertThat(queue.standing(7).position()).isEqualTo(7);
    assertThat(queue.admit(3, 1, GRACE, k -> {}, k -> {})).isEqualTo(3);
    assertThat(queue.standing(7).position()).isEqualTo(4);
    assertThat(queue.standing(2).status()).isEqualTo(Status.ADMITTED);
    assertThat(queue.waiting()).isEqualTo(7);
  }

  @Test
  void one_place_per_account_joining_again_keeps_the_place() {
    WaitingQueue queue = new WaitingQueue(16);
    queue.open(1L);
    assertThat(queue.join(5, 0, WINDOW)).isTrue();
    assertThat(queue.join(6, 0, WINDOW)).isTrue();
    assertThat(queue.join(5, 10, WINDOW)).isFalse();
    assertThat(queue.waiting()).isEqualTo(2);
    assertThat(queue.standing(5).position()).isEqualTo(1);
  }

  @Test
  void a_visitor_back_within_the_grace_period_keeps_their_place_one_away_longer_loses_it() {
    WaitingQueue queue = new WaitingQueue(16);
    queue.open(1L);
    queue.join(1, 0, WINDOW); // leaves and never comes back
    queue.join(2, 0, WINDOW); // leaves and comes back within the grace period
    queue.join(3, 0, WINDOW);
    queue.touch(2, 100);
    queue.touch(3, 190);

    Set<Long> dropped = new HashSet<>();
    List<Long> admitted = new ArrayList<>();
    int done = queue.admit(2, 200, GRACE, admitted::add, dropped::add);

    assertThat(done).isEqualTo(2);
    assertThat(admitted).containsExactly(2L, 3L);
    assertThat(dropped).containsExactly(1L);
    assertThat(queue.standing(1).status()).isEqualTo(Status.NOT_QUEUED);
    assertThat(queue.join(1, 201, WINDOW)).as("back at the end").isTrue();
    assertThat(queue.standing(1).position()).isEqualTo(1);
  }

  @Test
  void an_admitted_visitor_may_queue_again_only_once_their_admission_window_is_over() {
    WaitingQueue queue = new WaitingQueue(16);
    queue.open(1L);
    queue.join(1, 0, WINDOW);
    queue.admit(1, 0, GRACE, k -> {}, k -> {});
    assertThat(queue.join(1, WINDOW, WINDOW)).isFalse();
    assertThat(queue.standing(1).status()).isEqualTo(Status.ADMITTED);
    assertThat(queue.join(1, WINDOW + 1, WINDOW)).isTrue();
    assertThat(queue.standing(1).status()).isEqualTo(Status.QUEUED);
  }

  @Test
  void a_queue_restored_slot_by_slot_answers_like_the_original() {
    WaitingQueue original = new WaitingQueue(16);
    WaitingQueue restored = new WaitingQueue(16);
    for (long key = 1; key <= 50; key++) {
      original.join(key, 0, WINDOW);
    }
    original.open(99L);
    original.admit(10, 1, GRACE, k -> {}, k -> {});
    int[] order = WaitingQueue.shuffledOrder(50, 99L);
    List<Long> admitted = admitAll(copyOf(original), 2);
    for (int slot = 0; slot < 50; slot++) {
      long key = order[slot] + 1;
      restored.restore(key, slot < 10 ? 1 : 0, slot < 10, false, true);
    }
    restored.restored(true);
    for (long key = 1; key <= 50; key++) {
      assertThat(restored.standing(key)).isEqualTo(original.standing(key));
    }
    assertThat(admitAll(restored, 2)).isEqualTo(admitted);
  }

  private static WaitingQueue copyOf(WaitingQueue queue) {
    // admitAll mutates; rebuild an identical queue by the same operations.
    WaitingQueue copy = new WaitingQueue(16);
    for (long key = 1; key <= 50; key++) {
      copy.join(key, 0, WINDOW);
    }
    copy.open(99L);
    copy.admit(10, 1, GRACE, k -> {}, k -> {});
    return copy;
  }
}
