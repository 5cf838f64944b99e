package fr.guichet.command.persistence;

import javax.sql.DataSource;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.axonframework.springboot.util.RegisterDefaultEntities;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The relational event store (H2 on embedded defaults, PostgreSQL with the {@code postgres}
 * profile) is written and read with plain JDBC: Axon's {@link JdbcEventStorageEngine} on the tables
 * that Axon's JPA entities define. Appending through Hibernate cost a {@code persist}, a flush and
 * a separate sequence query per event (a quarter of the command thread's time per hold in the
 * profile, bench/README.md); the JDBC engine appends a unit of work's events in one batch, and
 * {@link SequencedEventAppend} takes each global index from the sequence inside the insert; {@link
 * GapBoundedEventRead} keeps the tracking processors' reads on the index when their tokens have
 * gaps.
 *
 * <p>The tables keep their JPA definition (entities registered below, schema managed by Hibernate
 * as before, {@code META-INF/orm.xml} for the sequence), so existing data directories and databases
 * are read as they are and the query side's shared-JDBC reader is unchanged. {@code
 * guichet.event-store.engine=jpa} restores Axon's JPA engine. Not used with Axon Server, which
 * stores the events itself.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "axon.axonserver.enabled", havingValue = "false")
@RegisterDefaultEntities(packages = "org.axonframework.eventsourcing.eventstore.jpa")
public class EventStoreConfiguration {

  /** Axon's JPA event tables under Spring Boot's naming strategy. */
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

  /**
   * Axon's JDBC engine on {@link #jpaTables()}, with the statements that differ from Axon's own;
   * connections, serializers and the rest are the caller's.
   */
  static JdbcEventStorageEngine.Builder onJpaTables() {
    return JdbcEventStorageEngine.builder()
        .schema(jpaTables())
        .dataType(byte[].class)
        .appendEvents(new SequencedEventAppend("domain_event_entry_seq"))
        .readEventDataWithGaps(new GapBoundedEventRead());
  }

  @Bean
  @ConditionalOnProperty(
      name = "guichet.event-store.engine",
      havingValue = "jdbc",
      matchIfMissing = true)
  EventStorageEngine eventStorageEngine(
      DataSource dataSource,
      TransactionManager transactionManager,
      @Qualifier("eventSerializer") Serializer eventSerializer,
      Serializer serializer,
      PersistenceExceptionResolver persistenceExceptionResolver,
      org.axonframework.config.Configuration axon) {
    return onJpaTables()
        .connectionProvider(new SpringDataSourceConnectionProvider(dataSource))
        .transactionManager(transactionManager)
        .eventSerializer(eventSerializer)
        .snapshotSerializer(serializer)
        .upcasterChain(axon.upcasterChain())
        .snapshotFilter(axon.snapshotFilter())
        .persistenceExceptionResolver(persistenceExceptionResolver)
        .build();
  }
}
