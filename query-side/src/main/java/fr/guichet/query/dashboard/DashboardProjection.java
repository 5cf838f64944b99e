package fr.guichet.query.dashboard;

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
import fr.guichet.api.event.EventDomainEvent.SalesOpenedEvent;
import fr.guichet.api.event.EventDomainEvent.SeatingPlanConfiguredEvent;
import fr.guichet.api.event.EventDomainEvent.SoldPlacesCancelledEvent;
import fr.guichet.api.event.PlaceDefinition;
import fr.guichet.api.event.PriceCategory;
import fr.guichet.api.event.SeatingPlan;
import fr.guichet.api.order.OrderPricingEvent.OrderPricedEvent;
import fr.guichet.api.order.PricedTicket;
import fr.guichet.query.dashboard.DashboardDocument.CategoryStats;
import fr.guichet.query.support.DocumentBatch;
import fr.guichet.query.support.RebuildableView;
import fr.guichet.query.support.ViewCollections;
import fr.guichet.query.support.ViewGenerations;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.queryhandling.QueryHandler;
import org.bson.Document;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * The director's dashboard: sales figures per event and category, a per-minute series of sales, and
 * when each category reached 50/80/100% sold. Revenue is what was paid: each sold ticket at the
 * final price of its order's latest pricing (discounts deducted), refunds taken back. Writes are
 * conditional on the stored sequence number; the processor runs in one thread, so reading a
 * document before updating it is safe.
 */
@Component
@ProcessingGroup(DashboardProjection.NAME)
class DashboardProjection implements RebuildableView {

  static final String NAME = "dashboard";
  static final String EVENTS = "dashboard_events";
  static final String ORDER_PRICES = "dashboard_order_prices";
  private static final Pattern NOT_A_KEY = Pattern.compile("[^A-Za-z0-9_-]");

  private final ReactiveMongoTemplate mongo;
  private final ViewGenerations generations;
  private final ViewCollections target;

  /** Live dashboards (server-sent events); null in a replica, which pushes nothing. */
  private final DashboardFeed feed;

  private final Map<String, Map<String, String>> categoryOfPlace = new ConcurrentHashMap<>();
  private final String batchKey = NAME + ".batch@" + System.identityHashCode(this);

  @Autowired
  DashboardProjection(
      ReactiveMongoTemplate mongo, ViewGenerations generations, DashboardFeed feed) {
    this(mongo, generations, ViewCollections.live(generations, NAME), feed);
  }

  private DashboardProjection(
      ReactiveMongoTemplate mongo,
      ViewGenerations generations,
      ViewCollections target,
      DashboardFeed feed) {
    this.mongo = mongo;
    this.generations = generations;
    this.target = target;
    this.feed = target.live() ? feed : null;
  }

  private String collection() {
    return target.name(EVENTS);
  }

  private String orderPrices() {
    return target.name(ORDER_PRICES);
  }

  @Override
  public String viewName() {
    return NAME;
  }

  @Override
  public List<String> collections() {
    return List.of(EVENTS, ORDER_PRICES);
  }

  /** A replica writes generation {@code generation} and pushes nothing to live dashboards. */
  @Override
  public Object replica(int generation) {
    return new DashboardProjection(
        mongo, generations, ViewCollections.replica(NAME, generation), null);
  }

  @Override
  public void switched() {
    categoryOfPlace.clear();
  }

  /**
   * One order's latest pricing ({@code version}: the sequence number of that OrderPricedEvent, -1
   * while none is recorded): what each ticket costs after discounts, and how many of its tickets
   * each discount rule reduced, by how much. {@code sold} is what the order's sale added to its
   * event's figures, kept so that a refund takes back exactly that; the stored document also has
   * {@code soldVersion}, the sequence number of that sale in its event, so a view comparison sees
   * which generation applied it.
   */
  record OrderPrices(
      @Id String orderId,
      long version,
      Map<String, DiscountStats> discounts,
      List<PaidTicket> tickets,
      SaleFigures sold) {
    OrderPrices {
      discounts = discounts == null ? Map.of() : discounts;
      tickets = tickets == null ? List.of() : tickets;
    }
  }

  record DiscountStats(String rule, long tickets, long cents) {}

