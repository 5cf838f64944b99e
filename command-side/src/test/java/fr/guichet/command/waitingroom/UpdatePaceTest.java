package fr.guichet.command.waitingroom;

import static org.assertj.core.api.Assertions.assertThat;

import fr.guichet.command.waitingroom.VisitorView.State;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class UpdatePaceTest {

  private static final long SECOND = 1_000_000_000L;

  private static VisitorView queued(long position, long pollAfterSeconds) {
    return new VisitorView(
        "e-1",
        State.QUEUED,
        position,
        30_000,
        position * 2,
        null,
        null,
        null,
        null,
        pollAfterSeconds);
  }

  private static VisitorView admitted() {
    return new VisitorView(
        "e-1", State.ADMITTED, 0, 30_000, null, null, "token", Instant.EPOCH, Instant.EPOCH, null);
  }

  @Test
  void a_visitor_far_back_is_sent_a_view_when_a_polling_page_would_ask_again() {
    UpdatePace pace = new UpdatePace();
    int sent = 0;
    for (int second = 0; second < 120; second++) {
      if (pace.send(second * SECOND, queued(20_000 - second, 40))) {
        sent++;
      }
    }

    // At 0, 40 and 80 s: three frames in two minutes instead of 120.
    assertThat(sent).isEqualTo(3);
  }

  @Test
  void admission_is_sent_within_the_second_whatever_the_pace() {
    UpdatePace pace = new UpdatePace();
    assertThat(pace.send(0, queued(5_000, 40))).isTrue();
    assertThat(pace.send(SECOND, queued(4_990, 40))).isFalse();

    assertThat(pace.send(2 * SECOND, admitted())).isTrue();
    assertThat(UpdatePace.waiting(admitted())).isFalse();
  }

  @Test
  void near_the_front_the_pace_quickens_as_the_advice_shortens() {
    UpdatePace pace = new UpdatePace();
    assertThat(pace.send(0, queued(3, 2))).isTrue();
    assertThat(pace.send(SECOND, queued(2, 2))).isFalse();
    assertThat(pace.send(2 * SECOND, queued(1, 2))).isTrue();
  }
}
