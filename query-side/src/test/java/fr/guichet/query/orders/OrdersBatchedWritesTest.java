package fr.guichet.query.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import fr.guichet.api.order.OrderStatus;
import fr.guichet.query.OnsaleHistory;
import fr.guichet.query.support.Deliveries;
import fr.guichet.query.support.EmbeddedMongo;
import fr.guichet.query.support.Generations;
import fr.guichet.query.support.MongoCommands;
import fr.guichet.query.support.ViewGenerations;
import java.util.List;
import java.util.Map;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

/**
 * A processor batch's changes to the orders view are folded per document and written once per
 * collection, with the same documents as applying the events one by one (generation 1 here; the
 * batches write replicas into generations 2 and up).
 */
class OrdersBatchedWritesTest {

  private final MongoCommands commands = new MongoCommands();
  private final EmbeddedMongo mongo = new EmbeddedMongo(commands);
  private final QueryUpdateEmitter updates = mock(QueryUpdateEmitter.class);
  private final OrdersProjection live =
      new OrdersProjection(mongo.template(), new ViewGenerations(mongo.template()), updates);

  @AfterEach
  void stop() {
    mongo.close();
  }

  private Map<String, List<Document>> generation(int generation) {
    return Generations.of(mongo, live.collections(), generation);
  }

  @Test
  void a_batch_of_many_orders_is_one_read_and_one_write_like_one_by_one() {
    List<DomainEventMessage<?>> history = OnsaleHistory.holdsOnOneEvent(40);
    Deliveries.oneByOne(live, history);
    Object batched = live.replica(2);
    Deliveries.oneByOne(batched, history.subList(0, 1));
    commands.reset();
    Deliveries.inOneBatch(batched, history.subList(1, history.size()));

    assertThat(commands.count("find", "orders_g2")).isEqualTo(1);
    assertThat(commands.count("insert", "orders_g2")).isEqualTo(1);
    assertThat(commands.count("update", "orders_g2")).isZero();
    assertThat(commands.count("update", "orders_events_g2")).isZero();
    Map<String, List<Document>> oneByOne = generation(1);
    assertThat(generation(2)).isEqualTo(oneByOne);
    assertThat(oneByOne.get(OrdersProjection.ORDERS)).hasSizeGreaterThan(20);
    assertThat(oneByOne.get(OrdersProjection.ORDERS))
        .anySatisfy(o -> assertThat(o.get("cancelledPlaceIds")).isNotNull())
        .anySatisfy(o -> assertThat(o.getString("status")).isEqualTo("CONFIRMED"));
  }

  @Test
  void a_batch_applied_twice_or_cut_otherwise_leaves_the_same_documents() {
    List<DomainEventMessage<?>> history = OnsaleHistory.twoEventsInterleaved();
    Deliveries.oneByOne(live, history);
    Map<String, List<Document>> oneByOne = generation(1);
    Object batched = live.replica(2);
    Deliveries.inOneBatch(batched, history);
    assertThat(generation(2)).isEqualTo(oneByOne);
    Deliveries.inOneBatch(batched, history);
    assertThat(generation(2)).isEqualTo(oneByOne);
    Deliveries.inBatches(batched, history, 3);
    assertThat(generation(2)).isEqualTo(oneByOne);
    Deliveries.inBatches(live.replica(3), history, 4);
    assertThat(generation(3)).isEqualTo(oneByOne);
  }

  @Test
  void a_subscribed_buyer_is_told_each_order_s_state_once_per_batch() {
    List<DomainEventMessage<?>> history = OnsaleHistory.twoEventsInterleaved();
    Deliveries.inOneBatch(live, history);
    ArgumentCaptor<OrderView> told = ArgumentCaptor.forClass(OrderView.class);
    verify(updates, times(11)).emit(eq(FindOrderQuery.class), any(), told.capture());
    assertThat(told.getAllValues())
        .filteredOn(view -> view.orderId().equals("ev-1-o6"))
        .singleElement()
        .satisfies(view -> assertThat(view.status()).isEqualTo(OrderStatus.CONFIRMED))
        .satisfies(view -> assertThat(view.eventTitle()).isEqualTo("Carmen ev-1"));
  }
}
