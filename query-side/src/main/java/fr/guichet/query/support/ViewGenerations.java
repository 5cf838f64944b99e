package fr.guichet.query.support;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.bson.Document;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Which generation of its collections each view reads and writes. A rebuild moves a view to a fresh
 * generation (new, empty collections) and replays the history into it; the previous generation is
 * kept for comparison until the next rebuild drops it.
 */
@Component
public class ViewGenerations {

  static final String COLLECTION = "view_generations";

  private final ReactiveMongoTemplate mongo;
  private final Map<String, Integer> generations = new ConcurrentHashMap<>();

  public ViewGenerations(ReactiveMongoTemplate mongo) {
    this.mongo = mongo;
    mongo
        .findAll(Document.class, COLLECTION)
        .doOnNext(d -> generations.put(d.getString("_id"), d.getInteger("generation")))
        .blockLast();
  }

  public int generation(String view) {
    return generations.getOrDefault(view, 1);
  }

  /** The collection {@code base} of {@code view} in its current generation. */
  public String collection(String view, String base) {
    return collection(base, generation(view));
  }

  public static String collection(String base, int generation) {
    return base + "_g" + generation;
  }

  /**
   * Moves {@code view} to a new, empty generation and returns its number. The generation before the
   * current one is dropped ({@code bases} names the view's collections); the current one stays for
   * comparison until the next rebuild.
   */
  public synchronized int advance(String view, String... bases) {
    int next = generation(view) + 1;
    for (String base : bases) {
      if (next > 2) {
        mongo.dropCollection(collection(base, next - 2)).block();
      }
    }
    mongo
        .upsert(
            Query.query(Criteria.where("_id").is(view)),
            Update.update("generation", next),
            COLLECTION)
        .block();
    generations.put(view, next);
    return next;
  }
}
