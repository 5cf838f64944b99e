package fr.guichet.command.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtException;

class AccessTokensTest {

  private static final SecretKey KEY =
      new SecretKeySpec("0123456789abcdef0123456789abcdef".getBytes(), "HmacSHA256");

  @TempDir Path dataDir;

  @Test
  void an_issued_token_names_the_account_and_its_role_and_lives_fifteen_minutes() {
    AccessTokens tokens = new AccessTokens(KEY, Duration.ofMinutes(15), Clock.systemUTC());
    AccessTokens.Issued issued = tokens.issue("acc-1", "MANAGER");
    Jwt jwt = tokens.decoder().decode(issued.token()).block();
    assertThat(jwt.getSubject()).isEqualTo("acc-1");
    assertThat(jwt.getClaimAsString("role")).isEqualTo("MANAGER");
    assertThat(jwt.getClaimAsString("iss")).isEqualTo("guichet");
    assertThat(Duration.between(jwt.getIssuedAt(), jwt.getExpiresAt()))
        .isEqualTo(Duration.ofMinutes(15));
    assertThat(issued.expiresInSeconds()).isEqualTo(900);
  }

  @Test
  void an_expired_token_is_refused() {
    Clock anHourAgo = Clock.fixed(Instant.now().minus(Duration.ofHours(1)), ZoneOffset.UTC);
    String old =
        new AccessTokens(KEY, Duration.ofMinutes(15), anHourAgo).issue("a", "DOOR").token();
    AccessTokens tokens = new AccessTokens(KEY, Duration.ofMinutes(15), Clock.systemUTC());
    assertThatThrownBy(() -> tokens.decoder().decode(old).block()).isInstanceOf(JwtException.class);
  }

  @Test
  void a_token_signed_with_another_key_or_altered_or_unsigned_is_refused() {
    AccessTokens tokens = new AccessTokens(KEY, Duration.ofMinutes(15), Clock.systemUTC());
    SecretKey other =
        new SecretKeySpec("fedcba9876543210fedcba9876543210".getBytes(), "HmacSHA256");
    String foreign =
        new AccessTokens(other, Duration.ofMinutes(15), Clock.systemUTC())
            .issue("acc-1", "DIRECTOR")
            .token();
    assertThatThrownBy(() -> tokens.decoder().decode(foreign).block())
        .isInstanceOf(JwtException.class);

    String genuine = tokens.issue("acc-1", "SPECTATOR").token();
    String[] parts = genuine.split("\\.");
    String escalated =
        Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(
                new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                    .replace("SPECTATOR", "DIRECTOR")
                    .getBytes(StandardCharsets.UTF_8));
    assertThatThrownBy(
            () -> tokens.decoder().decode(parts[0] + "." + escalated + "." + parts[2]).block())
        .isInstanceOf(JwtException.class);

    String none =
        Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8))
            + "."
            + parts[1]
            + ".";
    assertThatThrownBy(() -> tokens.decoder().decode(none).block())
        .isInstanceOf(JwtException.class);
  }

  @Test
  void the_signing_key_is_generated_once_and_kept_under_the_data_directory() throws Exception {
    SecretKey first = AccessTokens.loadOrCreateKey("", dataDir);
    SecretKey again = AccessTokens.loadOrCreateKey("", dataDir);
    assertThat(again.getEncoded()).isEqualTo(first.getEncoded());
    assertThat(first.getEncoded()).hasSizeGreaterThanOrEqualTo(32);
    Path file = dataDir.resolve("security/jwt-hs256.key");
    assertThat(Files.getPosixFilePermissions(file))
        .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
  }

  @Test
  void a_configured_key_wins_and_must_be_long_enough() {
    String configured = Base64.getEncoder().encodeToString(new byte[48]);
    assertThat(AccessTokens.loadOrCreateKey(configured, dataDir).getEncoded()).hasSize(48);
    assertThatThrownBy(
            () ->
                AccessTokens.loadOrCreateKey(
                    Base64.getEncoder().encodeToString(new byte[16]), dataDir))
        .isInstanceOf(IllegalStateException.class);
  }
}
