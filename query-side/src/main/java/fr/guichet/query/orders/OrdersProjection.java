package fr.guichet.query.orders;

import fr.guichet.api.event.EventDomainEvent.EventCreatedEvent;
import fr.guichet.api.event.EventDomainEvent.EventDetailsChangedEvent;
import fr.guichet.api.order.OrderDomainEvent.OrderCancelledEvent;
import fr.guichet.api.order.OrderDomainEvent.OrderConfirmedEvent;
import fr.guichet.api.order.OrderDomainEvent.OrderCreatedEvent;
import fr.guichet.api.order.OrderDomainEvent.OrderExpiredEvent;
import fr.guichet.api.order.OrderDomainEvent.OrderPaidAfterExpiryEvent;
import fr.guichet.api.order.OrderDomainEvent.OrderPlacesCancelledEvent;
import fr.guichet.api.order.OrderDomainEvent.OrderSaleCancelledEvent;
import fr.guichet.api.order.OrderPricingEvent.OrderPricedEvent;
import fr.guichet.api.order.OrderStatus;
import fr.guichet.query.support.DocumentBatch;
import fr.guichet.query.support.RebuildableView;
import fr.guichet.query.support.ViewCollections;
import fr.guichet.query.support.ViewGenerations;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.queryhandling.QueryHandler;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Orders for their buyers and the box office, from the Order's events, with their event's title and
 * date from the Event's events. Writes are conditional on the stored sequence number.
 */
@Component
@ProcessingGroup(OrdersProjection.NAME)
class OrdersProjection implements RebuildableView {

  static final String NAME = "orders";
  static final String ORDERS = "orders";
  static final String EVENTS = "orders_events";

  private final ReactiveMongoTemplate mongo;
  private final ViewGenerations generations;
  private final ViewCollections target;

  /** Tells subscribed buyers their order changed; null in a replica, which tells no one. */
  private final QueryUpdateEmitter updates;

  private final String batchKey = NAME + ".batch@" + System.identityHashCode(this);

  @Autowired
  OrdersProjection(
      ReactiveMongoTemplate mongo, ViewGenerations generations, QueryUpdateEmitter updates) {
    this(mongo, generations, ViewCollections.live(generations, NAME), updates);
  }

  private OrdersProjection(
      ReactiveMongoTemplate mongo,
      ViewGenerations generations,
      ViewCollections target,
      QueryUpdateEmitter updates) {
    this.mongo = mongo;
    this.generations = generations;
    this.target = target;
    this.updates = target.live() ? updates : null;
  }

  private String orders() {
    return target.name(ORDERS);
  }

  private String events() {
    return target.name(EVENTS);
  }

  @Override
  public String viewName() {
    return NAME;
  }

  @Override
  public List<String> collections() {
    return List.of(ORDERS, EVENTS);
  }

  /** A replica writes generation {@code generation} and emits no subscription-query update. */
  @Override
  public Object replica(int generation) {
    return new OrdersProjection(
        mongo, generations, ViewCollections.replica(NAME, generation), null);
  }

  @Override
  public void switched() {
    indexedCollection = null;
  }

  @EventHandler
  void on(EventCreatedEvent event, @SequenceNumber long seq) {
    upsert(
        events(),
        event.eventId(),
        seq,
        Update.update("title", event.title())
            .set("venue", event.venue())
            .set("startsAt", event.startsAt()));
  }

  @EventHandler
  void on(EventDetailsChangedEvent event, @SequenceNumber long seq) {
    upsert(
        events(),
        event.eventId(),
        seq,
        Update.update("title", event.title())
            .set("venue", event.venue())
            .set("startsAt", event.startsAt()));
  }

  @EventHandler
  void on(OrderCreatedEvent event, @SequenceNumber long seq, @Timestamp Instant at) {
    ensureIndexes();
    upsert(
        orders(),
        event.orderId(),
        seq,
        Update.update("eventId", event.eventId())
            .set("customerId", event.customerId())
            .set("placeIds", event.placeIds())
            .set("heldUntil", event.heldUntil())
            .set("status", OrderStatus.AWAITING_PAYMENT)
            .set("createdAt", at)
            .set("updatedAt", at));
  }

  @EventHandler
  void on(OrderConfirmedEvent event, @SequenceNumber long seq, @Timestamp Instant at) {
    status(
        event.orderId(),
        seq,
        at,
        Update.update("status", OrderStatus.CONFIRMED)
            .set("paymentReference", event.paymentReference()));
  }

  @EventHandler
  void on(OrderExpiredEvent event, @SequenceNumber long seq, @Timestamp Instant at) {
    status(event.orderId(), seq, at, Update.update("status", OrderStatus.EXPIRED));
  }

  @EventHandler
  void on(OrderCancelledEvent event, @SequenceNumber long seq, @Timestamp Instant at) {
    status(event.orderId(), seq, at, Update.update("status", OrderStatus.CANCELLED));
  }

  /**
   * The box office cancelled the paid order (refund): it is cancelled, as the Order aggregate says,
   * and no longer shows as confirmed in the buyer's orders.
   */
  @EventHandler
  void on(OrderSaleCancelledEvent event, @SequenceNumber long seq, @Timestamp Instant at) {
    status(
        event.orderId(),
        seq,
        at,
        Update.update("status", OrderStatus.CANCELLED).set("remainingCents", 0L));
  }

  /** The order's price, by its latest pricing. */
  @EventHandler
  void on(OrderPricedEvent event, @SequenceNumber long seq, @Timestamp Instant at) {
    status(event.orderId(), seq, at, Update.update("totalCents", event.totalCents()));
  }

