package fr.guichet.query.catalog;

import fr.guichet.api.event.EventDomainEvent.EventCreatedEvent;
import fr.guichet.api.event.EventDomainEvent.EventDetailsChangedEvent;
import fr.guichet.api.event.EventDomainEvent.HeldPlacesSoldEvent;
import fr.guichet.api.event.EventDomainEvent.HoldExpiredEvent;
import fr.guichet.api.event.EventDomainEvent.HoldReleasedEvent;
import fr.guichet.api.event.EventDomainEvent.LatePaymentAcceptedEvent;
import fr.guichet.api.event.EventDomainEvent.PlacesBlockedEvent;
import fr.guichet.api.event.EventDomainEvent.PlacesHeldEvent;
import fr.guichet.api.event.EventDomainEvent.PlacesUnblockedEvent;
import fr.guichet.api.event.EventDomainEvent.SaleCancelledEvent;
import fr.guichet.api.event.EventDomainEvent.SalesApprovedEvent;
import fr.guichet.api.event.EventDomainEvent.SalesClosedEvent;
import fr.guichet.api.event.EventDomainEvent.SalesOpenedEvent;
import fr.guichet.api.event.EventDomainEvent.SalesOpeningScheduledEvent;
import fr.guichet.api.event.EventDomainEvent.SalesPausedEvent;
import fr.guichet.api.event.EventDomainEvent.SalesResumedEvent;
import fr.guichet.api.event.EventDomainEvent.SeatingPlanConfiguredEvent;
import fr.guichet.api.event.EventDomainEvent.SoldPlacesCancelledEvent;
import fr.guichet.api.event.PlaceDefinition;
import fr.guichet.api.event.PriceCategory;
import fr.guichet.api.event.PriceTier;
import fr.guichet.api.event.SalesState;
import fr.guichet.api.event.SeatingPlan;
import fr.guichet.query.catalog.CatalogDocument.CategoryInfo;
import fr.guichet.query.catalog.CatalogDocument.Counts;
import fr.guichet.query.support.DocumentBatch;
import fr.guichet.query.support.RebuildableView;
import fr.guichet.query.support.ViewCollections;
import fr.guichet.query.support.ViewGenerations;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.queryhandling.QueryHandler;
import org.bson.Document;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The catalog: one document per event with its prices and, per category, how many places are free,
 * held, sold or blocked. Every write is conditional on the document's version being older than the
 * event's sequence number, so each event counts once however often it is delivered.
 */
@Component
@ProcessingGroup(CatalogProjection.NAME)
class CatalogProjection implements RebuildableView {

  static final String NAME = "catalog";
  static final String EVENTS = "catalog_events";

  private final ReactiveMongoTemplate mongo;
  private final ViewGenerations generations;
  private final ViewCollections target;
  private final Map<String, PlanIndex> plans = new ConcurrentHashMap<>();
  private final String batchKey = NAME + ".batch@" + System.identityHashCode(this);

  /** Each place's category in one version of an event's plan. */
  private record PlanIndex(long version, Map<String, String> categoryOf) {
    static PlanIndex of(long version, SeatingPlan plan) {
      Map<String, String> categoryOf = new HashMap<>();
      plan.places().forEach(p -> categoryOf.put(p.id(), p.category()));
      return new PlanIndex(version, categoryOf);
    }
  }

  @Autowired
  CatalogProjection(ReactiveMongoTemplate mongo, ViewGenerations generations) {
    this(mongo, generations, ViewCollections.live(generations, NAME));
  }

