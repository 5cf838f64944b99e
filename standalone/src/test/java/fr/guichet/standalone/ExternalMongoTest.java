package fr.guichet.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExternalMongoTest {

  @TempDir Path dataDir;

  @Test
  void with_an_explicit_mongodb_uri_the_views_go_there_and_nothing_is_started() {
    MongoServer external = new MongoServer(H2Backend.inMemory());
    external.bind("127.0.0.1", 0);
    String uri = "mongodb://127.0.0.1:" + external.getLocalAddress().getPort() + "/elsewhere";
    try (Guichet guichet = new Guichet(dataDir, "--spring.mongodb.uri=" + uri)) {
      assertThat(guichet.beanCount(MongoServer.class)).isZero();
      String eventId = guichet.eventOnSale("Aida");
      LiveSeatMapTest.snapshot(guichet, eventId);
      try (var client = MongoClients.create(uri)) {
        var database = client.getDatabase("elsewhere");
        List<String> processors = new ArrayList<>();
        await()
            .atMost(Duration.ofSeconds(10))
            .untilAsserted(
                () -> {
                  processors.clear();
                  database
                      .getCollection("tracking_tokens")
                      .find()
                      .forEach(d -> processors.add(d.getString("processorName")));
                  assertThat(processors).contains("seat-map");
                });
        assertThat(processors)
            .as("the command side's process keeps its JPA token store")
            .doesNotContain("order-lifecycle");
        assertThat(database.getCollection("seatmap_layouts_g1").find(new Document("_id", eventId)))
            .isNotEmpty();
      }
    } finally {
      external.shutdownNow();
    }
  }
}
