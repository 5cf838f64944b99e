package fr.guichet.command.persistence;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Runs the {@code CREATE … IF NOT EXISTS} statements of the command side's own tables. Several
 * command nodes starting at once on PostgreSQL may run the same statement concurrently, and
 * PostgreSQL's IF NOT EXISTS is not safe against that: the loser fails on a catalog unique key
 * ({@code pg_type_typname_nsp_index}) instead of finding the table. Such a failure is retried: by
 * then the winner's table exists and the statement does nothing.
 */
public final class SchemaStatements {

  private static final Logger log = LoggerFactory.getLogger(SchemaStatements.class);
  static final int ATTEMPTS = 5;

  private SchemaStatements() {}

  public static void apply(JdbcTemplate jdbc, String... statements) {
    apply(jdbc, 200, statements);
  }

  static void apply(JdbcTemplate jdbc, long pauseMillis, String... statements) {
    for (String statement : statements) {
      retryingLostRaces(() -> jdbc.execute(statement), pauseMillis);
    }
  }

  /**
   * Runs {@code ddl}, and again (up to {@link #ATTEMPTS} times in all, pausing a little longer each
   * time) when it fails, as it does when another node creating the same table won the race.
   */
  static void retryingLostRaces(Runnable ddl, long pauseMillis) {
    for (int attempt = 1; ; attempt++) {
      try {
        ddl.run();
        return;
      } catch (DataAccessException e) {
        if (attempt >= ATTEMPTS) {
          throw e;
        }
        log.info(
            "Schema statement failed (attempt {} of {}), probably another node creating the same"
                + " table; retrying: {}",
            attempt,
            ATTEMPTS,
            e.getMostSpecificCause().getMessage());
        try {
          Thread.sleep(pauseMillis * attempt);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw e;
        }
      }
    }
  }
}
