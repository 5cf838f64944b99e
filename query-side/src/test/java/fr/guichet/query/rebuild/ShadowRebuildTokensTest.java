package fr.guichet.query.rebuild;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.ReplayToken;
import org.junit.jupiter.api.Test;

/**
 * The position arithmetic of a rebuild: it applies an event only once the live processor has (so
 * never one the live processor still waits for in a gap), and a switch waits until it has seen
 * every event the paused processor's token covers, gaps included.
 */
class ShadowRebuildTokensTest {

  private static GapAwareTrackingToken gapAware(long index, Long... gaps) {
    return GapAwareTrackingToken.newInstance(index, Set.of(gaps));
  }

  @Test
  void
      an_event_counts_as_applied_by_the_live_processor_only_at_or_before_its_position_outside_its_gaps() {
    GapAwareTrackingToken live = gapAware(10, 7L);
    assertThat(ShadowRebuild.applied(live, gapAware(6))).isTrue();
    assertThat(ShadowRebuild.applied(live, gapAware(7))).isFalse();
    assertThat(ShadowRebuild.applied(live, gapAware(10, 7L))).isTrue();
    assertThat(ShadowRebuild.applied(live, gapAware(11))).isFalse();
    assertThat(ShadowRebuild.applied(null, gapAware(1))).isFalse();
  }

  @Test
  void a_replaying_live_processor_has_applied_what_its_current_position_covers() {
    ReplayToken replaying = (ReplayToken) ReplayToken.createReplayToken(gapAware(20), gapAware(5));
    assertThat(ShadowRebuild.applied(replaying, gapAware(5))).isTrue();
    assertThat(ShadowRebuild.applied(replaying, gapAware(6))).isFalse();
  }

  @Test
  void without_gaps_positions_compare_as_numbers() {
    GlobalSequenceTrackingToken live = new GlobalSequenceTrackingToken(5);
    assertThat(ShadowRebuild.applied(live, new GlobalSequenceTrackingToken(5))).isTrue();
    assertThat(ShadowRebuild.applied(live, new GlobalSequenceTrackingToken(6))).isFalse();
    assertThat(ShadowRebuild.hasSeenAll(new GlobalSequenceTrackingToken(4), live)).isFalse();
    assertThat(ShadowRebuild.hasSeenAll(new GlobalSequenceTrackingToken(5), live)).isTrue();
  }

  @Test
  void a_switch_waits_until_the_rebuild_has_seen_every_event_the_paused_processor_applied() {
    GapAwareTrackingToken paused = gapAware(10, 7L);
    // behind the paused processor
    assertThat(ShadowRebuild.hasSeenAll(gapAware(9), paused)).isFalse();
    // at its position, but still waiting for event 5, which the processor has applied
    assertThat(ShadowRebuild.hasSeenAll(gapAware(12, 5L), paused)).isFalse();
    // waiting only for event 7, which the processor has not applied either
    assertThat(ShadowRebuild.hasSeenAll(gapAware(10, 7L), paused)).isTrue();
    // past it (later events are left to the processor): still every event it applied is seen
    assertThat(ShadowRebuild.hasSeenAll(gapAware(14, 12L), paused)).isTrue();
    // an empty history, a processor that has applied nothing
    assertThat(ShadowRebuild.hasSeenAll(null, null)).isTrue();
    assertThat(ShadowRebuild.hasSeenAll(null, paused)).isFalse();
    assertThat(List.of(paused.getGaps())).hasSize(1);
  }
}