  /**
   * A manager cancelled some places of the paid order: they no longer count among its tickets, what
   * they were paid went back, and what the order keeps is shown.
   */
  @EventHandler
  void on(OrderPlacesCancelledEvent event, @SequenceNumber long seq, @Timestamp Instant at) {
    status(
        event.orderId(),
        seq,
        at,
        new Update()
            .addToSet("cancelledPlaceIds")
            .each(event.placeIds().toArray())
            .inc("refundedCents", event.refundCents())
            .set("remainingCents", event.remainingCents())
            .push(
                "cancellations",
                new OrderView.Cancellation(
                    event.cancellationId(),
                    event.placeIds(),
                    event.refundCents(),
                    event.reason(),
                    event.cancelledBy(),
                    at)));
  }

  @EventHandler
  void on(OrderPaidAfterExpiryEvent event, @SequenceNumber long seq, @Timestamp Instant at) {
    status(
        event.orderId(), seq, at, new Update().addToSet("latePayments", event.paymentReference()));
  }

  private void status(String orderId, long seq, Instant at, Update update) {
    inBatch(
        batch ->
            batch.update(
                orders(),
                orderId,
                "version",
                seq,
                update.set("updatedAt", at).set("version", seq)));
  }

  private void upsert(String collection, String id, long seq, Update update) {
    inBatch(batch -> batch.upsert(collection, id, "version", seq, update.set("version", seq)));
  }

  /**
   * Runs {@code work} in the current processor batch: its changes are folded per document and
   * written once, with one bulk write per collection, just before the batch commits.
   */
  private void inBatch(Consumer<DocumentBatch> work) {
    DocumentBatch.run(batchKey, this::batch, this::written, work);
  }

  private DocumentBatch batch() {
    Map<String, List<String>> collections = new LinkedHashMap<>();
    collections.put(events(), List.of());
    collections.put(orders(), List.of());
    return new DocumentBatch(mongo, collections);
  }

  /** Buyers subscribed to an order the batch changed are told its new state, once per batch. */
  private void written(DocumentBatch batch) {
    if (updates == null) {
      return;
    }
    for (Object orderId : batch.changed(orders()).keySet()) {
      OrderDocument order = batch.find(orders(), orderId, OrderDocument.class);
      EventInfo event = batch.find(events(), order.eventId(), EventInfo.class);
      OrderView view = OrderView.of(order, event);
      updates.emit(FindOrderQuery.class, query -> query.orderId().equals(orderId), view);
    }
  }

  private volatile String indexedCollection;

  private void ensureIndexes() {
    String collection = orders();
    if (!collection.equals(indexedCollection)) {
      var indexes = mongo.indexOps(collection);
      indexes.createIndex(new Index().on("customerId", Sort.Direction.ASC)).block();
      indexes.createIndex(new Index().on("eventId", Sort.Direction.ASC)).block();
      indexes.createIndex(new Index().on("placeIds", Sort.Direction.ASC)).block();
      indexedCollection = collection;
    }
  }

  private Mono<OrderView> find(String orderId) {
    return mongo
        .findById(orderId, OrderDocument.class, orders())
        .flatMap(
            order ->
                mongo
                    .findById(order.eventId(), EventInfo.class, events())
                    .map(event -> OrderView.of(order, event))
                    .defaultIfEmpty(OrderView.of(order, null)));
  }

  @QueryHandler
  CompletableFuture<OrderView> handle(FindOrderQuery query) {
    return find(query.orderId()).toFuture();
  }

  @QueryHandler
  CompletableFuture<OrderPage> handle(FindOrdersQuery query) {
    List<Criteria> all = new ArrayList<>();
    if (query.customerId() != null && !query.customerId().isBlank()) {
      all.add(Criteria.where("customerId").is(query.customerId()));
    }
    if (query.eventId() != null && !query.eventId().isBlank()) {
      all.add(Criteria.where("eventId").is(query.eventId()));
    }
    if (query.placeId() != null && !query.placeId().isBlank()) {
      all.add(Criteria.where("placeIds").is(query.placeId()));
    }
    if (query.status() != null) {
      all.add(Criteria.where("status").is(query.status().name()));
    }
    Criteria criteria = new Criteria().andOperator(all.toArray(new Criteria[0]));
    Mono<Long> total = mongo.count(Query.query(criteria), OrderDocument.class, orders());
    Query page =
        Query.query(criteria)
            .with(Sort.by(Sort.Direction.DESC, "createdAt").and(Sort.by("_id")))
            .skip((long) query.page() * query.size())
            .limit(query.size());
    Mono<List<OrderView>> items =
        mongo
            .find(page, OrderDocument.class, orders())
            .collectList()
            .flatMap(
                orders ->
                    mongo
                        .find(
                            Query.query(
                                Criteria.where("_id")
                                    .in(
                                        orders.stream()
                                            .map(OrderDocument::eventId)
                                            .distinct()
                                            .toList())),
                            EventInfo.class,
                            events())
                        .collectMap(EventInfo::eventId, Function.identity())
                        .map(
                            (Map<String, EventInfo> events) ->
                                orders.stream()
                                    .map(o -> OrderView.of(o, events.get(o.eventId())))
                                    .collect(Collectors.toList())));
    return Mono.zip(items, total)
        .map(t -> new OrderPage(t.getT1(), query.page(), query.size(), t.getT2()))
        .toFuture();
  }

  /** A replay starts from scratch in fresh collections. */
  @ResetHandler
  void onReset() {
    generations.advance(NAME, ORDERS, EVENTS);
    indexedCollection = null;
  }
}
