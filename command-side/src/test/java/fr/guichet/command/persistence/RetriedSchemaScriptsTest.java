package fr.guichet.command.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.spy;
import static org.mockito.Mockito.when;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.sql.autoconfigure.init.SqlInitializationProperties;
import org.springframework.boot.sql.init.DatabaseInitializationMode;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;

class RetriedSchemaScriptsTest {

  private static final SQLException LOST_RACE =
      new SQLException(
          "ERROR: duplicate key value violates unique constraint \"pg_type_typname_nsp_index\"",
          "23505");

  private final JdbcDataSource h2 = new JdbcDataSource();

  RetriedSchemaScriptsTest() {
    h2.setURL("jdbc:h2:mem:scripts-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
  }

  @Test
  void a_script_that_lost_the_race_to_another_node_runs_again_and_the_node_starts()
      throws SQLException {
    DataSource dataSource = failingFirst(1);

    assertThat(initializer(dataSource).initializeDatabase()).isTrue();

    assertThat(tables()).contains("SCHEDULED_TASKS");
  }

  @Test
  void a_script_that_keeps_failing_stops_the_start_after_a_few_attempts() throws SQLException {
    AtomicInteger attempts = new AtomicInteger();
    DataSource dataSource = mock(DataSource.class);
    when(dataSource.getConnection())
        .thenAnswer(
            call -> {
              attempts.incrementAndGet();
              return refusing();
            });

    assertThatThrownBy(() -> initializer(dataSource).initializeDatabase())
        .isInstanceOf(DataAccessException.class)
        .hasRootCauseMessage(LOST_RACE.getMessage());
    assertThat(attempts).hasValue(RetriedSchemaScripts.ATTEMPTS);
  }

  @Test
  void the_real_scripts_run_twice_without_complaint() {
    assertThat(initializer(h2).initializeDatabase()).isTrue();
    assertThat(initializer(h2).initializeDatabase()).isTrue();

    assertThat(tables()).contains("SCHEDULED_TASKS", "SANDBOX_BANK_PAYMENTS");
  }

  private RetriedSchemaScripts.Initializer initializer(DataSource dataSource) {
    SqlInitializationProperties properties = new SqlInitializationProperties();
    properties.setMode(DatabaseInitializationMode.ALWAYS);
    properties.setSchemaLocations(
        List.of("classpath:db/scheduler-h2.sql", "classpath:db/sandbox-bank-h2.sql"));
    RetriedSchemaScripts.Initializer initializer =
        new RetriedSchemaScripts.Initializer(dataSource, properties, 1);
    initializer.setResourceLoader(new org.springframework.core.io.DefaultResourceLoader());
    return initializer;
  }

  /** The real database, except that the first {@code failures} connections lose the race. */
  private DataSource failingFirst(int failures) throws SQLException {
    AtomicInteger calls = new AtomicInteger();
    DataSource dataSource = spy(h2);
    when(dataSource.getConnection())
        .thenAnswer(call -> calls.incrementAndGet() <= failures ? refusing() : h2.getConnection());
    return dataSource;
  }

  private static Connection refusing() throws SQLException {
    Connection connection = mock(Connection.class);
    Statement statement = mock(Statement.class);
    when(connection.createStatement()).thenReturn(statement);
    when(statement.execute(anyString())).thenThrow(LOST_RACE);
    return connection;
  }

  private List<String> tables() {
    return new JdbcTemplate(h2)
        .queryForList(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'PUBLIC'",
            String.class);
  }
}
