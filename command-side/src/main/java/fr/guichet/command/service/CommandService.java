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
    application.run(args);
  }
}
