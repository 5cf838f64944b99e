package fr.guichet.query.setup;

import fr.guichet.api.event.EventDomainEvent.EventCreatedEvent;
import fr.guichet.api.event.EventDomainEvent.EventDetailsChangedEvent;
import fr.guichet.api.event.EventDomainEvent.PlacesBlockedEvent;
import fr.guichet.api.event.EventDomainEvent.PlacesUnblockedEvent;
import fr.guichet.api.event.EventDomainEvent.SalesApprovalRequestedEvent;
import fr.guichet.api.event.EventDomainEvent.SalesApprovedEvent;
import fr.guichet.api.event.EventDomainEvent.SalesClosedEvent;
import fr.guichet.api.event.EventDomainEvent.SalesLimitsSetEvent;
import fr.guichet.api.event.EventDomainEvent.SalesOpenedEvent;
import fr.guichet.api.event.EventDomainEvent.SalesOpeningScheduledEvent;
import fr.guichet.api.event.EventDomainEvent.SalesPausedEvent;
import fr.guichet.api.event.EventDomainEvent.SalesRejectedEvent;
import fr.guichet.api.event.EventDomainEvent.SalesResumedEvent;
import fr.guichet.api.event.EventDomainEvent.SeatingPlanConfiguredEvent;
import fr.guichet.api.event.PlaceDefinition;
import fr.guichet.query.setup.EventSetupDocument.BlockedPlace;
import fr.guichet.query.support.RebuildableView;
import fr.guichet.query.support.ViewCollections;
import fr.guichet.query.support.ViewGenerations;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The staff's view of each event's configuration and approval stage. Every write is conditional on
 * the document's version being older than the event's sequence number, so replays and redeliveries
 * change nothing; the processor runs in one thread, so reading a document before updating it is
 * safe.
 */
@Component
@ProcessingGroup(EventSetupProjection.NAME)
class EventSetupProjection implements RebuildableView {

  static final String NAME = "event-setup";
  static final String EVENTS = "event_setups";

  private final ReactiveMongoTemplate mongo;
  private final ViewGenerations generations;
  private final ViewCollections target;

  @Autowired
  EventSetupProjection(ReactiveMongoTemplate mongo, ViewGenerations generations) {
    this(mongo, generations, ViewCollections.live(generations, NAME));
  }

  private EventSetupProjection(
      ReactiveMongoTemplate mongo, ViewGenerations generations, ViewCollections target) {
    this.mongo = mongo;
    this.generations = generations;
    this.target = target;
  }

  private String collection() {
    return target.name(EVENTS);
  }

  @Override
  public String viewName() {
    return NAME;
  }

  @Override
  public List<String> collections() {
    return List.of(EVENTS);
  }

  /** The staff's view has no side effect: its replica only writes generation {@code generation}. */
  @Override
  public Object replica(int generation) {
    return new EventSetupProjection(mongo, generations, ViewCollections.replica(NAME, generation));
  }

  @Override
  public void switched() {
    // nothing cached in memory: every read and write goes to the current generation
  }

  @EventHandler
  void on(EventCreatedEvent event, @SequenceNumber long seq, @Timestamp Instant at) {
    Update update =
        details(event.title(), event.venue(), event.startsAt(), event.description())
            .set("stage", SetupStage.DRAFT)
            .set("capacity", 0L)
            .set("blocked", List.of())
            .set("updatedAt", at)
            .set("version", seq);
    try {
      mongo.upsert(olderThan(event.eventId(), seq), update, collection()).block();
    } catch (DuplicateKeyException alreadyApplied) {
      // this event or a later one is already in the document
    }
  }

  @EventHandler
  void on(EventDetailsChangedEvent event, @SequenceNumber long seq, @Timestamp Instant at) {
    update(
        event.eventId(),
        seq,
        at,
        details(event.title(), event.venue(), event.startsAt(), event.description()));
  }

  @EventHandler
  void on(SeatingPlanConfiguredEvent event, @SequenceNumber long seq, @Timestamp Instant at) {
    EventSetupDocument doc = find(event.eventId());
    if (doc == null || doc.version() >= seq) {
      return;
    }
    Set<String> ids = new HashSet<>();
    for (PlaceDefinition place : event.plan().places()) {
      ids.add(place.id());
    }
    List<BlockedPlace> stillBlocked =
        doc.blocked().stream().filter(b -> ids.contains(b.placeId())).toList();
    update(
        event.eventId(),
        seq,
        at,
        Update.update("plan", event.plan())
            .set("capacity", (long) event.capacity())
            .set("blocked", stillBlocked));
  }

  @EventHandler
  void on(SalesLimitsSetEvent event, @SequenceNumber long seq, @Timestamp Instant at) {
    update(
        event.eventId(),
        seq,
        at,
        Update.update("maxPlacesPerOrder", event.limits().maxPlacesPerOrder())
            .set("maxPlacesPerCustomer", event.limits().maxPlacesPerCustomer())
            .set("holdDuration", event.limits().holdDuration().toString())
            .set("waitingListOfferDuration", event.limits().waitingListOfferDuration().toString())
            .set("latePaymentAccepted", event.limits().latePaymentAccepted()));
  }

