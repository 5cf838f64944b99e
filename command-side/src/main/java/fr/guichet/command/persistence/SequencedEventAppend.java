package fr.guichet.command.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.statements.AppendEventsStatementBuilder;
import org.axonframework.eventsourcing.eventstore.jdbc.statements.TimestampWriter;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;

/**
 * Appends a unit of work's events as one JDBC batch, each row taking its global index from the
 * event store's sequence within the insert itself (the JPA-defined table has no column default).
 * Apart from that column this is Axon's own append statement, field for field.
 */
final class SequencedEventAppend implements AppendEventsStatementBuilder {

  private final String sequence;
  private volatile String sql;

  SequencedEventAppend(String sequence) {
    this.sequence = sequence;
  }

  @Override
  public PreparedStatement build(
      Connection connection,
      EventSchema schema,
      Class<?> dataType,
      List<? extends EventMessage<?>> events,
      Serializer serializer,
      TimestampWriter timestampWriter)
      throws SQLException {
    PreparedStatement statement = connection.prepareStatement(sql(connection, schema));
    for (EventMessage<?> message : events) {
      DomainEventMessage<?> event = asDomainEvent(message);
      SerializedObject<?> payload = event.serializePayload(serializer, dataType);
      SerializedObject<?> metaData = event.serializeMetaData(serializer, dataType);
      statement.setString(1, event.getIdentifier());
      statement.setString(2, event.getAggregateIdentifier());
      statement.setLong(3, event.getSequenceNumber());
      statement.setString(4, event.getType());
      timestampWriter.writeTimestamp(statement, 5, event.getTimestamp());
      statement.setString(6, payload.getType().getName());
      statement.setString(7, payload.getType().getRevision());
      statement.setObject(8, payload.getData());
      statement.setObject(9, metaData.getData());
      statement.addBatch();
    }
    return statement;
  }

  private String sql(Connection connection, EventSchema schema) throws SQLException {
    String known = sql;
    if (known == null) {
      known =
          "INSERT INTO "
              + schema.domainEventTable()
              + " ("
              + schema.globalIndexColumn()
              + ", "
              + schema.domainEventFields()
              + ") VALUES ("
              + nextValue(connection.getMetaData().getDatabaseProductName())
              + ",?,?,?,?,?,?,?,?,?)";
      sql = known;
    }
    return known;
  }

  private String nextValue(String databaseProduct) {
    String product = databaseProduct.toLowerCase(Locale.ROOT);
    if (product.contains("postgres")) {
      return "nextval('" + sequence + "')";
    }
    // H2 and the SQL standard
    return "NEXT VALUE FOR " + sequence;
  }

  /** As Axon stores an event that belongs to no aggregate: its own id as aggregate, number 0. */
  private static DomainEventMessage<?> asDomainEvent(EventMessage<?> event) {
    return event instanceof DomainEventMessage<?> domainEvent
        ? domainEvent
        : new GenericDomainEventMessage<>(
            null, event.getIdentifier(), 0L, event, event::getTimestamp);
  }
}
