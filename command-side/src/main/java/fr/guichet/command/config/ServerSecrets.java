package fr.guichet.command.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The server's master secret, from which every signing key is derived (HMAC-SHA256 of the purpose).
 * In production it comes from the environment ({@code GUICHET_SECRET_KEY}, base64, at least 32
 * bytes); on embedded defaults it is generated on first start into {@code
 * <data-dir>/secrets/master.key} (owner-only permissions) and reused afterwards. Never committed.
 */
@Component
public class ServerSecrets {

  private static final Logger log = LoggerFactory.getLogger(ServerSecrets.class);
  private static final int KEY_BYTES = 32;

  private final byte[] master;

  public ServerSecrets(
      @Value("${guichet.secret-key:}") String configured,
      @Value("${guichet.data-dir:./data}") String dataDir) {
    this.master =
        configured.isBlank()
            ? loadOrCreate(Path.of(dataDir, "secrets", "master.key"))
            : decode(configured);
  }

  /** A key for one purpose; different purposes get independent keys. */
  public byte[] derive(String purpose) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(master, "HmacSHA256"));
      return mac.doFinal(purpose.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }

  private static byte[] decode(String configured) {
    byte[] key = Base64.getDecoder().decode(configured.trim());
    if (key.length < KEY_BYTES) {
      throw new IllegalStateException(
          "guichet.secret-key must hold at least " + KEY_BYTES + " random bytes (base64)");
    }
    return key;
  }

  private static byte[] loadOrCreate(Path file) {
    try {
      if (Files.exists(file)) {
        return decode(Files.readString(file, StandardCharsets.US_ASCII));
      }
      Files.createDirectories(file.getParent());
      byte[] key = new byte[KEY_BYTES];
      new SecureRandom().nextBytes(key);
      Files.writeString(
          file,
          Base64.getEncoder().encodeToString(key),
          StandardCharsets.US_ASCII,
          StandardOpenOption.CREATE_NEW,
          StandardOpenOption.WRITE);
      try {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException notPosix) {
        log.warn("Could not restrict the permissions of {}", file);
      }
      log.info("Generated a new server secret in {}", file);
      return key;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read or create the server secret " + file, e);
    }
  }
}