  /**
   * A ticket's price after discounts, as the order's latest pricing recorded it, with the discount
   * and the rules that took it off (0 and none in documents from before they were kept).
   */
  record PaidTicket(String placeId, long finalCents, long discountCents, List<String> rules) {
    PaidTicket {
      rules = rules == null ? List.of() : rules;
    }
  }

  /**
   * What one place of a sale added: its category, what it was paid, and its share of the order's
   * discounts; kept so that cancelling that place alone takes back exactly that.
   */
  record SoldPlace(
      String placeId, String category, long cents, Map<String, DiscountStats> discounts) {
    SoldPlace {
      discounts = discounts == null ? Map.of() : discounts;
    }
  }

  /**
   * What one sale adds to its event's figures: the amount paid per category (the recorded final
   * prices; the category's list price for a place the order's pricing does not name, as in
   * histories from before pricing), and the discounts of the order's pricing; {@code places} says
   * what each place added (empty in sales recorded before places were kept one by one).
   */
  record SaleFigures(
      Map<String, Long> revenueCents,
      Map<String, DiscountStats> discounts,
      List<SoldPlace> places) {
    SaleFigures {
      revenueCents = revenueCents == null ? Map.of() : revenueCents;
      discounts = discounts == null ? Map.of() : discounts;
      places = places == null ? List.of() : places;
    }

    long totalCents() {
      return revenueCents.values().stream().mapToLong(Long::longValue).sum();
    }

    /** What {@code placeIds} of this sale added. */
    SaleFigures part(List<String> placeIds) {
      Map<String, Long> revenue = new LinkedHashMap<>();
      Map<String, DiscountStats> taken = new LinkedHashMap<>();
      List<SoldPlace> kept = new ArrayList<>();
      for (SoldPlace place : places) {
        if (placeIds.contains(place.placeId())) {
          revenue.merge(place.category(), place.cents(), Long::sum);
          place.discounts().forEach((key, d) -> taken.merge(key, d, DashboardProjection::plus));
          kept.add(place);
        }
      }
      return new SaleFigures(revenue, taken, kept);
    }

    /** This sale less {@code part}: what the places still sold added. */
    SaleFigures minus(SaleFigures part) {
      Map<String, Long> revenue = new LinkedHashMap<>(revenueCents);
      part.revenueCents().forEach((category, cents) -> revenue.merge(category, -cents, Long::sum));
      Map<String, DiscountStats> left = new LinkedHashMap<>(discounts);
      part.discounts()
          .forEach(
              (key, d) ->
                  left.merge(
                      key,
                      new DiscountStats(d.rule(), -d.tickets(), -d.cents()),
                      DashboardProjection::plus));
      List<String> gone = part.places().stream().map(SoldPlace::placeId).toList();
      return new SaleFigures(
          revenue, left, places.stream().filter(p -> !gone.contains(p.placeId())).toList());
    }
  }

  private static DiscountStats plus(DiscountStats a, DiscountStats b) {
    return new DiscountStats(a.rule(), a.tickets() + b.tickets(), a.cents() + b.cents());
  }

  /**
   * Remembers the order's latest pricing: its tickets' final prices and its discounts count on the
   * dashboard when the order's places are sold, and stop counting when the sale is cancelled.
   */
  @EventHandler
  void on(OrderPricedEvent event, @SequenceNumber long seq) {
    Map<String, DiscountStats> discounts = new LinkedHashMap<>();
    List<PaidTicket> tickets = new ArrayList<>();
    for (PricedTicket ticket : event.tickets()) {
      tickets.add(
          new PaidTicket(
              ticket.placeId(),
              ticket.finalCents(),
              ticket.discountCents(),
              ticket.appliedRules()));
      if (ticket.discountCents() <= 0) {
        continue;
      }
      List<String> rules = ticket.appliedRules().isEmpty() ? List.of("?") : ticket.appliedRules();
      for (String rule : rules) {
        long share = ticket.discountCents() / rules.size();
        discounts.merge(
            NOT_A_KEY.matcher(rule).replaceAll("_"),
            new DiscountStats(rule, 1, share),
            (a, b) -> new DiscountStats(a.rule(), a.tickets() + 1, a.cents() + b.cents()));
      }
    }
    inBatch(
        batch ->
            batch.upsert(
                orderPrices(),
                event.orderId(),
                "version",
                seq,
                Update.update("discounts", discounts).set("tickets", tickets).set("version", seq)));
  }

