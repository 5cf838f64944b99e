package fr.guichet.query.seatmap;

import fr.guichet.api.event.PlaceDefinition;
import fr.guichet.api.event.SeatingPlan;
import fr.guichet.api.query.PlaceState;
import fr.guichet.query.support.ViewCollections;
import fr.guichet.query.support.ViewGenerations;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bson.Document;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * The seat map's MongoDB documents: the plan of each event and the places that are not free. Every
 * write is conditional on the document's version being older than the event's sequence number, so
 * applying an event twice changes nothing.
 */
@Component
class SeatMapStore {

  static final String LAYOUTS = "seatmap_layouts";
  static final String AVAILABILITY = "seatmap_availability";

  record LayoutDocument(@Id String eventId, long version, SeatingPlan plan) {}

  record AvailabilityDocument(
      @Id String eventId, long version, long layoutVersion, Map<String, PlaceState> states) {
    AvailabilityDocument {
      states = states == null ? Map.of() : states;
    }
  }

  private final ReactiveMongoTemplate mongo;
  private final ViewCollections target;

  @Autowired
  SeatMapStore(ReactiveMongoTemplate mongo, ViewGenerations generations) {
    this(mongo, ViewCollections.live(generations, SeatMapProjection.NAME));
  }

  private SeatMapStore(ReactiveMongoTemplate mongo, ViewCollections target) {
    this.mongo = mongo;
    this.target = target;
  }

  /** The same documents in generation {@code generation}, for a rebuild's replica. */
  SeatMapStore replica(int generation) {
    return new SeatMapStore(mongo, ViewCollections.replica(SeatMapProjection.NAME, generation));
  }

  private String collection(String base) {
    return target.name(base);
  }

  /** Stores a new plan and carries over the states of the places that remain. */
  void configure(String eventId, long seq, SeatingPlan plan) {
    upsertIfOlder(LAYOUTS, eventId, seq, Update.update("plan", plan));
    AvailabilityDocument current = availability(eventId);
    if (current != null && current.version() >= seq) {
      return;
    }
    Set<String> ids = new HashSet<>();
    for (PlaceDefinition place : plan.places()) {
      ids.add(place.id());
    }
    Map<String, PlaceState> carried = new LinkedHashMap<>();
    if (current != null) {
      current
          .states()
          .forEach(
              (id, state) -> {
                if (ids.contains(id)) {
                  carried.put(id, state);
                }
              });
    }
    upsertIfOlder(
        AVAILABILITY, eventId, seq, Update.update("layoutVersion", seq).set("states", carried));
  }

  /** Places of one event that event {@code seq} put in {@code state}. */
  record Mark(long seq, PlaceState state, List<String> placeIds) {}

  /** Marks places with {@code state}; free places are simply absent from the document. */
  void mark(String eventId, long seq, PlaceState state, List<String> placeIds) {
    markAll(eventId, List.of(new Mark(seq, state, placeIds)));
  }

  /**
   * Applies several marks of one event (in sequence order) in a single write: those at or below the
   * document's version are skipped, the rest are folded into one conditional update.
   */
  void markAll(String eventId, List<Mark> marks) {
    Query versionOnly = Query.query(Criteria.where("_id").is(eventId));
    versionOnly.fields().include("version");
    Document current = mongo.findOne(versionOnly, Document.class, collection(AVAILABILITY)).block();
    if (current == null) {
      return;
    }
    long version = ((Number) current.get("version")).longValue();
    Map<String, PlaceState> last = new LinkedHashMap<>();
    long newest = version;
    for (Mark mark : marks) {
      if (mark.seq() > newest) {
        mark.placeIds().forEach(id -> last.put(id, mark.state()));
        newest = mark.seq();
      }
    }
    if (newest == version) {
      return;
    }
    Update update = Update.update("version", newest);
    last.forEach(
        (id, state) -> {
          if (state == PlaceState.FREE) {
            update.unset("states." + id);
          } else {
            update.set("states." + id, state.name());
          }
        });
    mongo
        .updateFirst(
            Query.query(Criteria.where("_id").is(eventId).and("version").is(version)),
            update,
            collection(AVAILABILITY))
        .block();
  }

  LayoutDocument layout(String eventId) {
    return mongo.findById(eventId, LayoutDocument.class, collection(LAYOUTS)).block();
  }

  AvailabilityDocument availability(String eventId) {
    return mongo.findById(eventId, AvailabilityDocument.class, collection(AVAILABILITY)).block();
  }

  private void upsertIfOlder(String base, String eventId, long seq, Update update) {
    try {
      mongo.upsert(olderThan(eventId, seq), update.set("version", seq), collection(base)).block();
    } catch (DuplicateKeyException alreadyNewer) {
      // the document already holds this event or a later one: nothing to do
    }
  }

  private static Query olderThan(String eventId, long seq) {
    return Query.query(Criteria.where("_id").is(eventId).and("version").lt(seq));
  }
}
