package fr.guichet.command.payment.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import fr.guichet.command.payment.WebhookSignature;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

class SandboxCardsTest {

  private final SandboxBank bank =
      new SandboxBank(
          booksInMemory(),
          new WebhookSignature("whsec_test", Duration.ofMinutes(5), Clock.systemUTC()),
          new SandboxAddresses() {
            @Override
            public URI pageUrl(String providerPaymentId) {
              return URI.create("http://127.0.0.1:9/sandbox-bank/pay/" + providerPaymentId);
            }

            @Override
            public URI webhookUrl() {
              return URI.create("http://127.0.0.1:9/api/payments/webhooks/sandbox");
            }
          },
          Clock.systemUTC(),
          Duration.ofHours(1),
          1,
          new byte[32]);

  private static SandboxBankStore booksInMemory() {
    DriverManagerDataSource dataSource =
        new DriverManagerDataSource(
            "jdbc:h2:mem:sandbox-cards-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    new ResourceDatabasePopulator(new ClassPathResource("db/sandbox-bank-h2.sql"))
        .execute(dataSource);
    return new SandboxBankStore(new JdbcTemplate(dataSource));
  }

  @AfterEach
  void stop() {
    bank.shutdown();
  }

  @Test
  void a_card_has_one_stable_fingerprint_that_does_not_show_its_number() {
    String fingerprint = bank.fingerprint(SandboxBank.CARD_SUCCESS);
    assertThat(fingerprint).startsWith("fp_").hasSize(35).doesNotContain("4242");
    assertThat(bank.fingerprint(SandboxBank.CARD_SUCCESS)).isEqualTo(fingerprint);
    assertThat(bank.fingerprint("5555555555554444")).isNotEqualTo(fingerprint);
  }

  @Test
  void any_luhn_valid_number_pays_and_others_are_unknown() {
    assertThat(SandboxBank.luhnValid("5555555555554444")).isTrue();
    assertThat(SandboxBank.luhnValid("5555555555554445")).isFalse();
    assertThat(SandboxBank.luhnValid("42")).isFalse();
    String id =
        bank.openCheckout(
                new fr.guichet.command.payment.PaymentGateway.CheckoutRequest(
                    "pay-1", "order-1", 1000, "EUR", "test", "fr", null))
            .providerPaymentId();
    assertThat(bank.submitCard(id, "5555 5555 5555 4445"))
        .isEqualTo(SandboxBank.CardOutcome.UNKNOWN_CARD);
    assertThat(bank.submitCard(id, "5555 5555 5555 4444"))
        .isEqualTo(SandboxBank.CardOutcome.SUCCEEDED);
    assertThat(bank.payment(id).status()).isEqualTo(SandboxBank.Status.SUCCEEDED);
    assertThat(bank.payment(id).cardFingerprint()).isEqualTo(bank.fingerprint("5555555555554444"));
  }
}
