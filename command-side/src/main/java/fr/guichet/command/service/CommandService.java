package fr.guichet.command.service;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The command side as its own service (docker-compose, multi-node): the Event and Order aggregates,
 * their deadlines and the command API, without the query side. Its settings are in {@code
 * command-service.properties} and the profiles beside it ({@code postgres}, {@code axonserver}).
 */
@SpringBootApplication(scanBasePackages = "fr.guichet.command")
public class CommandService {

  public static void main(String[] args) {
    if (System.getProperty("axoniq.update-checker.disabled") == null) {
      System.setProperty("axoniq.update-checker.disabled", "true");
    }
    SpringApplication application = new SpringApplication(CommandService.class);
    application.setDefaultProperties(java.util.Map.of("spring.config.name", "command-service"));
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
