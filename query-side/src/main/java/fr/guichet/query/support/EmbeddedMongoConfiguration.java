package fr.guichet.query.support;

import com.mongodb.ConnectionString;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.mongodb.autoconfigure.MongoConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * On embedded defaults the read models need no MongoDB install: an in-process MongoDB-wire server
 * (mongo-java-server) keeps them in an H2 file under {@code ${guichet.data-dir}/mongo}, on a
 * loopback port, and the query side reaches it over the real MongoDB driver. Setting {@code
 * spring.mongodb.uri} points the query side at a real MongoDB instead and starts nothing here. The
 * standalone platform and the query service switch it on ({@code guichet.embedded-mongo.enabled}).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression(
    "'${guichet.embedded-mongo.enabled:false}' == 'true' and '${spring.mongodb.uri:}'.isEmpty()")
public class EmbeddedMongoConfiguration {

  @Bean(destroyMethod = "shutdown")
  MongoServer embeddedMongoServer(
      @Value("${guichet.data-dir:./data}") String dataDir,
      @Value("${guichet.embedded-mongo.port:0}") int port) {
    Path directory = Path.of(dataDir, "mongo");
    try {
      Files.createDirectories(directory);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create " + directory, e);
    }
    MongoServer server = new MongoServer(new H2Backend(directory.resolve("views.mv").toString()));
    server.bind("127.0.0.1", port);
    return server;
  }

  @Bean
  MongoConnectionDetails embeddedMongoConnectionDetails(
      MongoServer server, @Value("${spring.mongodb.database:guichet}") String database) {
    ConnectionString uri =
        new ConnectionString(
            "mongodb://127.0.0.1:" + server.getLocalAddress().getPort() + "/" + database);
    return () -> uri;
  }
}