  /**
   * What selling {@code placeIds} of {@code order} adds: each place at its recorded final price, or
   * at its category's list price when the order has no pricing for it.
   */
  private static SaleFigures saleFigures(
      List<String> placeIds,
      Map<String, String> categoryOfPlace,
      DashboardDocument doc,
      OrderPrices order) {
    Map<String, PaidTicket> paid = new HashMap<>();
    if (order != null) {
      order.tickets().forEach(t -> paid.put(t.placeId(), t));
    }
    Map<String, Long> revenue = new LinkedHashMap<>();
    List<SoldPlace> places = new ArrayList<>();
    for (String id : placeIds) {
      String category = categoryOfPlace.get(id);
      CategoryStats stats = category == null ? null : doc.categories().get(category);
      if (stats != null) {
        PaidTicket ticket = paid.get(id);
        long cents = ticket == null ? stats.priceCents() : ticket.finalCents();
        revenue.merge(category, cents, Long::sum);
        places.add(new SoldPlace(id, category, cents, discountsOf(ticket)));
      }
    }
    return new SaleFigures(revenue, order == null ? Map.of() : order.discounts(), places);
  }

  /** One ticket's share of its order's discounts, as {@link #on(OrderPricedEvent, long)} counts. */
  private static Map<String, DiscountStats> discountsOf(PaidTicket ticket) {
    Map<String, DiscountStats> discounts = new LinkedHashMap<>();
    if (ticket == null || ticket.discountCents() <= 0) {
      return discounts;
    }
    List<String> rules = ticket.rules().isEmpty() ? List.of("?") : ticket.rules();
    for (String rule : rules) {
      discounts.merge(
          NOT_A_KEY.matcher(rule).replaceAll("_"),
          new DiscountStats(rule, 1, ticket.discountCents() / rules.size()),
          DashboardProjection::plus);
    }
    return discounts;
  }

  /** Adds (sign 1) or takes back (sign -1) a sale's revenue and discounts. */
  private static Update with(SaleFigures sale, int sign, Update update) {
    sale.revenueCents()
        .forEach(
            (category, cents) ->
                update.inc("categories." + category + ".revenueCents", sign * cents));
    if (!sale.revenueCents().isEmpty()) {
      update.inc("revenueCents", sign * sale.totalCents());
    }
    sale.discounts()
        .forEach(
            (key, d) ->
                update
                    .set("discounts." + key + ".rule", d.rule())
                    .inc("discounts." + key + ".tickets", sign * d.tickets())
                    .inc("discounts." + key + ".cents", sign * d.cents()));
    return update;
  }

  private OrderPrices orderPrices(DocumentBatch batch, String orderId) {
    return batch.find(orderPrices(), orderId, OrderPrices.class);
  }

  /**
   * A payment sold the order's places ({@code from} "held", or free for a late payment): they count
   * at what the order's latest pricing says was paid. The figures are kept with the order for its
   * refund.
   */
  private void sell(
      DocumentBatch batch,
      String eventId,
      long seq,
      String orderId,
      List<String> placeIds,
      String from,
      Instant at) {
    DashboardDocument doc = find(batch, eventId);
    if (doc == null || doc.version() >= seq) {
      return;
    }
    SaleFigures sale =
        saleFigures(placeIds, categoryOfPlace(batch, eventId), doc, orderPrices(batch, orderId));
    batch.upsert(
        orderPrices(),
        orderId,
        null,
        seq,
        Update.update("sold", sale).set("soldVersion", seq).setOnInsert("version", -1L));
    move(batch, doc, seq, placeIds, from, "sold", with(sale, 1, new Update()), at);
  }

  /** A refunded sale: its places are free again and what its sale added no longer counts. */
  private void refund(
      DocumentBatch batch, String eventId, long seq, String orderId, List<String> placeIds) {
    DashboardDocument doc = find(batch, eventId);
    if (doc == null || doc.version() >= seq) {
      return;
    }
    OrderPrices order = orderPrices(batch, orderId);
    SaleFigures sale =
        order != null && order.sold() != null
            ? order.sold()
            : saleFigures(placeIds, categoryOfPlace(batch, eventId), doc, order);
    move(batch, doc, seq, placeIds, "sold", null, with(sale, -1, new Update()), null);
  }

