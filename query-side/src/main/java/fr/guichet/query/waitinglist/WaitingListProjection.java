package fr.guichet.query.waitinglist;

import fr.guichet.api.event.EventDomainEvent.SalesClosedEvent;
import fr.guichet.api.event.EventDomainEvent.WaitingListExit;
import fr.guichet.api.event.EventDomainEvent.WaitingListJoinedEvent;
import fr.guichet.api.event.EventDomainEvent.WaitingListLeftEvent;
import fr.guichet.api.event.EventDomainEvent.WaitingListOfferMadeEvent;
import fr.guichet.query.support.DocumentBatch;
import fr.guichet.query.support.RebuildableView;
import fr.guichet.query.support.ViewCollections;
import fr.guichet.query.support.ViewGenerations;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.queryhandling.QueryHandler;
import org.bson.Document;
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
 * Each Event's waiting list, one document per buyer and Event, from the Event's events. Every
 * waiting-list event comes from the Event aggregate, so its sequence number orders the list (the
 * join's is kept as {@code joinSequence}) and guards every write.
 */
@Component
@ProcessingGroup(WaitingListProjection.NAME)
class WaitingListProjection implements RebuildableView {

  static final String NAME = "waiting-list";
  static final String ENTRIES = "waiting_list";

  private final ReactiveMongoTemplate mongo;
  private final ViewGenerations generations;
  private final ViewCollections target;
  private final String batchKey = NAME + ".batch@" + System.identityHashCode(this);

  @Autowired
  WaitingListProjection(ReactiveMongoTemplate mongo, ViewGenerations generations) {
    this(mongo, generations, ViewCollections.live(generations, NAME));
  }

  private WaitingListProjection(
      ReactiveMongoTemplate mongo, ViewGenerations generations, ViewCollections target) {
    this.mongo = mongo;
    this.generations = generations;
    this.target = target;
  }

  private String entries() {
    return target.name(ENTRIES);
  }

  @Override
  public String viewName() {
    return NAME;
  }

  @Override
  public List<String> collections() {
    return List.of(ENTRIES);
  }

  @Override
  public Object replica(int generation) {
    return new WaitingListProjection(mongo, generations, ViewCollections.replica(NAME, generation));
  }

  @Override
  public void switched() {
    indexedCollection = null;
  }

  /** A buyer joins (or joins again, after leaving): a new place at the end of the list. */
  @EventHandler
  void on(WaitingListJoinedEvent event, @SequenceNumber long seq, @Timestamp Instant at) {
    ensureIndexes();
    String id = WaitingListEntry.idOf(event.eventId(), event.customerId());
    inBatch(
        batch -> {
          // read now, so that sales closing later in this batch finds this buyer waiting
          batch.find(entries(), id);
          batch.upsert(
              entries(),
              id,
              "version",
              seq,
              Update.update("eventId", event.eventId())
                  .set("customerId", event.customerId())
                  .set("orderId", event.orderId())
                  .set("status", WaitingListStatus.WAITING)
                  .set("kind", event.wanted().kind())
                  .set("area", event.wanted().area())
                  .set("quantity", event.wanted().size())
                  .set("joinedAt", at)
                  .set("joinSequence", seq)
                  .set("updatedAt", at)
                  .set("version", seq)
                  .unset("placeIds")
                  .unset("heldUntil"));
        });
  }

  @EventHandler
  void on(WaitingListLeftEvent event, @SequenceNumber long seq, @Timestamp Instant at) {
    WaitingListStatus status =
        event.reason() == WaitingListExit.CUSTOMER_LIMIT
            ? WaitingListStatus.CUSTOMER_LIMIT
            : WaitingListStatus.LEFT;
    update(event.eventId(), event.customerId(), seq, at, Update.update("status", status));
  }

  @EventHandler
  void on(WaitingListOfferMadeEvent event, @SequenceNumber long seq, @Timestamp Instant at) {
    update(
        event.eventId(),
        event.customerId(),
        seq,
        at,
        Update.update("status", WaitingListStatus.OFFERED)
            .set("orderId", event.orderId())
            .set("placeIds", event.placeIds())
            .set("heldUntil", event.heldUntil()));
  }

  /** Sales are over: whoever still waits will be offered nothing. */
  @EventHandler
  void on(SalesClosedEvent event, @SequenceNumber long seq, @Timestamp Instant at) {
    inBatch(
        batch -> {
          Set<Object> candidates = new LinkedHashSet<>();
          mongo
              .find(Query.query(waitingOn(event.eventId())), Document.class, entries())
              .doOnNext(d -> candidates.add(d.get("_id")))
              .blockLast();
          batch
              .changed(entries())
              .forEach(
                  (id, d) -> {
                    if (event.eventId().equals(d.get("eventId"))) {
                      candidates.add(id);
                    }
                  });
          for (Object id : candidates) {
            Document current = batch.find(entries(), id);
            if (current != null && WaitingListStatus.WAITING.name().equals(current.get("status"))) {
              batch.update(
                  entries(),
                  id,
                  "version",
                  seq,
                  Update.update("status", WaitingListStatus.CLOSED)
                      .set("updatedAt", at)
                      .set("version", seq));
            }
          }
        });
  }

  private void update(String eventId, String customerId, long seq, Instant at, Update update) {
    inBatch(
        batch ->
            batch.update(
                entries(),
                WaitingListEntry.idOf(eventId, customerId),
                "version",
                seq,
                update.set("updatedAt", at).set("version", seq)));
  }

  private void inBatch(Consumer<DocumentBatch> work) {
    DocumentBatch.run(batchKey, this::batch, written -> {}, work);
  }

  private DocumentBatch batch() {
    return new DocumentBatch(mongo, Map.of(entries(), List.of()));
  }

  private volatile String indexedCollection;

  private void ensureIndexes() {
    String collection = entries();
    if (!collection.equals(indexedCollection)) {
      mongo
          .indexOps(collection)
          .createIndex(
              new Index()
                  .on("eventId", Sort.Direction.ASC)
                  .on("status", Sort.Direction.ASC)
                  .on("joinSequence", Sort.Direction.ASC))
          .block();
      indexedCollection = collection;
    }
  }

  private Criteria waitingOn(String eventId) {
    return Criteria.where("eventId").is(eventId).and("status").is(WaitingListStatus.WAITING.name());
  }

  @QueryHandler
  CompletableFuture<WaitingListView> handle(FindWaitingListPlaceQuery query) {
    return mongo
        .findById(
            WaitingListEntry.idOf(query.eventId(), query.customerId()),
            WaitingListEntry.class,
            entries())
        .flatMap(
            entry -> {
              Mono<Long> waiting = mongo.count(Query.query(waitingOn(entry.eventId())), entries());
              Mono<Long> ahead =
                  entry.status() == WaitingListStatus.WAITING
                      ? mongo.count(
                          Query.query(
                              waitingOn(entry.eventId())
                                  .and("joinSequence")
                                  .lt(entry.joinSequence())),
                          entries())
                      : Mono.just(-1L);
              return Mono.zip(waiting, ahead)
                  .map(t -> WaitingListView.of(entry, (int) (t.getT2() + 1), t.getT1()));
            })
        .toFuture();
  }

  @QueryHandler
  CompletableFuture<WaitingListSummary> handle(FindWaitingListSummaryQuery query) {
    return mongo
        .find(
            Query.query(Criteria.where("eventId").is(query.eventId())),
            WaitingListEntry.class,
            entries())
        .collectList()
        .map(
            all -> {
              Map<WaitingListStatus, Long> counts = new TreeMap<>();
              Map<String, Long> wanted = new TreeMap<>();
              for (WaitingListEntry entry : all) {
                counts.merge(entry.status(), 1L, Long::sum);
                if (entry.status() == WaitingListStatus.WAITING) {
                  wanted.merge(entry.area(), (long) entry.quantity(), Long::sum);
                }
              }
              return new WaitingListSummary(
                  query.eventId(),
                  counts.getOrDefault(WaitingListStatus.WAITING, 0L),
                  counts.getOrDefault(WaitingListStatus.OFFERED, 0L),
                  counts.getOrDefault(WaitingListStatus.LEFT, 0L),
                  counts.getOrDefault(WaitingListStatus.CUSTOMER_LIMIT, 0L),
                  counts.getOrDefault(WaitingListStatus.CLOSED, 0L),
                  wanted);
            })
        .toFuture();
  }

  /** A replay starts from scratch in fresh collections. */
  @ResetHandler
  void onReset() {
    generations.advance(NAME, ENTRIES);
    indexedCollection = null;
  }
}
