package fr.guichet.query.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import fr.guichet.query.OnsaleHistory;
import fr.guichet.query.support.Deliveries;
import fr.guichet.query.support.EmbeddedMongo;
import fr.guichet.query.support.Generations;
import fr.guichet.query.support.MongoCommands;
import fr.guichet.query.support.ViewGenerations;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.axonframework.eventhandling.DomainEventMessage;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;

/**
 * A processor batch's changes to the dashboard are folded per document and written once per
 * collection, with the same documents as applying the events one by one (generation 1 here; the
 * batches write replicas into generations 2 and up).
 */
class DashboardBatchedWritesTest {

  private final MongoCommands commands = new MongoCommands();
  private final EmbeddedMongo mongo = new EmbeddedMongo(commands);
  private final DashboardFeed feed = new DashboardFeed();
  private final DashboardProjection live =
      new DashboardProjection(mongo.template(), new ViewGenerations(mongo.template()), feed);

  @AfterEach
  void stop() {
    mongo.close();
  }

  private Map<String, List<Document>> generation(int generation) {
    return Generations.of(mongo, live.collections(), generation);
  }

  @Test
  void many_events_on_one_dashboard_in_one_batch_are_one_write_per_collection_like_one_by_one() {
    List<DomainEventMessage<?>> history = OnsaleHistory.holdsOnOneEvent(40);
    List<DomainEventMessage<?>> setUp = history.subList(0, 4);
    List<DomainEventMessage<?>> onsale = history.subList(4, history.size());
    assertThat(onsale).hasSizeGreaterThan(150);
    Deliveries.oneByOne(live, history);

    Object batched = live.replica(2);
    Deliveries.oneByOne(batched, setUp);
    commands.reset();
    Deliveries.inOneBatch(batched, onsale);

    assertThat(commands.count("update", "dashboard_events_g2")).isEqualTo(1);
    assertThat(commands.count("find", "dashboard_events_g2")).isEqualTo(1);
    assertThat(commands.count("insert", "dashboard_order_prices_g2")).isEqualTo(1);
    assertThat(commands.count("update", "dashboard_order_prices_g2")).isZero();
    assertThat(generation(2)).isEqualTo(generation(1));
    Document dashboard = generation(1).get(DashboardProjection.EVENTS).get(0);
    assertThat(dashboard.getLong("sold")).isPositive();
    assertThat(dashboard.getLong("held")).isPositive();
    assertThat(dashboard.getLong("revenueCents")).isPositive();
  }

  @Test
  void a_batch_applied_twice_or_cut_otherwise_leaves_the_same_documents() {
    List<DomainEventMessage<?>> history = OnsaleHistory.holdsOnOneEvent(40);
    Deliveries.oneByOne(live, history);
    Object batched = live.replica(2);
    Deliveries.inOneBatch(batched, history);
    Map<String, List<Document>> once = generation(2);

    Deliveries.inOneBatch(batched, history);
    assertThat(generation(2)).isEqualTo(once);
    Deliveries.inBatches(batched, history, 7);
    assertThat(generation(2)).isEqualTo(once);
    Deliveries.oneByOne(batched, history.subList(50, 120));
    assertThat(generation(2)).isEqualTo(once).isEqualTo(generation(1));
  }

  @Test
  void two_events_and_many_orders_give_the_same_documents_however_they_are_cut_into_batches() {
    List<DomainEventMessage<?>> history = OnsaleHistory.twoEventsInterleaved();
    Deliveries.oneByOne(live, history);
    Map<String, List<Document>> oneByOne = generation(1);
    assertThat(oneByOne.get(DashboardProjection.EVENTS)).hasSize(2);
    assertThat(oneByOne.get(DashboardProjection.ORDER_PRICES)).hasSize(11);
    int generation = 2;
    for (int size : new int[] {2, 5, 13, history.size()}) {
      Deliveries.inBatches(live.replica(generation), history, size);
      assertThat(generation(generation)).as("batches of %d", size).isEqualTo(oneByOne);
      generation++;
    }
  }

  @Test
  void a_watched_dashboard_gets_the_picture_of_each_batch_once_it_is_written() {
    List<DomainEventMessage<?>> history = OnsaleHistory.holdsOnOneEvent(40);
    Deliveries.oneByOne(live, history.subList(0, 4));
    List<EventDashboard> seen = new CopyOnWriteArrayList<>();
    Disposable watching = feed.updates("ev-1").subscribe(seen::add);
    try {
      Deliveries.inBatches(live, history.subList(4, history.size()), 100);
      int batches = (history.size() - 4 + 99) / 100;
      assertThat(seen).hasSize(batches);
      EventDashboard last = seen.get(seen.size() - 1);
      assertThat(last).isEqualTo(live.handle(new FindEventDashboardQuery("ev-1")).join());
      assertThat(last.sold()).isPositive();
    } finally {
      watching.dispose();
    }
  }
}