  @EventHandler
  void on(EventCreatedEvent event, @SequenceNumber long seq) {
    inBatch(
        batch ->
            batch.upsert(
                collection(),
                event.eventId(),
                "version",
                seq,
                Update.update("title", event.title())
                    .set("startsAt", event.startsAt())
                    .set("planVersion", -1L)
                    .set("capacity", 0L)
                    .set("held", 0L)
                    .set("sold", 0L)
                    .set("blocked", 0L)
                    .set("revenueCents", 0L)
                    .set("version", seq)));
  }

  @EventHandler
  void on(EventDetailsChangedEvent event, @SequenceNumber long seq) {
    inBatch(
        batch ->
            update(
                batch,
                event.eventId(),
                seq,
                Update.update("title", event.title()).set("startsAt", event.startsAt())));
  }

  @EventHandler
  void on(SeatingPlanConfiguredEvent event, @SequenceNumber long seq) {
    inBatch(batch -> configure(batch, event, seq));
  }

  private void configure(DocumentBatch batch, SeatingPlanConfiguredEvent event, long seq) {
    DashboardDocument doc = find(batch, event.eventId());
    if (doc == null || doc.version() >= seq) {
      return;
    }
    SeatingPlan plan = event.plan();
    Map<String, String> index = index(plan);
    Map<String, Long> capacity = new HashMap<>();
    index.values().forEach(category -> capacity.merge(category, 1L, Long::sum));
    List<String> blockedPlaces = doc.blockedPlaces().stream().filter(index::containsKey).toList();
    Map<String, Long> blocked = new HashMap<>();
    blockedPlaces.forEach(id -> blocked.merge(index.get(id), 1L, Long::sum));
    List<String> order = new ArrayList<>();
    Map<String, CategoryStats> categories = new LinkedHashMap<>();
    long total = 0;
    long totalBlocked = 0;
    for (PriceCategory category : plan.categories()) {
      CategoryStats before = doc.categories().get(category.code());
      long price = category.tiers().isEmpty() ? 0 : category.tiers().get(0).priceCents();
      long cap = capacity.getOrDefault(category.code(), 0L);
      long b = blocked.getOrDefault(category.code(), 0L);
      order.add(category.code());
      categories.put(
          category.code(),
          before == null
              ? new CategoryStats(category.name(), price, cap, 0, 0, b, 0, Map.of(), Map.of())
              : new CategoryStats(
                  category.name(),
                  price,
                  cap,
                  before.held(),
                  before.sold(),
                  b,
                  before.revenueCents(),
                  before.reached(),
                  before.salesPerMinute()));
      total += cap;
      totalBlocked += b;
    }
    update(
        batch,
        event.eventId(),
        seq,
        Update.update("plan", plan)
            .set("planVersion", seq)
            .set("categoryOrder", order)
            .set("categories", categories)
            .set("blockedPlaces", blockedPlaces)
            .set("capacity", total)
            .set("blocked", totalBlocked));
    categoryOfPlace.put(event.eventId(), index);
  }

  @EventHandler
  void on(SalesOpenedEvent event, @SequenceNumber long seq, @Timestamp Instant at) {
    inBatch(
        batch -> {
          DashboardDocument doc = find(batch, event.eventId());
          if (doc != null && doc.salesOpenedAt() == null) {
            update(batch, event.eventId(), seq, Update.update("salesOpenedAt", at));
          }
        });
  }

  @EventHandler
  void on(PlacesHeldEvent event, @SequenceNumber long seq) {
    inBatch(
        batch -> move(batch, event.eventId(), seq, event.placeIds(), null, "held", new Update()));
  }

  @EventHandler
  void on(HoldReleasedEvent event, @SequenceNumber long seq) {
    inBatch(
        batch -> move(batch, event.eventId(), seq, event.placeIds(), "held", null, new Update()));
  }

  @EventHandler
  void on(HoldExpiredEvent event, @SequenceNumber long seq) {
    inBatch(
        batch -> move(batch, event.eventId(), seq, event.placeIds(), "held", null, new Update()));
  }

  @EventHandler
  void on(HeldPlacesSoldEvent event, @SequenceNumber long seq, @Timestamp Instant at) {
    inBatch(
        batch -> sell(batch, event.eventId(), seq, event.orderId(), event.placeIds(), "held", at));
  }

