package fr.guichet.command.payment.sandbox;

import fr.guichet.command.config.ServerSecrets;
import fr.guichet.command.payment.WebhookSignature;
import fr.guichet.command.secrets.LocalSecrets;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The built-in sandbox bank, on unless {@code guichet.payments.sandbox.enabled=false}. Its webhook
 * secret comes from {@code guichet.payments.sandbox.webhook-secret} (env {@code
 * GUICHET_PAYMENTS_SANDBOX_WEBHOOKSECRET}) or is generated on first start under the data dir. Its
 * books live in the command side's database ({@link SandboxBankStore}).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(
    name = "guichet.payments.sandbox.enabled",
    havingValue = "true",
    matchIfMissing = true)
public class SandboxBankConfiguration {

  /** The platform's own address, known once its web server listens. */
  static final class PlatformAddresses
      implements SandboxAddresses, ApplicationListener<WebServerInitializedEvent> {
    private final String configuredBase;
    private final String webhookPath;
    private volatile String base;

    PlatformAddresses(String configuredBase, String webhookPath) {
      this.configuredBase = configuredBase;
      this.webhookPath = webhookPath;
      this.base = configuredBase.isBlank() ? null : stripSlash(configuredBase);
    }

    @Override
    public void onApplicationEvent(WebServerInitializedEvent event) {
      if (configuredBase.isBlank()) {
        base = "http://localhost:" + event.getWebServer().getPort();
      }
    }

    private String base() {
      if (base == null) {
        throw new IllegalStateException("The platform's web server has not started yet");
      }
      return base;
    }

    @Override
    public URI pageUrl(String providerPaymentId) {
      return URI.create(base() + "/sandbox-bank/pay/" + providerPaymentId);
    }

    @Override
    public URI webhookUrl() {
      return URI.create(base() + webhookPath);
    }

    private static String stripSlash(String s) {
      return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }
  }

  @Bean
  PlatformAddresses sandboxAddresses(@Value("${guichet.public-base-url:}") String baseUrl) {
    return new PlatformAddresses(baseUrl, "/api/payments/webhooks/" + SandboxBank.NAME);
  }

  @Bean
  WebhookSignature sandboxWebhookSignature(
      @Value("${guichet.payments.sandbox.webhook-secret:}") String configured,
      @Value("${guichet.payments.webhook-tolerance:PT5M}") Duration tolerance,
      LocalSecrets secrets) {
    String secret =
        configured.isBlank()
            ? secrets.getOrCreate(
                "sandbox-webhook-secret",
                () -> {
                  byte[] bytes = new byte[32];
                  new SecureRandom().nextBytes(bytes);
                  return "whsec_" + HexFormat.of().formatHex(bytes);
                })
            : configured;
    return new WebhookSignature(secret, tolerance, Clock.systemUTC());
  }

  @Bean
  SandboxBankStore sandboxBankStore(JdbcTemplate jdbc) {
    return new SandboxBankStore(jdbc);
  }

  /** Once the platform answers its webhooks again, the bank sends what it still owes it. */
  @Bean
  ApplicationListener<ApplicationReadyEvent> sandboxBankResumesDeliveries(SandboxBank bank) {
    return event -> bank.resumePendingDeliveries();
  }

  @Bean(destroyMethod = "shutdown")
  SandboxBank sandboxBank(
      SandboxBankStore sandboxBankStore,
      WebhookSignature sandboxWebhookSignature,
      PlatformAddresses sandboxAddresses,
      @Value("${guichet.payments.sandbox.retry-base:PT1S}") Duration retryBase,
      @Value("${guichet.payments.sandbox.max-attempts:12}") int maxAttempts,
      ServerSecrets secrets) {
    return new SandboxBank(
        sandboxBankStore,
        sandboxWebhookSignature,
        sandboxAddresses,
        Clock.systemUTC(),
        retryBase,
        maxAttempts,
        secrets.derive("payments/sandbox-card-fingerprint"));
  }
}
