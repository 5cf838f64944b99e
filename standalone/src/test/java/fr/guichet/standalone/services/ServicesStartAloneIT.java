package fr.guichet.standalone.services;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fr.guichet.command.config.CachedCommandTargetResolver;
import fr.guichet.command.security.AccessTokens;
import fr.guichet.command.service.CommandService;
import fr.guichet.query.service.QueryService;
import fr.guichet.standalone.support.ActorHeadersAsBearer;
import fr.guichet.standalone.support.Api;
import fr.guichet.standalone.support.PostgresCluster;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.modelling.command.CommandTargetResolver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.sql.autoconfigure.init.ApplicationScriptDatabaseInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Each service of the production topology starts on its own with its profile: the command side
 * against PostgreSQL, the query side against the in-process MongoDB-wire server.
 */
class ServicesStartAloneIT {

  @RegisterExtension static final PostgresCluster postgres = new PostgresCluster();

  @TempDir Path dataDir;

  /**
   * The query service's own jar carries no Spring Security (the security in front of it does the
   * signing in, see query-side/README.md); on this test classpath the command side brings it, so
   * its default auto-configuration is left out, as it is in the query service's jar.
   */
  private static final String NO_SPRING_SECURITY =
      String.join(
          ",",
          "org.springframework.boot.security.autoconfigure.web.reactive"
              + ".ReactiveWebSecurityAutoConfiguration",
          "org.springframework.boot.security.autoconfigure.ReactiveUserDetailsServiceAutoConfiguration",
          "org.springframework.boot.security.autoconfigure.actuate.web.reactive"
              + ".ReactiveManagementWebSecurityAutoConfiguration");

  private static WebTestClient http(ConfigurableApplicationContext context) {
    WebTestClient.Builder client =
        WebTestClient.bindToServer()
            .baseUrl(
                "http://localhost:" + context.getEnvironment().getProperty("local.server.port"))
            .responseTimeout(Duration.ofSeconds(30));
    if (context.getBeanNamesForType(AccessTokens.class).length > 0) {
      client.filter(ActorHeadersAsBearer.of(context));
    }
    return client.build();
  }

  @Test
  void the_command_side_runs_alone_on_postgresql_and_takes_commands() {
    try (ConfigurableApplicationContext commandSide =
        new SpringApplicationBuilder(CommandService.class)
            .run(
                "--spring.config.name=command-service",
                "--spring.profiles.active=postgres",
                "--GUICHET_DB_URL=" + postgres.jdbcUrl(),
                "--GUICHET_DB_USER=" + postgres.username(),
                "--GUICHET_DB_PASSWORD=" + postgres.password(),
                "--guichet.data-dir=" + dataDir.resolve("command"),
                "--server.port=0")) {
      WebTestClient http = http(commandSide);
      http.get()
          .uri("/actuator/health/readiness")
          .exchange()
          .expectStatus()
          .isOk()
          .expectBody()
          .jsonPath("$.status")
          .isEqualTo("UP");
      Api api = new Api(http);
      String eventId = api.eventOnSale("PT10M", 4, 4);
      api.as(
              "buyer-1",
              "SPECTATOR",
              "POST",
              "/api/events/" + eventId + "/holds",
              Map.of("placeIds", List.of("ORCH-A-1")))
          .expectStatus()
          .isCreated();
      String metrics =
          http.get()
              .uri("/actuator/prometheus")
              .exchange()
              .expectStatus()
              .isOk()
              .expectBody(String.class)
              .returnResult()
              .getResponseBody();
      // What the runbook tells operators to watch during an onsale.
      assertThat(metrics)
          .contains("guichet_holds_total{outcome=\"held\"} 1.0")
          .contains("guichet_places_total{change=\"held\"} 1.0")
          .contains("guichet_processor_lag_events{processor=\"order-lifecycle\"}")
          .contains("guichet_waiting_room_visitors{state=\"waiting\"}")
          .contains("guichet_waiting_room_admitted_total")
          .contains("http_server_requests_seconds_count{")
          .contains("commandBus");
      // Axon's aggregate configuration takes our resolver (found once per command class).
      assertThat(
              commandSide
                  .getBean(org.axonframework.config.Configuration.class)
                  .getComponent(CommandTargetResolver.class))
          .isInstanceOf(CachedCommandTargetResolver.class);
      // The start-up scripts are ours: run again when a concurrent first start won the race.
      assertThat(commandSide.getBeansOfType(ApplicationScriptDatabaseInitializer.class).values())
          .singleElement()
          .extracting(initializer -> initializer.getClass().getName())
          .isEqualTo("fr.guichet.command.persistence.RetriedSchemaScripts$Initializer");
      // Orders are built with their constructor, not as Spring prototype beans.
      assertThat(
              ((EventSourcingRepository<?>)
                      commandSide
                          .getBean(org.axonframework.config.Configuration.class)
                          .repository(orderClass()))
                  .getAggregateFactory())
          .isSameAs(commandSide.getBean("orderAggregateFactory"));
    }
  }

