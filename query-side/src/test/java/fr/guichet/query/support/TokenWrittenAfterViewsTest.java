package fr.guichet.query.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.inmemory.InMemoryTokenStore;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A view's position moves only when the batch's view writes (prepare-commit) have succeeded, so a
 * failed batch is handled again instead of being skipped.
 */
class TokenWrittenAfterViewsTest {

  private static final String VIEW = "orders";

  private final InMemoryTokenStore mongo = new InMemoryTokenStore();
  private final TokenWrittenAfterViews tokens = new TokenWrittenAfterViews(mongo);

  @BeforeEach
  void aViewAtPosition10() {
    tokens.initializeTokenSegments(VIEW, 1, at(10));
    tokens.fetchToken(VIEW, 0);
  }

  @Test
  void outside_a_batch_the_position_is_written_at_once() {
    tokens.storeToken(at(11), VIEW, 0);

    assertThat(mongo.fetchToken(VIEW, 0)).isEqualTo(at(11));
  }

  @Test
  void a_batch_moves_the_position_only_after_its_view_writes() {
    UnitOfWork<?> batch = DefaultUnitOfWork.startAndGet(null);
    StringBuilder order = new StringBuilder();
    tokens.storeToken(at(20), VIEW, 0); // Axon stores the batch's last token before handling it
    batch.onPrepareCommit(
        u -> order.append("views written at ").append(position(mongo.fetchToken(VIEW, 0))));
    assertThat(mongo.fetchToken(VIEW, 0)).isEqualTo(at(10));

    batch.commit();

    assertThat(order).hasToString("views written at 10");
    assertThat(mongo.fetchToken(VIEW, 0)).isEqualTo(at(20));
  }

  @Test
  void a_batch_whose_view_writes_fail_leaves_the_position_for_a_retry() {
    UnitOfWork<?> batch = DefaultUnitOfWork.startAndGet(null);
    tokens.storeToken(at(20), VIEW, 0);
    batch.onPrepareCommit(
        u -> {
          throw new IllegalStateException("MongoDB bulk write failed");
        });

    assertThatThrownBy(batch::commit).hasMessageContaining("bulk write failed");

    assertThat(mongo.fetchToken(VIEW, 0)).isEqualTo(at(10));
  }

  private static TrackingToken at(long position) {
    return new GlobalSequenceTrackingToken(position);
  }

  private static long position(TrackingToken token) {
    return token.position().orElseThrow();
  }
}
