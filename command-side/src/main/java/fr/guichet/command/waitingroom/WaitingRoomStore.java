package fr.guichet.command.waitingroom;

import fr.guichet.command.persistence.SchemaStatements;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The waiting rooms on disk, in the platform's own database (see
 * docs/adr/0801-waiting-room-in-tables.md): one row per room, one row per join. Rows are written
 * before memory changes, so a restart rebuilds the same queue.
 */
@Component
class WaitingRoomStore {

  /** One join as stored: status Q (queued), A (admitted) or D (dropped). */
  record VisitorRow(long joinSeq, long key, boolean preQueued, char status, long stamp) {}

  record RoomRow(String eventId, RoomSettings settings, Long seed) {}

  private final JdbcTemplate jdbc;

  WaitingRoomStore(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
    createTables();
  }

  private void createTables() {
    SchemaStatements.apply(
        jdbc,
        "CREATE TABLE IF NOT EXISTS waiting_room ("
            + " event_id VARCHAR(100) PRIMARY KEY,"
            + " enabled BOOLEAN NOT NULL,"
            + " admit_per_minute INT NOT NULL,"
            + " opens_at TIMESTAMP WITH TIME ZONE,"
            + " grace_seconds INT NOT NULL,"
            + " challenge_required BOOLEAN NOT NULL,"
            + " challenge_difficulty BIGINT NOT NULL,"
            + " shuffle_seed BIGINT)");
    SchemaStatements.apply(
        jdbc,
        "CREATE TABLE IF NOT EXISTS waiting_room_visitor ("
            + " event_id VARCHAR(100) NOT NULL,"
            + " join_seq BIGINT NOT NULL,"
            + " visitor_key BIGINT NOT NULL,"
            + " pre_queued BOOLEAN NOT NULL,"
            + " status CHAR(1) NOT NULL,"
            + " stamp BIGINT NOT NULL,"
            + " PRIMARY KEY (event_id, join_seq))");
    SchemaStatements.apply(
        jdbc,
        "CREATE INDEX IF NOT EXISTS waiting_room_visitor_key"
            + " ON waiting_room_visitor (event_id, visitor_key, status)");
  }

  void saveSettings(String eventId, RoomSettings s) {
    Timestamp opensAt = s.opensAt() == null ? null : Timestamp.from(s.opensAt());
    int updated =
        jdbc.update(
            "UPDATE waiting_room SET enabled = ?, admit_per_minute = ?, opens_at = ?,"
                + " grace_seconds = ?, challenge_required = ?, challenge_difficulty = ?"
                + " WHERE event_id = ?",
            s.enabled(),
            s.admitPerMinute(),
            opensAt,
            s.graceSeconds(),
            s.challengeRequired(),
            s.challengeDifficulty(),
            eventId);
    if (updated == 0) {
      jdbc.update(
          "INSERT INTO waiting_room (event_id, enabled, admit_per_minute, opens_at,"
              + " grace_seconds, challenge_required, challenge_difficulty)"
              + " VALUES (?, ?, ?, ?, ?, ?, ?)",
          eventId,
          s.enabled(),
          s.admitPerMinute(),
          opensAt,
          s.graceSeconds(),
          s.challengeRequired(),
          s.challengeDifficulty());
    }
  }

  void saveSeed(String eventId, long seed) {
    jdbc.update("UPDATE waiting_room SET shuffle_seed = ? WHERE event_id = ?", seed, eventId);
  }

  /** Inserts joins in one batch; {@code eventIds} names each row's event. */
  void insertVisitors(List<VisitorRow> rows, List<String> eventIds) {
    List<Object[]> args = new ArrayList<>(rows.size());
    for (int i = 0; i < rows.size(); i++) {
      VisitorRow row = rows.get(i);
      args.add(
          new Object[] {eventIds.get(i), row.joinSeq(), row.key(), row.preQueued(), row.stamp()});
    }
    jdbc.batchUpdate(
        "INSERT INTO waiting_room_visitor"
            + " (event_id, join_seq, visitor_key, pre_queued, status, stamp)"
            + " VALUES (?, ?, ?, ?, 'Q', ?)",
        args);
  }

  /** Marks the queued rows of these visitors admitted (A) or dropped (D). */
  void markLeftQueue(String eventId, long[] keys, int count, char status, long stamp) {
    if (count == 0) {
      return;
    }
    List<Object[]> args = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      args.add(new Object[] {String.valueOf(status), stamp, eventId, keys[i]});
    }
    jdbc.batchUpdate(
        "UPDATE waiting_room_visitor SET status = ?, stamp = ?"
            + " WHERE event_id = ? AND visitor_key = ? AND status = 'Q'",
        args);
  }

  List<RoomRow> rooms() {
    return jdbc.query(
        "SELECT * FROM waiting_room",
        (rs, i) -> {
          Timestamp opensAt = rs.getTimestamp("opens_at");
          long seed = rs.getLong("shuffle_seed");
          boolean opened = !rs.wasNull();
          return new RoomRow(
              rs.getString("event_id"),
              new RoomSettings(
                  rs.getBoolean("enabled"),
                  rs.getInt("admit_per_minute"),
                  opensAt == null ? null : opensAt.toInstant(),
                  rs.getInt("grace_seconds"),
                  rs.getBoolean("challenge_required"),
                  rs.getLong("challenge_difficulty")),
              opened ? seed : null);
        });
  }

  /** Streams the joins of one room in join order. */
  void visitors(String eventId, VisitorSink sink) {
    jdbc.query(
        "SELECT join_seq, visitor_key, pre_queued, status, stamp FROM waiting_room_visitor"
            + " WHERE event_id = ? ORDER BY join_seq",
        (ResultSet rs) -> {
          sink.accept(
              new VisitorRow(
                  rs.getLong(1),
                  rs.getLong(2),
                  rs.getBoolean(3),
                  rs.getString(4).charAt(0),
                  rs.getLong(5)));
        },
        eventId);
  }

  interface VisitorSink {
    void accept(VisitorRow row) throws SQLException;
  }
}
