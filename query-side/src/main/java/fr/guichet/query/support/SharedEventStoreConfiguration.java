package fr.guichet.query.support;

import javax.sql.DataSource;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcSQLErrorCodesResolver;
import org.axonframework.serialization.Serializer;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The query service reading the command side's event store in PostgreSQL ({@code
 * guichet.event-store=shared-jdbc}, set by the {@code postgres} profile). The command side writes
 * it through Axon's JPA entities, so the tables and columns carry Spring's snake_case names; the
 * query side only reads them, with plain JDBC, which takes PostgreSQL's {@code bytea} payloads as
 * they are and needs none of the command side's Hibernate dialect.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "guichet.event-store", havingValue = "shared-jdbc")
public class SharedEventStoreConfiguration {

  /** The tables of Axon's JPA event store as Spring Boot's naming strategy creates them. */
  public static EventSchema jpaTables() {
    return EventSchema.builder()
        .eventTable("domain_event_entry")
        .snapshotTable("snapshot_event_entry")
        .globalIndexColumn("global_index")
        .timestampColumn("time_stamp")
        .eventIdentifierColumn("event_identifier")
        .aggregateIdentifierColumn("aggregate_identifier")
        .sequenceNumberColumn("sequence_number")
        .typeColumn("type")
        .payloadTypeColumn("payload_type")
        .payloadRevisionColumn("payload_revision")
        .payloadColumn("payload")
        .metaDataColumn("meta_data")
        .build();
  }

  @Bean
  EventStorageEngine eventStorageEngine(
      DataSource dataSource,
      TransactionManager transactionManager,
      @Qualifier("eventSerializer") Serializer eventSerializer,
      Serializer serializer,
      org.axonframework.config.Configuration axon) {
    PersistenceExceptionResolver duplicates = new JdbcSQLErrorCodesResolver();
    return JdbcEventStorageEngine.builder()
        .connectionProvider(new SpringDataSourceConnectionProvider(dataSource))
        .transactionManager(transactionManager)
        .eventSerializer(eventSerializer)
        .snapshotSerializer(serializer)
        .upcasterChain(axon.upcasterChain())
        .persistenceExceptionResolver(duplicates)
        .schema(jpaTables())
        .dataType(byte[].class)
        .build();
  }
}
