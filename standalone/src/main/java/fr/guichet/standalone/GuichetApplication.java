package fr.guichet.standalone;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The whole platform in one JVM, on embedded defaults: no external service to start. */
@SpringBootApplication(scanBasePackages = "fr.guichet")
public class GuichetApplication {

  public static void main(String[] args) {
    quietDefaults();
    SpringApplication.run(GuichetApplication.class, args);
  }

  /** No call home: Axon's update checker would try to reach AxonIQ's servers at every start. */
  public static void quietDefaults() {
    if (System.getProperty("axoniq.update-checker.disabled") == null) {
      System.setProperty("axoniq.update-checker.disabled", "true");
    }
  }
}
