package fr.guichet.query.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import fr.guichet.query.OnsaleHistory;
import fr.guichet.query.support.Deliveries;
import fr.guichet.query.support.EmbeddedMongo;
import fr.guichet.query.support.Generations;
import fr.guichet.query.support.MongoCommands;
import fr.guichet.query.support.ViewGenerations;
import java.util.List;
import java.util.Map;
import org.axonframework.eventhandling.DomainEventMessage;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A processor batch's changes to the catalog are folded per event and written once, with the same
 * documents as applying the events one by one (generation 1 here; the batches write replicas into
 * generations 2 and up).
 */
class CatalogBatchedWritesTest {

  private final MongoCommands commands = new MongoCommands();
  private final EmbeddedMongo mongo = new EmbeddedMongo(commands);
  private final CatalogProjection live =
      new CatalogProjection(mongo.template(), new ViewGenerations(mongo.template()));

  @AfterEach
  void stop() {
    mongo.close();
  }

  private Map<String, List<Document>> generation(int generation) {
    return Generations.of(mongo, live.collections(), generation);
  }

  @Test
  void many_events_on_one_event_in_one_batch_are_one_read_and_one_write_like_one_by_one() {
    List<DomainEventMessage<?>> history = OnsaleHistory.holdsOnOneEvent(40);
    Deliveries.oneByOne(live, history);
    Object batched = live.replica(2);
    Deliveries.oneByOne(batched, history.subList(0, 4));
    commands.reset();
    Deliveries.inOneBatch(batched, history.subList(4, history.size()));

    assertThat(commands.count("find", "catalog_events_g2")).isEqualTo(1);
    assertThat(commands.count("update", "catalog_events_g2")).isEqualTo(1);
    Map<String, List<Document>> oneByOne = generation(1);
    assertThat(generation(2)).isEqualTo(oneByOne);
    Document event = oneByOne.get(CatalogProjection.EVENTS).get(0);
    assertThat(event.getLong("sold")).isPositive();
    assertThat(event.getLong("held")).isPositive();
    assertThat(event.getLong("blocked")).isEqualTo(1);
    assertThat(event.getLong("free") + event.getLong("held") + event.getLong("sold") + 1)
        .isEqualTo(24);
  }

  @Test
  void a_batch_applied_twice_or_cut_otherwise_leaves_the_same_documents() {
    List<DomainEventMessage<?>> history = OnsaleHistory.twoEventsInterleaved();
    Deliveries.oneByOne(live, history);
    Map<String, List<Document>> oneByOne = generation(1);
    assertThat(oneByOne.get(CatalogProjection.EVENTS)).hasSize(2);
    Object batched = live.replica(2);
    Deliveries.inOneBatch(batched, history);
    assertThat(generation(2)).isEqualTo(oneByOne);
    Deliveries.inOneBatch(batched, history);
    Deliveries.inBatches(batched, history, 6);
    assertThat(generation(2)).isEqualTo(oneByOne);
    Deliveries.inBatches(live.replica(3), history, 1);
    assertThat(generation(3)).isEqualTo(oneByOne);
  }
}
