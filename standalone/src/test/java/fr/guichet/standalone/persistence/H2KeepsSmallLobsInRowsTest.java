package fr.guichet.standalone.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Arrays;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Axon maps an event's payload and metadata as LOBs. H2 keeps a LOB longer than 256 bytes in a
 * separate LOB store by default, which made each appended event several times dearer
 * (bench/README.md, session 5). Every embedded URL raises the in-row limit so that ordinary events
 * stay in their row, and a LOB above the limit still round-trips.
 */
class H2KeepsSmallLobsInRowsTest {

  @TempDir Path dataDir;

  @ParameterizedTest
  @ValueSource(
      strings = {
        "application.properties",
        "command-service.properties",
        "query-service.properties"
      })
  void events_of_ordinary_size_are_stored_in_their_row(String resource) throws Exception {
    String url = EmbeddedDatabaseUrl.of(resource, dataDir);

    try (Connection c = DriverManager.getConnection(url, "sa", "");
        Statement s = c.createStatement()) {
      try (ResultSet setting =
          s.executeQuery(
              "select setting_value from information_schema.settings"
                  + " where setting_name = 'MAX_LENGTH_INPLACE_LOB'")) {
        assertThat(setting.next()).isTrue();
        assertThat(Integer.parseInt(setting.getString(1))).isGreaterThanOrEqualTo(16_384);
      }
      s.execute("create table entry(id int primary key, payload blob)");
      byte[] ordinary = filled(2_000, (byte) 'o');
      byte[] large = filled(100_000, (byte) 'l');
      try (PreparedStatement insert = c.prepareStatement("insert into entry values(?, ?)")) {
        insert.setInt(1, 1);
        insert.setBytes(2, ordinary);
        insert.executeUpdate();
        insert.setInt(1, 2);
        insert.setBytes(2, large);
        insert.executeUpdate();
      }
      try (ResultSet rows = s.executeQuery("select payload from entry order by id")) {
        assertThat(rows.next()).isTrue();
        assertThat(rows.getBytes(1)).isEqualTo(ordinary);
        assertThat(rows.next()).isTrue();
        assertThat(rows.getBytes(1)).isEqualTo(large);
      }
    }
  }

  private static byte[] filled(int length, byte value) {
    byte[] bytes = new byte[length];
    Arrays.fill(bytes, value);
    return bytes;
  }
}
