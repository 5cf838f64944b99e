package fr.guichet.command.payment;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.guichet.command.payment.PaymentGateway.InvalidWebhookException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class WebhookSignatureTest {

  private static final Instant NOW = Instant.parse("2027-01-01T12:00:00Z");
  private static final String BODY = "{\"id\":\"evt_1\"}";

  private static WebhookSignature at(Instant when, String secret) {
    return new WebhookSignature(secret, Duration.ofMinutes(5), Clock.fixed(when, ZoneOffset.UTC));
  }

  @Test
  void a_fresh_signature_over_the_exact_body_is_accepted() {
    String header = at(NOW.minusSeconds(299), "whsec_a").header(BODY);
    assertThatCode(() -> at(NOW, "whsec_a").verify(header, BODY)).doesNotThrowAnyException();
  }

  @Test
  void a_signature_older_or_newer_than_the_window_is_refused_as_a_replay() {
    String old = at(NOW.minusSeconds(301), "whsec_a").header(BODY);
    String future = at(NOW.plusSeconds(301), "whsec_a").header(BODY);
    assertThatThrownBy(() -> at(NOW, "whsec_a").verify(old, BODY))
        .isInstanceOf(InvalidWebhookException.class)
        .hasMessageContaining("replay window");
    assertThatThrownBy(() -> at(NOW, "whsec_a").verify(future, BODY))
        .isInstanceOf(InvalidWebhookException.class);
  }

  @Test
  void another_secret_an_altered_body_or_an_altered_timestamp_is_refused() {
    String header = at(NOW, "whsec_a").header(BODY);
    assertThatThrownBy(() -> at(NOW, "whsec_b").verify(header, BODY))
        .isInstanceOf(InvalidWebhookException.class);
    assertThatThrownBy(() -> at(NOW, "whsec_a").verify(header, BODY + " "))
        .isInstanceOf(InvalidWebhookException.class);
    String shifted = header.replace("t=" + NOW.getEpochSecond(), "t=" + (NOW.getEpochSecond() - 1));
    assertThatThrownBy(() -> at(NOW, "whsec_a").verify(shifted, BODY))
        .isInstanceOf(InvalidWebhookException.class);
  }

  @Test
  void a_missing_or_malformed_header_is_a_bad_request_not_a_bad_signature() {
    assertThatThrownBy(() -> at(NOW, "whsec_a").verify(null, BODY))
        .isInstanceOfSatisfying(
            InvalidWebhookException.class,
            e -> org.assertj.core.api.Assertions.assertThat(e.badSignature()).isFalse());
    assertThatThrownBy(() -> at(NOW, "whsec_a").verify("t=abc,v1=00", BODY))
        .isInstanceOfSatisfying(
            InvalidWebhookException.class,
            e -> org.assertj.core.api.Assertions.assertThat(e.badSignature()).isFalse());
  }
}
