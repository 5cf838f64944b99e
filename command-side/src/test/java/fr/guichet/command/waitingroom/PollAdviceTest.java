package fr.guichet.command.waitingroom;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PollAdviceTest {

  @Test
  void a_queued_visitor_asks_again_after_half_their_estimated_wait() {
    assertThat(PollAdvice.queued(20)).isEqualTo(10);
    assertThat(PollAdvice.queued(21)).isEqualTo(11);
    assertThat(PollAdvice.queued(90)).isEqualTo(45);
  }

  @Test
  void near_the_front_a_visitor_asks_every_two_seconds_and_far_back_once_a_minute() {
    assertThat(PollAdvice.queued(0)).isEqualTo(PollAdvice.MIN_SECONDS);
    assertThat(PollAdvice.queued(3)).isEqualTo(PollAdvice.MIN_SECONDS);
    assertThat(PollAdvice.queued(121)).isEqualTo(PollAdvice.MAX_SECONDS);
    assertThat(PollAdvice.queued(86_400)).isEqualTo(PollAdvice.MAX_SECONDS);
  }

  @Test
  void a_pre_queued_visitor_asks_again_when_the_room_opens_within_the_same_bounds() {
    assertThat(PollAdvice.preQueued(30)).isEqualTo(30);
    assertThat(PollAdvice.preQueued(3_600)).isEqualTo(PollAdvice.MAX_SECONDS);
    assertThat(PollAdvice.preQueued(1)).isEqualTo(PollAdvice.MIN_SECONDS);
    assertThat(PollAdvice.preQueued(-5)).isEqualTo(PollAdvice.MIN_SECONDS);
  }

  @Test
  void the_polls_a_large_room_draws_stay_bounded() {
    // 25,000 queued visitors admitted at 2 a second (the adaptive floor of a strained room): each
    // asks again after half its wait, at most a minute, so the room draws about n / 60 requests a
    // second, not n / 3 as with a fixed 3-second poll.
    double perSecond = 0;
    for (int position = 1; position <= 25_000; position++) {
      perSecond += 1.0 / PollAdvice.queued((long) Math.ceil(position / 2.0));
    }
    assertThat(perSecond).isLessThan(25_000 / 60.0 + 50);
  }
}
