package fr.guichet.command.waitingroom;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PollAdviceTest {

  private static final long LONG_GRACE = 600;

  @Test
  void a_queued_visitor_asks_again_after_half_their_estimated_wait() {
    assertThat(PollAdvice.queued(20, LONG_GRACE)).isEqualTo(10);
    assertThat(PollAdvice.queued(21, LONG_GRACE)).isEqualTo(11);
    assertThat(PollAdvice.queued(90, LONG_GRACE)).isEqualTo(45);
  }

  @Test
  void near_the_front_a_visitor_asks_every_two_seconds_and_far_back_once_a_minute() {
    assertThat(PollAdvice.queued(0, LONG_GRACE)).isEqualTo(PollAdvice.MIN_SECONDS);
    assertThat(PollAdvice.queued(3, LONG_GRACE)).isEqualTo(PollAdvice.MIN_SECONDS);
    assertThat(PollAdvice.queued(121, LONG_GRACE)).isEqualTo(PollAdvice.MAX_SECONDS);
    assertThat(PollAdvice.queued(86_400, LONG_GRACE)).isEqualTo(PollAdvice.MAX_SECONDS);
  }

  @Test
  void following_the_advice_never_lets_a_visitor_outstay_the_grace_period() {
    // Grace 120 s: at most 40 s between polls, so two answers may be late or lost.
    assertThat(PollAdvice.queued(86_400, 120)).isEqualTo(40);
    assertThat(PollAdvice.preQueued(3_600, 120)).isEqualTo(40);
    // The shortest grace a manager may set (10 s): every 3 s.
    assertThat(PollAdvice.queued(86_400, 10)).isEqualTo(3);
    for (long grace = 10; grace <= 86_400; grace += 7) {
      assertThat(PollAdvice.queued(86_400, grace) * 3).isLessThanOrEqualTo(Math.max(6, grace));
    }
  }

  @Test
  void a_pre_queued_visitor_asks_again_when_the_room_opens_within_the_same_bounds() {
    assertThat(PollAdvice.preQueued(30, LONG_GRACE)).isEqualTo(30);
    assertThat(PollAdvice.preQueued(3_600, LONG_GRACE)).isEqualTo(PollAdvice.MAX_SECONDS);
    assertThat(PollAdvice.preQueued(1, LONG_GRACE)).isEqualTo(PollAdvice.MIN_SECONDS);
    assertThat(PollAdvice.preQueued(-5, LONG_GRACE)).isEqualTo(PollAdvice.MIN_SECONDS);
  }

  @Test
  void the_polls_a_large_room_draws_stay_bounded() {
    // 25,000 queued visitors admitted at 2 a second (the adaptive floor of a strained room): each
    // asks again after half its wait, at most a minute, so the room draws about n / 60 requests a
    // second, not n / 3 as with a fixed 3-second poll.
    double perSecond = 0;
    for (int position = 1; position <= 25_000; position++) {
      perSecond += 1.0 / PollAdvice.queued((long) Math.ceil(position / 2.0), LONG_GRACE);
    }
    assertThat(perSecond).isLessThan(25_000 / 60.0 + 50);
  }
}