  @EventHandler
  void on(SaleCancelledEvent event, @SequenceNumber long seq) {
    inBatch(batch -> refund(batch, event.eventId(), seq, event.orderId(), event.placeIds()));
  }

  /**
   * Some places of a sold order were cancelled: they are free again and exactly what each added at
   * the sale (its recorded final price and its share of the discounts) no longer counts; the
   * order's sale keeps what its remaining places added, for a later cancellation. Both writes are
   * conditional on this event's sequence number, so a redelivery changes nothing.
   */
  @EventHandler
  void on(SoldPlacesCancelledEvent event, @SequenceNumber long seq) {
    inBatch(batch -> cancelPlaces(batch, event, seq));
  }

  private void cancelPlaces(DocumentBatch batch, SoldPlacesCancelledEvent event, long seq) {
    DashboardDocument doc = find(batch, event.eventId());
    if (doc == null) {
      return;
    }
    OrderPrices order = orderPrices(batch, event.orderId());
    SaleFigures sold = order == null ? null : order.sold();
    SaleFigures part =
        sold != null && !sold.places().isEmpty()
            ? sold.part(event.placeIds())
            : saleFigures(event.placeIds(), categoryOfPlace(batch, event.eventId()), doc, order)
                .part(event.placeIds());
    if (doc.version() < seq) {
      move(batch, doc, seq, event.placeIds(), "sold", null, with(part, -1, new Update()), null);
    }
    if (sold != null) {
      batch.update(
          orderPrices(),
          event.orderId(),
          "soldVersion",
          seq,
          Update.update("sold", sold.minus(part)).set("soldVersion", seq));
    }
  }

  @EventHandler
  void on(LatePaymentAcceptedEvent event, @SequenceNumber long seq, @Timestamp Instant at) {
    inBatch(
        batch -> sell(batch, event.eventId(), seq, event.orderId(), event.placeIds(), null, at));
  }

  @EventHandler
  void on(PlacesBlockedEvent event, @SequenceNumber long seq) {
    Update update = new Update().addToSet("blockedPlaces").each(event.placeIds().toArray());
    inBatch(batch -> move(batch, event.eventId(), seq, event.placeIds(), null, "blocked", update));
  }

  @EventHandler
  void on(PlacesUnblockedEvent event, @SequenceNumber long seq) {
    Update update = new Update().pullAll("blockedPlaces", event.placeIds().toArray());
    inBatch(batch -> move(batch, event.eventId(), seq, event.placeIds(), "blocked", null, update));
  }

  /** Moves places from one count to another ({@code null} = free). */
  private void move(
      DocumentBatch batch,
      String eventId,
      long seq,
      List<String> placeIds,
      String from,
      String to,
      Update update) {
    DashboardDocument doc = find(batch, eventId);
    if (doc == null || doc.version() >= seq) {
      return;
    }
    move(batch, doc, seq, placeIds, from, to, update, null);
  }

  /**
   * Moves places of {@code doc} from one count to another ({@code null} = free); a sale at {@code
   * soldAt} also adds to the per-minute series and sets any milestone it crosses. Revenue comes in
   * {@code update} from the caller ({@link #sell}, {@link #refund}).
   */
  private void move(
      DocumentBatch batch,
      DashboardDocument doc,
      long seq,
      List<String> placeIds,
      String from,
      String to,
      Update update,
      Instant soldAt) {
    Map<String, String> index = categoryOfPlace(batch, doc.eventId());
    Map<String, Long> perCategory = new HashMap<>();
    for (String id : placeIds) {
      String category = index.get(id);
      if (category != null) {
        perCategory.merge(category, 1L, Long::sum);
      }
    }
    long n = 0;
    for (Map.Entry<String, Long> entry : perCategory.entrySet()) {
      String path = "categories." + entry.getKey() + ".";
      long count = entry.getValue();
      n += count;
      if (from != null) {
        update.inc(path + from, -count);
      }
      if (to != null) {
        update.inc(path + to, count);
      }
      CategoryStats stats = doc.categories().get(entry.getKey());
      if (soldAt != null && stats != null) {
        update.inc(path + "salesPerMinute." + minute(soldAt), count);
        long soldAfter = stats.sold() + count;
        for (int percent : EventDashboard.MILESTONES) {
          String key = Integer.toString(percent);
          if (!stats.reached().containsKey(key)
              && stats.capacity() > 0
              && soldAfter * 100 >= percent * stats.capacity()) {
            update.set(path + "reached." + key, soldAt);
          }
        }
      }
    }
    if (from != null) {
      update.inc(from, -n);
    }
    if (to != null) {
      update.inc(to, n);
    }
    if (soldAt != null) {
      update.inc("salesPerMinute." + minute(soldAt), n);
    }
    update(batch, doc.eventId(), seq, update);
  }

