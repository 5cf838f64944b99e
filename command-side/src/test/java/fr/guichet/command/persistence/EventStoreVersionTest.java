package fr.guichet.command.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.UUID;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.serialization.jackson3.Jackson3Serializer;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/** An Event's deadlines learn from the store whether it holds events their copy has not seen. */
class EventStoreVersionTest {

  private Connection keepAlive;

  @AfterEach
  void close() throws SQLException {
    keepAlive.close();
  }

  @Test
  void tells_whether_an_event_is_stored_beyond_a_sequence_number() throws SQLException {
    String url = "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    keepAlive = DriverManager.getConnection(url, "sa", "");
    HibernateEventTables.create(keepAlive);
    JdbcDataSource dataSource = new JdbcDataSource();
    dataSource.setURL(url);
    dataSource.setUser("sa");
    EmbeddedEventStore store =
        EmbeddedEventStore.builder()
            .storageEngine(
                EventStoreConfiguration.onJpaTables()
                    .connectionProvider(new SpringDataSourceConnectionProvider(dataSource))
                    .transactionManager(
                        new SpringTransactionManager(new DataSourceTransactionManager(dataSource)))
                    .eventSerializer(Jackson3Serializer.builder().build())
                    .snapshotSerializer(Jackson3Serializer.builder().build())
                    .build())
            .build();
    try {
      for (long sequence = 0; sequence < 3; sequence++) {
        store.publish(new GenericDomainEventMessage<>("Event", "ev-1", sequence, "e" + sequence));
      }
      EventStoreVersion version = new EventStoreVersion(store);

      assertThat(version.storedBeyond("ev-1", -1)).isTrue();
      assertThat(version.storedBeyond("ev-1", 1)).isTrue();
      assertThat(version.storedBeyond("ev-1", 2)).isFalse();
      assertThat(version.storedBeyond("ev-2", -1)).isFalse();
    } finally {
      store.shutDown();
    }
  }
}
