package fr.guichet.standalone.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Properties;

/** The embedded database URL a configuration file gives, pointed at a test's data directory. */
final class EmbeddedDatabaseUrl {

  private EmbeddedDatabaseUrl() {}

  static String of(String resource, Path dataDir) throws IOException {
    Properties properties = new Properties();
    try (InputStream in =
        EmbeddedDatabaseUrl.class.getClassLoader().getResourceAsStream(resource)) {
      assertThat(in).as(resource).isNotNull();
      properties.load(in);
    }
    return properties
        .getProperty("spring.datasource.url")
        .replace("${guichet.data-dir}", dataDir.toString());
  }
}
