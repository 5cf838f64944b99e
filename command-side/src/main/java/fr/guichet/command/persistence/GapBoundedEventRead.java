package fr.guichet.command.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collections;
import java.util.List;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.statements.ReadEventDataWithGapsStatementBuilder;

/**
 * Reads the next events for a tracking processor whose token has gaps (global indexes taken by
 * transactions not yet committed, or rolled back), as Axon's statement does, plus one range on the
 * global index that covers both the gaps and the next batch.
 *
 * <p>Axon's statement is {@code WHERE (index > ? AND index <= ?) OR index IN (gaps…)}. PostgreSQL
 * answers that from the primary key, but H2 (the embedded default) does not use an index for an
 * {@code OR} of a range and a list: it walks the whole table in index order and tests every row, so
 * every fetch cost as much as the store is long (300,001 rows scanned for 102 returned in a
 * 300,000-event table; 112 with the range). Gaps are common here: many writers take indexes from
 * one sequence and commit out of order. The gaps of a token always lie below its index, so the
 * range from the first gap to the end of the batch selects exactly the same rows.
 */
final class GapBoundedEventRead implements ReadEventDataWithGapsStatementBuilder {

  static String sql(EventSchema schema, int gapCount) {
    String index = schema.globalIndexColumn();
    return "SELECT "
        + schema.trackedEventFields()
        + " FROM "
        + schema.domainEventTable()
        + " WHERE "
        + index
        + " >= ? AND "
        + index
        + " <= ? AND ("
        + index
        + " > ? OR "
        + index
        + " IN ("
        + String.join(",", Collections.nCopies(gapCount, "?"))
        + ")) ORDER BY "
        + index
        + " ASC";
  }

  @Override
  public PreparedStatement build(
      Connection connection, EventSchema schema, long globalIndex, int batchSize, List<Long> gaps)
      throws SQLException {
    PreparedStatement statement = connection.prepareStatement(sql(schema, gaps.size()));
    long first = globalIndex + 1;
    for (long gap : gaps) {
      first = Math.min(first, gap);
    }
    statement.setLong(1, first);
    statement.setLong(2, globalIndex + batchSize);
    statement.setLong(3, globalIndex);
    for (int i = 0; i < gaps.size(); i++) {
      statement.setLong(i + 4, gaps.get(i));
    }
    return statement;
  }
}