  @EventHandler
  void on(SalesApprovalRequestedEvent event, @SequenceNumber long seq, @Timestamp Instant at) {
    update(
        event.eventId(),
        seq,
        at,
        stage(SetupStage.AWAITING_APPROVAL).set("submittedAt", at).unset("rejectionReason"));
  }

  @EventHandler
  void on(SalesRejectedEvent event, @SequenceNumber long seq, @Timestamp Instant at) {
    update(
        event.eventId(),
        seq,
        at,
        stage(SetupStage.DRAFT).set("rejectionReason", event.reason()).unset("submittedAt"));
  }

  @EventHandler
  void on(SalesApprovedEvent event, @SequenceNumber long seq, @Timestamp Instant at) {
    update(event.eventId(), seq, at, stage(SetupStage.APPROVED).unset("rejectionReason"));
  }

  @EventHandler
  void on(SalesOpeningScheduledEvent event, @SequenceNumber long seq, @Timestamp Instant at) {
    update(event.eventId(), seq, at, Update.update("opensAt", event.opensAt()));
  }

  @EventHandler
  void on(SalesOpenedEvent event, @SequenceNumber long seq, @Timestamp Instant at) {
    update(event.eventId(), seq, at, stage(SetupStage.ON_SALE).set("opensAt", at));
  }

  @EventHandler
  void on(SalesPausedEvent event, @SequenceNumber long seq, @Timestamp Instant at) {
    update(event.eventId(), seq, at, stage(SetupStage.PAUSED).set("pauseReason", event.reason()));
  }

  @EventHandler
  void on(SalesResumedEvent event, @SequenceNumber long seq, @Timestamp Instant at) {
    update(event.eventId(), seq, at, stage(SetupStage.ON_SALE).unset("pauseReason"));
  }

  @EventHandler
  void on(SalesClosedEvent event, @SequenceNumber long seq, @Timestamp Instant at) {
    update(event.eventId(), seq, at, stage(SetupStage.CLOSED).unset("pauseReason"));
  }

  @EventHandler
  void on(PlacesBlockedEvent event, @SequenceNumber long seq, @Timestamp Instant at) {
    EventSetupDocument doc = find(event.eventId());
    if (doc == null || doc.version() >= seq) {
      return;
    }
    Map<String, BlockedPlace> blocked = byPlace(doc.blocked());
    for (String placeId : event.placeIds()) {
      blocked.put(placeId, new BlockedPlace(placeId, event.reason()));
    }
    update(event.eventId(), seq, at, Update.update("blocked", new ArrayList<>(blocked.values())));
  }

  @EventHandler
  void on(PlacesUnblockedEvent event, @SequenceNumber long seq, @Timestamp Instant at) {
    EventSetupDocument doc = find(event.eventId());
    if (doc == null || doc.version() >= seq) {
      return;
    }
    Map<String, BlockedPlace> blocked = byPlace(doc.blocked());
    event.placeIds().forEach(blocked::remove);
    update(event.eventId(), seq, at, Update.update("blocked", new ArrayList<>(blocked.values())));
  }

  private static Map<String, BlockedPlace> byPlace(List<BlockedPlace> places) {
    Map<String, BlockedPlace> map = new LinkedHashMap<>();
    places.forEach(b -> map.put(b.placeId(), b));
    return map;
  }

  private static Update details(String title, String venue, Instant startsAt, String description) {
    return Update.update("title", title)
        .set("venue", venue)
        .set("startsAt", startsAt)
        .set("description", description);
  }

  private static Update stage(SetupStage stage) {
    return Update.update("stage", stage);
  }

  private void update(String eventId, long seq, Instant at, Update update) {
    mongo
        .updateFirst(
            olderThan(eventId, seq), update.set("version", seq).set("updatedAt", at), collection())
        .block();
  }

  private EventSetupDocument find(String eventId) {
    return mongo.findById(eventId, EventSetupDocument.class, collection()).block();
  }

  private static Query olderThan(String eventId, long seq) {
    return Query.query(Criteria.where("_id").is(eventId).and("version").lt(seq));
  }

  @QueryHandler
  CompletableFuture<EventSetup> handle(FindEventSetupQuery query) {
    return mongo
        .findById(query.eventId(), EventSetupDocument.class, collection())
        .map(EventSetup::of)
        .toFuture();
  }

  @QueryHandler
  CompletableFuture<EventSetupPage> handle(ListEventSetupsQuery query) {
    Criteria criteria =
        Criteria.where("stage").in(query.stages().stream().map(Enum::name).toList());
    Mono<Long> total = mongo.count(Query.query(criteria), EventSetupDocument.class, collection());
    Query page =
        Query.query(criteria)
            .with(Sort.by("startsAt").and(Sort.by("_id")))
            .skip((long) query.page() * query.size())
            .limit(query.size());
    Mono<List<EventSetup>> items =
        mongo
            .find(page, EventSetupDocument.class, collection())
            .map(doc -> EventSetup.of(doc).summary())
            .collectList();
    return Mono.zip(items, total)
        .map(t -> new EventSetupPage(t.getT1(), query.page(), query.size(), t.getT2()))
        .toFuture();
  }

  /** A replay starts from scratch in a fresh collection. */
  @ResetHandler
  void onReset() {
    generations.advance(NAME, EVENTS);
  }
}
