package fr.guichet.command.secrets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Secrets of the embedded platform, generated on first start under {@code
 * <guichet.data-dir>/secrets/} (owner-only permissions) and read back afterwards. In production
 * they come from the environment instead; nothing here is ever committed.
 */
@Component
public class LocalSecrets {

  private static final Logger log = LoggerFactory.getLogger(LocalSecrets.class);
  private final Path directory;

  public LocalSecrets(@Value("${guichet.data-dir:./data}") String dataDir) {
    this.directory = Path.of(dataDir).resolve("secrets");
  }

  /** The secret stored under {@code name}, if one was ever generated; never creates one. */
  public synchronized java.util.Optional<String> read(String name) {
    Path file = directory.resolve(name);
    try {
      return Files.exists(file)
          ? java.util.Optional.of(Files.readString(file, StandardCharsets.UTF_8).trim())
          : java.util.Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the secret " + file, e);
    }
  }

  /** The secret stored under {@code name}, generated with {@code generator} if there is none. */
  public synchronized String getOrCreate(String name, Supplier<String> generator) {
    Path file = directory.resolve(name);
    try {
      if (Files.exists(file)) {
        return Files.readString(file, StandardCharsets.UTF_8).trim();
      }
      Files.createDirectories(directory);
      String value = generator.get();
      Files.writeString(
          file,
          value,
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE_NEW,
          StandardOpenOption.WRITE);
      try {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException e) {
        log.debug("No POSIX permissions on this file system for {}", file);
      }
      log.info("Generated secret {} (first start)", file.toAbsolutePath());
      return value;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read or create the secret " + file, e);
    }
  }
}
