package fr.guichet.command.security;

import fr.guichet.command.web.Actor.Role;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * Short-lived bearer tokens signed by the platform (HS256). The key comes from {@code
 * guichet.security.jwt-secret} (base64, at least 32 bytes; set it from the environment in
 * production, the same on every node), or else is generated once under {@code guichet.data-dir}.
 */
@Component
public class AccessTokens {

  public static final String ISSUER = "guichet";
  static final String ROLE_CLAIM = "role";
  private static final Logger log = LoggerFactory.getLogger(AccessTokens.class);

  private final SecretKey key;
  private final JwtEncoder encoder;
  private final Duration ttl;
  private final Clock clock;

  @Autowired
  public AccessTokens(
      @Value("${guichet.security.jwt-secret:}") String configuredSecret,
      @Value("${guichet.data-dir:./data}") String dataDir,
      @Value("${guichet.security.access-token-ttl:PT15M}") Duration ttl) {
    this(loadOrCreateKey(configuredSecret, Path.of(dataDir)), ttl, Clock.systemUTC());
  }

  public AccessTokens(SecretKey key, Duration ttl, Clock clock) {
    this.key = key;
    this.encoder = NimbusJwtEncoder.withSecretKey(key).algorithm(MacAlgorithm.HS256).build();
    this.ttl = ttl;
    this.clock = clock;
  }

  public record Issued(String token, long expiresInSeconds) {}

  public Issued issue(String accountId, String role) {
    Instant now = clock.instant();
    JwtClaimsSet claims =
        JwtClaimsSet.builder()
            .issuer(ISSUER)
            .subject(accountId)
            .issuedAt(now)
            .expiresAt(now.plus(ttl))
            .id(UUID.randomUUID().toString())
            .claim(ROLE_CLAIM, role)
            .build();
    String token =
        encoder
            .encode(JwtEncoderParameters.from(JwsHeader.with(MacAlgorithm.HS256).build(), claims))
            .getTokenValue();
    return new Issued(token, ttl.toSeconds());
  }

  /** Accepts only HS256 tokens of this platform, within their validity window. */
  public ReactiveJwtDecoder decoder() {
    NimbusReactiveJwtDecoder decoder =
        NimbusReactiveJwtDecoder.withSecretKey(key).macAlgorithm(MacAlgorithm.HS256).build();
    decoder.setJwtValidator(JwtValidators.createDefaultWithIssuer(ISSUER));
    return decoder;
  }

  static boolean knownRole(String role) {
    if (role == null) {
      return false;
    }
    for (Role r : Role.values()) {
      if (r.name().equals(role)) {
        return true;
      }
    }
    return false;
  }

  public static SecretKey loadOrCreateKey(String configured, Path dataDir) {
    byte[] bytes;
    if (StringUtils.hasText(configured)) {
      bytes = Base64.getDecoder().decode(configured.trim());
    } else {
      Path file = dataDir.resolve("security").resolve("jwt-hs256.key");
      bytes = readOrGenerate(file);
    }
    if (bytes.length < 32) {
      throw new IllegalStateException(
          "guichet.security.jwt-secret must hold at least 32 bytes (base64-encoded).");
    }
    return new SecretKeySpec(bytes, "HmacSHA256");
  }

  private static byte[] readOrGenerate(Path file) {
    try {
      if (Files.exists(file)) {
        return Base64.getDecoder().decode(Files.readString(file).trim());
      }
      Files.createDirectories(file.getParent());
      byte[] fresh = new byte[32];
      new SecureRandom().nextBytes(fresh);
      try {
        Files.createFile(
            file,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      } catch (UnsupportedOperationException notPosix) {
        Files.createFile(file);
      }
      Files.writeString(file, Base64.getEncoder().encodeToString(fresh));
      log.info("Generated a new token signing key in {}", file.toAbsolutePath());
      return fresh;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read or create the token signing key " + file, e);
    }
  }
}
