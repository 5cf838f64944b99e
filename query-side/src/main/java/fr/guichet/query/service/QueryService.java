package fr.guichet.query.service;

import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The query side as its own service: the MongoDB views and their REST, GraphQL and live-stream
 * APIs, fed from the event store. Settings in {@code query-service.properties} and its profile
 * {@code axonserver} (events from Axon Server; docker-compose). The views live in the MongoDB of
 * {@code spring.mongodb.uri}, or in an in-process MongoDB-wire server when it is not set.
 */
@SpringBootApplication(scanBasePackages = "fr.guichet.query")
public class QueryService {

  public static void main(String[] args) {
    if (System.getProperty("axoniq.update-checker.disabled") == null) {
      System.setProperty("axoniq.update-checker.disabled", "true");
    }
    SpringApplication application = new SpringApplication(QueryService.class);
    application.setDefaultProperties(Map.of("spring.config.name", "query-service"));
    try {
      application.run(args);
    } catch (RuntimeException startupFailed) {
      // Spring Boot has already reported why. Threads started before the failure (event
      // processors, schedulers) must not keep a half-started service alive: exit, so that the
      // supervisor (container runtime, systemd) sees the failure and restarts it.
      System.exit(1);
    }
  }
}