  private static Class<?> orderClass() {
    try {
      return Class.forName("fr.guichet.command.order.Order");
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void the_query_side_runs_alone_on_the_embedded_mongo_wire_server_and_serves_its_views() {
    try (ConfigurableApplicationContext querySide =
        new SpringApplicationBuilder(QueryService.class)
            .run(
                "--spring.config.name=query-service",
                "--spring.autoconfigure.exclude=" + NO_SPRING_SECURITY,
                "--guichet.data-dir=" + dataDir.resolve("query"),
                "--server.port=0")) {
      WebTestClient http = http(querySide);
      http.get()
          .uri("/actuator/health/readiness")
          .exchange()
          .expectStatus()
          .isOk()
          .expectBody()
          .jsonPath("$.status")
          .isEqualTo("UP");
      http.get()
          .uri("/actuator/health")
          .exchange()
          .expectStatus()
          .isOk()
          .expectBody()
          .jsonPath("$.components.eventProcessors.details.catalog.lag")
          .isEqualTo(0);
      assertThat(
              http.get()
                  .uri("/actuator/prometheus")
                  .exchange()
                  .expectStatus()
                  .isOk()
                  .expectBody(String.class)
                  .returnResult()
                  .getResponseBody())
          .contains("guichet_processor_lag_events{processor=\"catalog\"}");
      http.get()
          .uri("/api/events")
          .exchange()
          .expectStatus()
          .isOk()
          .expectHeader()
          .contentTypeCompatibleWith("application/json");
    }
  }

  @Test
  void the_query_side_follows_the_command_sides_postgresql_event_store() {
    try (ConfigurableApplicationContext commandSide =
            new SpringApplicationBuilder(CommandService.class)
                .run(
                    "--spring.config.name=command-service",
                    "--spring.profiles.active=postgres",
                    "--GUICHET_DB_URL=" + postgres.jdbcUrl(),
                    "--GUICHET_DB_USER=" + postgres.username(),
                    "--GUICHET_DB_PASSWORD=" + postgres.password(),
                    "--guichet.data-dir=" + dataDir.resolve("command-pg"),
                    "--server.port=0");
        ConfigurableApplicationContext querySide =
            new SpringApplicationBuilder(QueryService.class)
                .run(
                    "--spring.config.name=query-service",
                    "--spring.profiles.active=postgres",
                    "--GUICHET_DB_URL=" + postgres.jdbcUrl(),
                    "--GUICHET_DB_USER=" + postgres.username(),
                    "--GUICHET_DB_PASSWORD=" + postgres.password(),
                    "--spring.autoconfigure.exclude=" + NO_SPRING_SECURITY,
                    "--guichet.data-dir=" + dataDir.resolve("query-pg"),
                    "--server.port=0")) {
      String eventId = new Api(http(commandSide)).eventOnSale("PT10M", 4, 4);
      WebTestClient reads = http(querySide);
      await()
          .atMost(Duration.ofSeconds(60))
          .untilAsserted(
              () ->
                  reads
                      .get()
                      .uri("/api/events/" + eventId + "/availability")
                      .exchange()
                      .expectStatus()
                      .isOk());
    }
  }
}