  private CatalogProjection(
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

  /** The catalog has no side effect: its replica only writes generation {@code generation}. */
  @Override
  public Object replica(int generation) {
    return new CatalogProjection(mongo, generations, ViewCollections.replica(NAME, generation));
  }

  @Override
  public void switched() {
    plans.clear();
  }

  @EventHandler
  void on(EventCreatedEvent event, @SequenceNumber long seq) {
    Update update =
        Update.update("title", event.title())
            .set("venue", event.venue())
            .set("startsAt", event.startsAt())
            .set("description", event.description())
            .set("searchText", searchText(event.title(), event.venue(), event.description()))
            .set("salesState", SalesState.DRAFT)
            .set("planVersion", -1L)
            .set("capacity", 0L)
            .set("free", 0L)
            .set("held", 0L)
            .set("sold", 0L)
            .set("blocked", 0L);
    inBatch(
        batch ->
            batch.upsert(
                collection(), event.eventId(), "version", seq, update.set("version", seq)));
  }

  @EventHandler
  void on(EventDetailsChangedEvent event, @SequenceNumber long seq) {
    setIfOlder(
        event.eventId(),
        seq,
        Update.update("title", event.title())
            .set("venue", event.venue())
            .set("startsAt", event.startsAt())
            .set("description", event.description())
            .set("searchText", searchText(event.title(), event.venue(), event.description())));
  }

  @EventHandler
  void on(SeatingPlanConfiguredEvent event, @SequenceNumber long seq) {
    inBatch(batch -> configure(batch, event, seq));
  }

  private void configure(DocumentBatch batch, SeatingPlanConfiguredEvent event, long seq) {
    CatalogDocument doc = batch.find(collection(), event.eventId(), CatalogDocument.class, "plan");
    if (doc == null || doc.version() >= seq) {
      return;
    }
    SeatingPlan plan = event.plan();
    List<CategoryInfo> categories = new ArrayList<>();
    for (PriceCategory category : plan.categories()) {
      categories.add(
          new CategoryInfo(
              category.code(),
              category.name(),
              category.tiers().stream().mapToLong(PriceTier::priceCents).min().orElse(0),
              category.tiers().stream().mapToLong(PriceTier::priceCents).max().orElse(0)));
    }
    Map<String, Long> capacity = new LinkedHashMap<>();
    Set<String> ids = new HashSet<>();
    for (PlaceDefinition place : plan.places()) {
      capacity.merge(place.category(), 1L, Long::sum);
      ids.add(place.id());
    }
    PlanIndex index = PlanIndex.of(seq, plan);
    List<String> blockedPlaces = doc.blockedPlaces().stream().filter(ids::contains).toList();
    Map<String, Long> blocked = new HashMap<>();
    blockedPlaces.forEach(id -> blocked.merge(index.categoryOf().get(id), 1L, Long::sum));
    Map<String, Counts> counts = new LinkedHashMap<>();
    long total = 0;
    long free = 0;
    long totalBlocked = 0;
    for (CategoryInfo category : categories) {
      Counts before = doc.counts().getOrDefault(category.code(), new Counts(0, 0, 0, 0, 0));
      long cap = capacity.getOrDefault(category.code(), 0L);
      long b = blocked.getOrDefault(category.code(), 0L);
      long f = cap - before.held() - before.sold() - b;
      counts.put(category.code(), new Counts(cap, f, before.held(), before.sold(), b));
      total += cap;
      free += f;
      totalBlocked += b;
    }
    Update update =
        Update.update("version", seq)
            .set("planVersion", seq)
            .set("plan", plan)
            .set("categories", categories)
            .set("counts", counts)
            .set("blockedPlaces", blockedPlaces)
            .set("capacity", total)
            .set("free", free)
            .set("blocked", totalBlocked);
    batch.update(collection(), event.eventId(), "version", seq, update);
    plans.put(event.eventId(), index);
  }

  @EventHandler
  void on(SalesApprovedEvent event, @SequenceNumber long seq) {
    salesState(event.eventId(), seq, SalesState.APPROVED, new Update());
  }

  @EventHandler
  void on(SalesOpeningScheduledEvent event, @SequenceNumber long seq) {
    setIfOlder(event.eventId(), seq, Update.update("opensAt", event.opensAt()));
  }

  @EventHandler
  void on(SalesOpenedEvent event, @SequenceNumber long seq) {
    salesState(event.eventId(), seq, SalesState.ON_SALE, new Update());
  }

  @EventHandler
  void on(SalesPausedEvent event, @SequenceNumber long seq) {
    salesState(event.eventId(), seq, SalesState.PAUSED, new Update());
  }

  @EventHandler
  void on(SalesResumedEvent event, @SequenceNumber long seq) {
    salesState(event.eventId(), seq, SalesState.ON_SALE, new Update());
  }

  @EventHandler
  void on(SalesClosedEvent event, @SequenceNumber long seq) {
    salesState(event.eventId(), seq, SalesState.CLOSED, new Update());
  }

  @EventHandler
  void on(PlacesHeldEvent event, @SequenceNumber long seq) {
    move(event.eventId(), seq, event.placeIds(), "free", "held", new Update());
  }

  @EventHandler
  void on(HoldReleasedEvent event, @SequenceNumber long seq) {
    move(event.eventId(), seq, event.placeIds(), "held", "free", new Update());
  }

  @EventHandler
  void on(HoldExpiredEvent event, @SequenceNumber long seq) {
    move(event.eventId(), seq, event.placeIds(), "held", "free", new Update());
  }

  @EventHandler
  void on(HeldPlacesSoldEvent event, @SequenceNumber long seq) {
    move(event.eventId(), seq, event.placeIds(), "held", "sold", new Update());
  }

  @EventHandler
  void on(SaleCancelledEvent event, @SequenceNumber long seq) {
    move(event.eventId(), seq, event.placeIds(), "sold", "free", new Update());
  }

  /** Some places of a sold order were cancelled: they are on sale again. */
  @EventHandler
  void on(SoldPlacesCancelledEvent event, @SequenceNumber long seq) {
    move(event.eventId(), seq, event.placeIds(), "sold", "free", new Update());
  }

  @EventHandler
  void on(LatePaymentAcceptedEvent event, @SequenceNumber long seq) {
    move(event.eventId(), seq, event.placeIds(), "free", "sold", new Update());
  }

  @EventHandler
  void on(PlacesBlockedEvent event, @SequenceNumber long seq) {
    Update update = new Update().addToSet("blockedPlaces").each(event.placeIds().toArray());
    move(event.eventId(), seq, event.placeIds(), "free", "blocked", update);
  }

  @EventHandler
  void on(PlacesUnblockedEvent event, @SequenceNumber long seq) {
    Update update = new Update().pullAll("blockedPlaces", event.placeIds().toArray());
    move(event.eventId(), seq, event.placeIds(), "blocked", "free", update);
  }

  private void move(
      String eventId, long seq, List<String> placeIds, String from, String to, Update update) {
    inBatch(batch -> move(batch, eventId, seq, placeIds, from, to, update));
  }

  private void move(
      DocumentBatch batch,
      String eventId,
      long seq,
      List<String> placeIds,
      String from,
      String to,
      Update update) {
    PlanIndex index = plans.computeIfAbsent(eventId, id -> loadIndex(batch, id));
    if (index == null) {
      return;
    }
    Map<String, Long> perCategory = new HashMap<>();
    for (String id : placeIds) {
      String category = index.categoryOf().get(id);
      if (category != null) {
        perCategory.merge(category, 1L, Long::sum);
      }
    }
    long n = perCategory.values().stream().mapToLong(Long::longValue).sum();
    perCategory.forEach(
        (category, count) ->
            update
                .inc("counts." + category + "." + from, -count)
                .inc("counts." + category + "." + to, count));
    update.inc(from, -n).inc(to, n);
    batch.update(collection(), eventId, "version", seq, update.set("version", seq));
  }

  /** Each place's category, from the plan this batch configured, or else the stored one. */
  private PlanIndex loadIndex(DocumentBatch batch, String eventId) {
    Document inBatch = batch.find(collection(), eventId);
    CatalogDocument doc =
        inBatch != null && inBatch.containsKey("plan")
            ? batch.find(collection(), eventId, CatalogDocument.class)
            : mongo.findById(eventId, CatalogDocument.class, collection()).block();
    return doc == null || doc.plan() == null ? null : PlanIndex.of(doc.planVersion(), doc.plan());
  }

  private void salesState(String eventId, long seq, SalesState state, Update update) {
    setIfOlder(eventId, seq, update.set("salesState", state));
  }

  private void setIfOlder(String eventId, long seq, Update update) {
    inBatch(
        batch -> batch.update(collection(), eventId, "version", seq, update.set("version", seq)));
  }

  /**
   * Runs {@code work} in the current processor batch: its changes are folded per document and
   * written once, with one bulk write, just before the batch commits.
   */
  private void inBatch(Consumer<DocumentBatch> work) {
    DocumentBatch.run(
        batchKey,
        () -> new DocumentBatch(mongo, Map.of(collection(), List.of("plan"))),
        batch -> {},
        work);
  }

  private static String searchText(String title, String venue, String description) {
    return String.join(" ", title, venue, description).toLowerCase(Locale.ROOT);
  }

  @QueryHandler
  CompletableFuture<CatalogEvent> handle(FindCatalogEventQuery query) {
    return mongo
        .findById(query.eventId(), CatalogDocument.class, collection())
        .map(CatalogEvent::of)
        .toFuture();
  }

  @QueryHandler
  CompletableFuture<CatalogPage> handle(SearchCatalogQuery query) {
    Query filter = Query.query(criteria(query));
    Mono<Long> total = mongo.count(filter, CatalogDocument.class, collection());
    String field = query.sort().startsWith("-") ? query.sort().substring(1) : query.sort();
    Sort.Direction direction =
        query.sort().startsWith("-") ? Sort.Direction.DESC : Sort.Direction.ASC;
    Query page =
        Query.query(criteria(query))
            .with(Sort.by(direction, field).and(Sort.by("_id")))
            .skip((long) query.page() * query.size())
            .limit(query.size());
    Mono<List<CatalogEvent>> items =
        mongo.find(page, CatalogDocument.class, collection()).map(CatalogEvent::of).collectList();
    return Mono.zip(items, total)
        .map(t -> new CatalogPage(t.getT1(), query.page(), query.size(), t.getT2()))
        .toFuture();
  }

  static Criteria criteria(SearchCatalogQuery query) {
    List<Criteria> all = new ArrayList<>();
    all.add(Criteria.where("salesState").in(query.states().stream().map(Enum::name).toList()));
    if (query.text() != null && !query.text().isBlank()) {
      for (String word : query.text().toLowerCase(Locale.ROOT).trim().split("\\s+")) {
        all.add(Criteria.where("searchText").regex(Pattern.quote(word)));
      }
    }
    if (query.from() != null || query.to() != null) {
      Criteria startsAt = Criteria.where("startsAt");
      if (query.from() != null) {
        startsAt = startsAt.gte(query.from());
      }
      if (query.to() != null) {
        startsAt = startsAt.lt(query.to());
      }
      all.add(startsAt);
    }
    if (query.venue() != null && !query.venue().isBlank()) {
      all.add(Criteria.where("venue").regex("^" + Pattern.quote(query.venue().trim()) + "$", "i"));
    }
    if (query.category() != null && !query.category().isBlank()) {
      all.add(Criteria.where("categories.code").is(query.category()));
    }
    if (query.available() != null) {
      String field =
          query.category() == null || query.category().isBlank()
              ? "free"
              : "counts." + query.category() + ".free";
      all.add(query.available() ? Criteria.where(field).gt(0) : Criteria.where(field).lte(0));
    }
    return new Criteria().andOperator(all.toArray(new Criteria[0]));
  }

  /** A replay starts from scratch in a fresh collection. */
  @ResetHandler
  void onReset() {
    generations.advance(NAME, EVENTS);
    plans.clear();
  }
}
