package fr.guichet.command.persistence;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jpa.SQLErrorCodesResolver;
import org.axonframework.serialization.jackson3.Jackson3Serializer;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.h2.jdbcx.JdbcDataSource;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * An in-memory H2 database with the event store's tables as Hibernate creates them from Axon's JPA
 * entities, and the platform's JDBC engine on them, wired as in the platform: Spring transactions,
 * connections through Spring, duplicate keys translated as Spring Boot configures it.
 */
final class H2EventStore implements AutoCloseable {

  final Connection keepAlive;
  final TransactionManager transactions;
  final JdbcEventStorageEngine engine;

  H2EventStore() {
    try {
      String url = "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
      keepAlive = DriverManager.getConnection(url, "sa", "");
      createTablesAsHibernateDoes(keepAlive);
      JdbcDataSource dataSource = new JdbcDataSource();
      dataSource.setURL(url);
      dataSource.setUser("sa");
      transactions = new SpringTransactionManager(new DataSourceTransactionManager(dataSource));
      engine =
          EventStoreConfiguration.onJpaTables()
              .connectionProvider(new SpringDataSourceConnectionProvider(dataSource))
              .transactionManager(transactions)
              .eventSerializer(Jackson3Serializer.builder().build())
              .snapshotSerializer(Jackson3Serializer.builder().build())
              .persistenceExceptionResolver(new SQLErrorCodesResolver(dataSource))
              .build();
    } catch (SQLException e) {
      throw new IllegalStateException("Could not create the in-memory event store", e);
    }
  }

  @Override
  public void close() throws SQLException {
    keepAlive.close();
  }

  private static void createTablesAsHibernateDoes(Connection connection) throws SQLException {
    try (Statement s = connection.createStatement()) {
      s.execute("create sequence domain_event_entry_seq start with 1 increment by 1");
      s.execute(
          "create table domain_event_entry (global_index bigint not null, event_identifier"
              + " varchar(255) not null unique, meta_data blob, payload blob not null,"
              + " payload_revision varchar(255), payload_type varchar(255) not null, time_stamp"
              + " varchar(255) not null, aggregate_identifier varchar(255) not null,"
              + " sequence_number bigint not null, type varchar(255), primary key (global_index),"
              + " unique (aggregate_identifier, sequence_number))");
      s.execute(
          "create table snapshot_event_entry (aggregate_identifier varchar(255) not null,"
              + " sequence_number bigint not null, type varchar(255) not null, event_identifier"
              + " varchar(255) not null unique, meta_data blob, payload blob not null,"
              + " payload_revision varchar(255), payload_type varchar(255) not null, time_stamp"
              + " varchar(255) not null, primary key (aggregate_identifier, sequence_number,"
              + " type))");
    }
  }
}
