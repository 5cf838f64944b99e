package fr.guichet.command.abuse;

import fr.guichet.command.config.ServerSecrets;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The anti-abuse tools that need a key or a clock. */
@Configuration(proxyBeanMethods = false)
class AbuseConfiguration {

  @Bean
  ProofOfWork proofOfWork(
      ServerSecrets secrets,
      ObjectProvider<Clock> clock,
      @Value("${guichet.challenge.max-remembered:200000}") int maxRemembered) {
    return new ProofOfWork(
        secrets.derive("abuse/altcha"), clock.getIfAvailable(Clock::systemUTC), maxRemembered);
  }
}
