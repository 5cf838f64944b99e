package fr.guichet.command.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A tracking processor whose token has gaps reads them once their transactions commit, in global
 * order, through the platform's event store statements; and that read stays on the global index
 * however long the store is (H2, the embedded default).
 */
class GapBoundedEventReadTest {

  private final H2EventStore store = new H2EventStore();
  private final JdbcEventStorageEngine engine = store.engine;
  private final TransactionManager transactions = store.transactions;

  @AfterEach
  void close() throws SQLException {
    store.close();
  }

  @Test
  void an_event_committed_late_is_read_from_the_gap_it_left() throws Exception {
    engine.appendEvents(event("ev-1", 0, "first"));
    CountDownLatch appended = new CountDownLatch(1);
    CountDownLatch commit = new CountDownLatch(1);
    CompletableFuture<Void> slowWriter =
        CompletableFuture.runAsync(
            () ->
                transactions.executeInTransaction(
                    () -> {
                      engine.appendEvents(event("ev-2", 0, "late"));
                      appended.countDown();
                      await(commit);
                    }));
    assertThat(appended.await(10, TimeUnit.SECONDS)).isTrue();
    engine.appendEvents(event("ev-1", 1, "second"), event("ev-1", 2, "third"));

    List<TrackedEventMessage<?>> seen = read(null);
    assertThat(payloads(seen)).containsExactly("first", "second", "third");
    GapAwareTrackingToken token = (GapAwareTrackingToken) last(seen).trackingToken();
    assertThat(token.getIndex()).isEqualTo(4);
    assertThat(token.getGaps()).containsExactly(2L);

    commit.countDown();
    slowWriter.get(10, TimeUnit.SECONDS);
    engine.appendEvents(event("ev-1", 3, "fourth"));

    List<TrackedEventMessage<?>> next = read(token);
    assertThat(payloads(next)).containsExactly("late", "fourth");
    GapAwareTrackingToken after = (GapAwareTrackingToken) last(next).trackingToken();
    assertThat(after.getIndex()).isEqualTo(5);
    assertThat(after.getGaps()).isEmpty();
  }

  @Test
  void a_read_with_gaps_scans_the_gaps_and_the_batch_not_the_store() throws SQLException {
    List<DomainEventMessage<?>> many = new ArrayList<>();
    IntStream.range(0, 3_000).forEach(i -> many.add(event("ev-1", i, "e" + i)));
    engine.appendEvents(many);

    long scanned;
    try (PreparedStatement explained =
            new GapBoundedEventRead()
                .build(
                    explaining(store.keepAlive),
                    EventStoreConfiguration.jpaTables(),
                    2_990,
                    100,
                    List.of(2_985L, 2_987L));
        ResultSet plan = explained.executeQuery()) {
      assertThat(plan.next()).isTrue();
      Matcher count = Pattern.compile("scanCount: (\\d+)").matcher(plan.getString(1));
      assertThat(count.find()).as(plan.getString(1)).isTrue();
      scanned = Long.parseLong(count.group(1));
    }
    // rows 2,985 to 3,000 and the end of the range: 3,000 rows before them are never read
    assertThat(scanned).isLessThan(30);
  }

  /** A connection whose prepared statements return H2's plan and the rows it scanned. */
  private static Connection explaining(Connection connection) {
    return (Connection)
        Proxy.newProxyInstance(
            Connection.class.getClassLoader(),
            new Class<?>[] {Connection.class},
            (proxy, method, args) ->
                method.getName().equals("prepareStatement")
                    ? connection.prepareStatement("EXPLAIN ANALYZE " + args[0])
                    : method.invoke(connection, args));
  }

  private List<TrackedEventMessage<?>> read(TrackingToken from) {
    return transactions.fetchInTransaction(
        () -> new ArrayList<>(engine.readEvents(from, false).toList()));
  }

  private static TrackedEventMessage<?> last(List<TrackedEventMessage<?>> messages) {
    return messages.get(messages.size() - 1);
  }

  private static List<Object> payloads(List<TrackedEventMessage<?>> messages) {
    return messages.stream().map(m -> m.getPayload()).map(Object.class::cast).toList();
  }

  private static DomainEventMessage<String> event(String aggregate, long sequence, String payload) {
    return new GenericDomainEventMessage<>("Event", aggregate, sequence, payload);
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
