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
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The built-in sandbox bank, on unless {@code guichet.payments.sandbox.enabled=false}. Its webhook
 * secret comes from {@code guichet.payments.sandbox.webhook-secret} (env {@code
 * GUICHET_PAYMENTS_SANDBOX_WEBHOOKSECRET}) or is generated on first start under the data dir.
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

  @Bean(destroyMethod = "shutdown")
  SandboxBank sandboxBank(
      WebhookSignature sandboxWebhookSignature,
      PlatformAddresses sandboxAddresses,
      @Value("${guichet.payments.sandbox.retry-base:PT1S}") Duration retryBase,
      @Value("${guichet.payments.sandbox.max-attempts:12}") int maxAttempts,
      ServerSecrets secrets) {
    return new SandboxBank(
        sandboxWebhookSignature,
        sandboxAddresses,
        Clock.systemUTC(),
        retryBase,
        maxAttempts,
        secrets.derive("payments/sandbox-card-fingerprint"));
  }
}
