package fr.guichet.query;

import com.mongodb.ConnectionString;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.net.InetSocketAddress;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.serialization.jackson3.Jackson3SerializerCustomizer;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.mongodb.autoconfigure.MongoConnectionDetails;
import org.springframework.context.annotation.Bean;
import tools.jackson.databind.jsontype.BasicPolymorphicTypeValidator;

/**
 * The query side alone, for tests: an in-memory event store stands in for the command side, and an
 * in-memory MongoDB-wire server for MongoDB, reached over the real driver.
 */
@SpringBootApplication
public class QueryTestApplication {

  public static final String[] ARGS = {
    "--server.port=0",
    "--axon.axonserver.enabled=false",
    "--axon.serializer.general=jackson3",
    "--spring.main.banner-mode=off"
  };

  @Bean
  EventStorageEngine eventStorageEngine() {
    return new InMemoryEventStorageEngine();
  }

  @Bean(destroyMethod = "shutdownNow")
  MongoServer mongoServer() {
    MongoServer server = new MongoServer(new MemoryBackend());
    server.bind("127.0.0.1", 0);
    return server;
  }

  @Bean
  MongoConnectionDetails mongoConnectionDetails(MongoServer server) {
    InetSocketAddress address = server.getLocalAddress();
    ConnectionString uri =
        new ConnectionString("mongodb://127.0.0.1:" + address.getPort() + "/guichet-test");
    return () -> uri;
  }

  @Bean
  Jackson3SerializerCustomizer typeValidator() {
    return builder ->
        builder.polymorphicTypeValidator(
            BasicPolymorphicTypeValidator.builder()
                .allowIfSubType("org.axonframework.")
                .allowIfSubType("fr.guichet.")
                .allowIfSubType("java.util.")
                .allowIfSubType("java.lang.")
                .allowIfSubType("java.time.")
                .build());
  }
}
