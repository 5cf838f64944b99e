package fr.guichet.query.support;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.event.CommandListener;
import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.bson.Document;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;

/** An in-memory MongoDB-wire server and a template on it, for projection tests without Spring. */
public final class EmbeddedMongo implements AutoCloseable {

  private final MongoServer server = new MongoServer(new MemoryBackend());
  private final MongoClient client;
  private final ReactiveMongoTemplate template;

  public EmbeddedMongo() {
    this(null);
  }

  /** The same, with {@code listener} told of every command the driver sends (null: none). */
  public EmbeddedMongo(CommandListener listener) {
    server.bind("127.0.0.1", 0);
    var address = server.getLocalAddress();
    MongoClientSettings.Builder settings =
        MongoClientSettings.builder()
            .applyConnectionString(
                new ConnectionString("mongodb://127.0.0.1:" + address.getPort()));
    if (listener != null) {
      settings.addCommandListener(listener);
    }
    client = MongoClients.create(settings.build());
    template = new ReactiveMongoTemplate(client, "projection-test");
  }

  public ReactiveMongoTemplate template() {
    return template;
  }

  /** Every document of {@code collection}, sorted by id, as plain BSON documents. */
  public java.util.List<Document> all(String collection) {
    return template
        .findAll(Document.class, collection)
        .collectSortedList(
            (a, b) -> String.valueOf(a.get("_id")).compareTo(String.valueOf(b.get("_id"))))
        .block();
  }

  @Override
  public void close() {
    client.close();
    server.shutdownNow();
  }
}
