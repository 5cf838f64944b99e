package fr.guichet.command.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Events appended through JDBC into the tables Axon's JPA entities define (as Hibernate creates
 * them on H2): global indexes come from the store's sequence, the events read back as written, and
 * a second writer of the same aggregate sequence number is told it lost (Axon's concurrency
 * exception, which the multi-node retry relies on) with nothing of its batch stored once its
 * transaction rolls back (wired as in the platform: Spring transactions, connections through
 * Spring).
 */
class SequencedEventAppendTest {

  private final H2EventStore store = new H2EventStore();
  private final JdbcEventStorageEngine engine = store.engine;
  private final TransactionManager transactions = store.transactions;

  @AfterEach
  void close() throws SQLException {
    store.close();
  }

  @Test
  void appended_events_take_consecutive_global_indexes_and_read_back() throws SQLException {
    engine.appendEvents(event("ev-1", 0, "held"), event("ev-1", 1, "released"));
    engine.appendEvents(
        GenericEventMessage.asEventMessage("not from an aggregate"), event("ev-2", 0, "held"));

    assertThat(globalIndexes()).containsExactly(1L, 2L, 3L, 4L);
    List<String> payloads =
        engine.readEvents("ev-1").asStream().map(e -> (String) e.getPayload()).toList();
    assertThat(payloads).containsExactly("held", "released");
  }

  @Test
  void a_second_writer_of_the_same_sequence_number_loses_and_stores_nothing() throws SQLException {
    engine.appendEvents(event("ev-1", 0, "held"));

    assertThatThrownBy(
            () ->
                transactions.executeInTransaction(
                    () ->
                        engine.appendEvents(event("ev-1", 1, "first"), event("ev-1", 0, "stale"))))
        .isInstanceOf(ConcurrencyException.class);

    assertThat(globalIndexes()).hasSize(1);
    assertThat(engine.readEvents("ev-1").asStream().map(e -> (String) e.getPayload()).toList())
        .containsExactly("held");
  }

  private static DomainEventMessage<String> event(String aggregate, long sequence, String payload) {
    return new GenericDomainEventMessage<>("Event", aggregate, sequence, payload);
  }

  private List<Long> globalIndexes() throws SQLException {
    List<Long> indexes = new ArrayList<>();
    try (Statement s = store.keepAlive.createStatement();
        ResultSet rows =
            s.executeQuery("select global_index from domain_event_entry order by global_index")) {
      while (rows.next()) {
        indexes.add(rows.getLong(1));
      }
    }
    return indexes.stream().collect(Collectors.toList());
  }
}
