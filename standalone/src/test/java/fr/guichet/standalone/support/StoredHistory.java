package fr.guichet.standalone.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads one aggregate's events straight from a PostgreSQL event store with plain SQL and Jackson,
 * independently of the nodes that wrote them: what the tests check invariants against.
 */
public final class StoredHistory {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private StoredHistory() {}

  public static List<DomainEventMessage<?>> read(PostgresCluster postgres, String aggregateId) {
    String sql =
        "select sequence_number, type, payload_type, payload, event_identifier, time_stamp"
            + " from domain_event_entry where aggregate_identifier = ? order by sequence_number";
    List<DomainEventMessage<?>> history = new ArrayList<>();
    try (Connection connection =
            DriverManager.getConnection(
                postgres.jdbcUrl(), postgres.username(), postgres.password());
        PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setString(1, aggregateId);
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          Object payload =
              JSON.readValue(
                  rows.getBytes("payload"), Class.forName(rows.getString("payload_type")));
          history.add(
              new GenericDomainEventMessage<>(
                  rows.getString("type"),
                  aggregateId,
                  rows.getLong("sequence_number"),
                  payload,
                  Map.of(),
                  rows.getString("event_identifier"),
                  Instant.parse(rows.getString("time_stamp"))));
        }
      }
    } catch (SQLException | ClassNotFoundException e) {
      throw new IllegalStateException("Cannot read the history of " + aggregateId, e);
    }
    return history;
  }
}
