package fr.guichet.query.support;

import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Which generation of its collections each view reads and writes. A rebuild builds the next
 * generation beside the current one from the history and, when asked, switches the view over to it;
 * the previous generation is kept for comparison until the next switch drops it.
 */
@Component
public class ViewGenerations {

  static final String COLLECTION = "view_generations";

  /**
   * How often the pointers are read again: a switch made on another query node reaches this one's
   * reads within that time, and its processors long before they could claim a view's token (its
   * claim times out after 10 s).
   */
  static final Duration REFRESH = Duration.ofSeconds(2);

  private static final Logger log = LoggerFactory.getLogger(ViewGenerations.class);

  private final ReactiveMongoTemplate mongo;
  private final Map<String, Integer> generations = new ConcurrentHashMap<>();
  private final ScheduledExecutorService refresher =
      Executors.newSingleThreadScheduledExecutor(
          runnable -> {
            Thread thread = new Thread(runnable, "view-generations");
            thread.setDaemon(true);
            return thread;
          });

  public ViewGenerations(ReactiveMongoTemplate mongo) {
    this.mongo = mongo;
    refresh();
    refresher.scheduleWithFixedDelay(
        this::refreshQuietly, REFRESH.toMillis(), REFRESH.toMillis(), TimeUnit.MILLISECONDS);
  }

  private synchronized void refresh() {
    mongo
        .findAll(Document.class, COLLECTION)
        .doOnNext(d -> generations.put(d.getString("_id"), d.getInteger("generation")))
        .blockLast();
  }

  private void refreshQuietly() {
    try {
      refresh();
    } catch (RuntimeException e) {
      log.warn("Could not read the views' generations again: {}", e.getMessage());
    }
  }

  @PreDestroy
  void stopRefreshing() {
    refresher.shutdownNow();
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
   * Moves {@code view} to a new, empty generation and returns its number (a processor reset: the
   * view replays into it). Leftovers of that generation (a rebuild discarded by a restart) are
   * dropped first; see {@link #switchTo} for the rest.
   */
  public synchronized int advance(String view, String... bases) {
    int next = generation(view) + 1;
    drop(next, bases);
    switchTo(view, next, bases);
    return next;
  }

  /**
   * Points {@code view} at generation {@code next} (built beside the current one by a rebuild):
   * reads and the live projection's writes go there from now on. The current generation stays for
   * comparison until the next switch; the one before it is dropped ({@code bases} names the view's
   * collections).
   */
  public synchronized void switchTo(String view, int next, String... bases) {
    int current = generation(view);
    if (next != current + 1) {
      throw new IllegalStateException(
          "View " + view + " is at generation " + current + ", cannot switch to " + next);
    }
    if (next > 2) {
      drop(next - 2, bases);
    }
    mongo
        .upsert(
            Query.query(Criteria.where("_id").is(view)),
            Update.update("generation", next),
            COLLECTION)
        .block();
    generations.put(view, next);
  }

  /** Drops generation {@code generation} of the collections {@code bases}. */
  public void drop(int generation, String... bases) {
    for (String base : bases) {
      String collection = collection(base, generation);
      if (Boolean.TRUE.equals(mongo.collectionExists(collection).block())) {
        mongo.dropCollection(collection).block();
      }
    }
  }
}