  private Map<String, String> categoryOfPlace(DocumentBatch batch, String eventId) {
    return categoryOfPlace.computeIfAbsent(eventId, id -> loadIndex(batch, id));
  }

  private static String minute(Instant at) {
    return at.truncatedTo(ChronoUnit.MINUTES).toString();
  }

  private void update(DocumentBatch batch, String eventId, long seq, Update update) {
    batch.update(collection(), eventId, "version", seq, update.set("version", seq));
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
    collections.put(orderPrices(), List.of());
    collections.put(collection(), List.of("plan"));
    return new DocumentBatch(mongo, collections);
  }

  /** Watchers of a dashboard the batch changed get its new picture, once per batch. */
  private void written(DocumentBatch batch) {
    if (feed == null) {
      return;
    }
    for (Object eventId : batch.changed(collection()).keySet()) {
      if (feed.watched((String) eventId)) {
        feed.publish(EventDashboard.of(find(batch, (String) eventId)));
      }
    }
  }

  /** Each place's category, from the plan this batch configured, or else the stored one. */
  private Map<String, String> loadIndex(DocumentBatch batch, String eventId) {
    Document inBatch = batch.find(collection(), eventId);
    if (inBatch != null && inBatch.containsKey("plan")) {
      return index(batch.find(collection(), eventId, DashboardDocument.class).plan());
    }
    DashboardDocument doc = mongo.findById(eventId, DashboardDocument.class, collection()).block();
    return doc == null || doc.plan() == null ? Map.of() : index(doc.plan());
  }

  private static Map<String, String> index(SeatingPlan plan) {
    Map<String, String> index = new HashMap<>();
    for (PlaceDefinition place : plan.places()) {
      index.put(place.id(), place.category());
    }
    return index;
  }

  /** The document as the batch has it, without its plan (needed only to map places). */
  private DashboardDocument find(DocumentBatch batch, String eventId) {
    return batch.find(collection(), eventId, DashboardDocument.class, "plan");
  }

  @QueryHandler
  CompletableFuture<EventDashboard> handle(FindEventDashboardQuery query) {
    Query byId = Query.query(Criteria.where("_id").is(query.eventId()));
    byId.fields().exclude("plan");
    return mongo
        .findOne(byId, DashboardDocument.class, collection())
        .map(EventDashboard::of)
        .toFuture();
  }

  @QueryHandler
  CompletableFuture<SeasonTotals> handle(FindSeasonTotalsQuery query) {
    Criteria criteria = new Criteria();
    if (query.from() != null || query.to() != null) {
      criteria = Criteria.where("startsAt");
      if (query.from() != null) {
        criteria = criteria.gte(query.from());
      }
      if (query.to() != null) {
        criteria = criteria.lt(query.to());
      }
    }
    Query all = Query.query(criteria);
    all.fields().exclude("plan", "categories", "blockedPlaces", "salesPerMinute");
    return mongo
        .find(all, DashboardDocument.class, collection())
        .collectList()
        .map(
            docs -> {
              long capacity = 0;
              long held = 0;
              long sold = 0;
              long blocked = 0;
              long revenue = 0;
              for (DashboardDocument doc : docs) {
                capacity += doc.capacity();
                held += doc.held();
                sold += doc.sold();
                blocked += doc.blocked();
                revenue += doc.revenueCents();
              }
              return new SeasonTotals(
                  docs.size(),
                  capacity,
                  held,
                  sold,
                  capacity - held - sold - blocked,
                  revenue,
                  EventDashboard.rate(sold, capacity));
            })
        .toFuture();
  }

  /** A replay starts from scratch in a fresh collection. */
  @ResetHandler
  void onReset() {
    generations.advance(NAME, EVENTS, ORDER_PRICES);
    categoryOfPlace.clear();
  }
}
