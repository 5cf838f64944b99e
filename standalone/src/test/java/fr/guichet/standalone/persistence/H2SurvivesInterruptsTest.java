package fr.guichet.standalone.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The embedded H2 databases must survive a thread interrupted in the middle of a query. Under an
 * onsale spike Axon's unit-of-work timeout interrupts commands that waited too long for the Event,
 * and Reactor interrupts the worker of a cancelled request; with a {@code jdbc:h2:file:} URL the
 * interrupted read closed H2's FileChannel and every later statement failed ("Reading from file …
 * failed") until the platform was restarted. Each configured URL is opened with a small cache so
 * that reads go to the file, and read with the interrupt flag set.
 */
class H2SurvivesInterruptsTest {

  private static final int ROWS = 4_000;

  @TempDir Path dataDir;

  @ParameterizedTest
  @ValueSource(
      strings = {
        "application.properties",
        "command-service.properties",
        "query-service.properties"
      })
  void a_read_interrupted_midway_leaves_the_database_usable(String resource) throws Exception {
    String url = EmbeddedDatabaseUrl.of(resource, dataDir) + ";CACHE_SIZE=128";
    assertThat(url).startsWith("jdbc:h2:");

    try (Connection keepOpen = DriverManager.getConnection(url, "sa", "");
        Statement setUp = keepOpen.createStatement()) {
      setUp.execute("create table seat(id int primary key, payload varchar(2000))");
      setUp.execute(
          "insert into seat select x, repeat('x', 1500) from system_range(1, " + ROWS + ")");
      setUp.execute("checkpoint");

      for (int i = 0; i < 40; i++) {
        try (Connection c = DriverManager.getConnection(url, "sa", "");
            Statement s = c.createStatement()) {
          Thread.currentThread().interrupt();
          try (ResultSet rs =
              s.executeQuery("select payload from seat where id = " + (1 + i * 97 % ROWS))) {
            rs.next();
          } catch (SQLException refusedWhileInterrupted) {
            // The interrupted statement itself may fail; what matters is what comes after.
          } finally {
            Thread.interrupted();
          }
        }
      }

      try (Connection after = DriverManager.getConnection(url, "sa", "");
          Statement s = after.createStatement();
          ResultSet rs = s.executeQuery("select count(*), sum(length(payload)) from seat")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getInt(1)).isEqualTo(ROWS);
        assertThat(rs.getLong(2)).isEqualTo(ROWS * 1500L);
      }
    }
  }
}
