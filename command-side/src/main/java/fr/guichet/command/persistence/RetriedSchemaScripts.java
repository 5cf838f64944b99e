package fr.guichet.command.persistence;

import javax.sql.DataSource;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.ApplicationDataSourceScriptDatabaseInitializer;
import org.springframework.boot.sql.autoconfigure.init.ConditionalOnSqlInitialization;
import org.springframework.boot.sql.autoconfigure.init.SqlInitializationProperties;
import org.springframework.boot.sql.init.dependency.DatabaseInitializationDependencyConfigurer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * Spring Boot's start-up scripts ({@code spring.sql.init}: db-scheduler's table, the sandbox bank's
 * tables), run again when they fail, as {@link SchemaStatements} does for the stores' own tables.
 * Two command nodes starting at once on a fresh PostgreSQL database both run {@code CREATE TABLE IF
 * NOT EXISTS}, and the loser fails on PostgreSQL's catalog ({@code duplicate key …
 * pg_type_typname_nsp_index}) instead of finding the table; Spring's initializer then stops the
 * node. The scripts only create what is missing, so running them again once the winner is done does
 * nothing more; a script that keeps failing still stops the start after a few attempts.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnSqlInitialization
@EnableConfigurationProperties(SqlInitializationProperties.class)
@Import(DatabaseInitializationDependencyConfigurer.class)
public class RetriedSchemaScripts {

  static final int ATTEMPTS = SchemaStatements.ATTEMPTS;

  /** Takes the place of Spring Boot's own initializer, which backs off when this bean exists. */
  @Bean
  ApplicationDataSourceScriptDatabaseInitializer dataSourceScriptDatabaseInitializer(
      DataSource dataSource, SqlInitializationProperties properties) {
    return new Initializer(dataSource, properties, 200);
  }

  static final class Initializer extends ApplicationDataSourceScriptDatabaseInitializer {

    private final long pauseMillis;

    Initializer(DataSource dataSource, SqlInitializationProperties properties, long pauseMillis) {
      super(dataSource, properties);
      this.pauseMillis = pauseMillis;
    }

    @Override
    protected void runScripts(Scripts scripts) {
      SchemaStatements.retryingLostRaces(() -> super.runScripts(scripts), pauseMillis);
    }
  }
}
