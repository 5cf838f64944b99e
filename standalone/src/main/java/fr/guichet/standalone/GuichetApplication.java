package fr.guichet.standalone;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurationExcludeFilter;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;

/**
 * The whole platform in one JVM, on embedded defaults: no external service to start. The separate
 * services' own launchers ({@code fr.guichet.*.service}) are left out.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@ComponentScan(
    basePackages = "fr.guichet",
    excludeFilters = {
      @ComponentScan.Filter(type = FilterType.CUSTOM, classes = TypeExcludeFilter.class),
      @ComponentScan.Filter(
          type = FilterType.CUSTOM,
          classes = AutoConfigurationExcludeFilter.class),
      @ComponentScan.Filter(
          type = FilterType.REGEX,
          pattern = "fr\\.guichet\\.[a-z]+\\.service\\..*")
    })
public class GuichetApplication {

  public static void main(String[] args) {
    quietDefaults();
    try {
      SpringApplication.run(GuichetApplication.class, args);
    } catch (RuntimeException startupFailed) {
      // Spring Boot has already reported why. Threads started before the failure (event
      // processors, schedulers) must not keep a half-started service alive: exit, so that the
      // supervisor (container runtime, systemd) sees the failure and restarts it.
      System.exit(1);
    }
  }

  /** No call home: Axon's update checker would try to reach AxonIQ's servers at every start. */
  public static void quietDefaults() {
    if (System.getProperty("axoniq.update-checker.disabled") == null) {
      System.setProperty("axoniq.update-checker.disabled", "true");
    }
  }
}
