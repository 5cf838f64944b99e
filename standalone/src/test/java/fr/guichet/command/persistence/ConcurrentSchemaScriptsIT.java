package fr.guichet.command.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import fr.guichet.standalone.support.PostgresCluster;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.sql.autoconfigure.init.SqlInitializationProperties;
import org.springframework.boot.sql.init.DatabaseInitializationMode;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Several command nodes starting at the same moment on a fresh PostgreSQL database all run the
 * start-up scripts (db-scheduler's table, the sandbox bank's); every one of them must start. Each
 * round gives the nodes a fresh schema, so every round is a first start.
 */
class ConcurrentSchemaScriptsIT {

  @RegisterExtension static final PostgresCluster postgres = new PostgresCluster();

  private static final int NODES = 4;
  private static final int ROUNDS = 10;

  @Test
  void nodes_running_the_start_up_scripts_at_the_same_moment_all_start() throws Exception {
    ExecutorService nodes = Executors.newFixedThreadPool(NODES);
    try {
      for (int round = 0; round < ROUNDS; round++) {
        String schema = "first_start_" + round;
        new JdbcTemplate(dataSource(null)).execute("CREATE SCHEMA " + schema);
        CyclicBarrier together = new CyclicBarrier(NODES);
        List<Future<Boolean>> starts = new ArrayList<>();
        for (int node = 0; node < NODES; node++) {
          starts.add(
              nodes.submit(
                  () -> {
                    RetriedSchemaScripts.Initializer scripts = initializer(dataSource(schema));
                    together.await();
                    return scripts.initializeDatabase();
                  }));
        }
        for (Future<Boolean> start : starts) {
          assertThat(start.get()).as("a node's start-up scripts in round %d", round).isTrue();
        }
        assertThat(
                new JdbcTemplate(dataSource(null))
                    .queryForList(
                        "SELECT table_name FROM information_schema.tables WHERE table_schema = ?",
                        String.class,
                        schema))
            .contains("scheduled_tasks", "sandbox_bank_payments", "sandbox_bank_refunds");
      }
    } finally {
      nodes.shutdownNow();
    }
  }

  private static RetriedSchemaScripts.Initializer initializer(DataSource dataSource) {
    SqlInitializationProperties properties = new SqlInitializationProperties();
    properties.setMode(DatabaseInitializationMode.ALWAYS);
    properties.setSchemaLocations(
        List.of(
            "classpath:db/scheduler-postgresql.sql", "classpath:db/sandbox-bank-postgresql.sql"));
    RetriedSchemaScripts.Initializer initializer =
        new RetriedSchemaScripts.Initializer(dataSource, properties, 50);
    initializer.setResourceLoader(new DefaultResourceLoader());
    return initializer;
  }

  private static DataSource dataSource(String schema) {
    String url = postgres.jdbcUrl();
    if (schema != null) {
      url += (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }
    return new DriverManagerDataSource(url, postgres.username(), postgres.password());
  }
}
