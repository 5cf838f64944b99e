package fr.guichet.query.rebuild;

import fr.guichet.query.support.NotFoundException;
import fr.guichet.query.support.ViewGenerations;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.bson.Document;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.stereotype.Component;

/**
 * Rebuilds a view from the event history: its processor is stopped, its tokens reset (the view's
 * reset handler moves it to a fresh generation of collections and empties its caches), and it
 * starts again from the first event. While it replays the view serves what it has rebuilt so far.
 * The generation it replaced stays (no longer fed) until the next rebuild, so that {@link #compare}
 * can report how the rebuilt view differs from it: it must not.
 */
@Component
public class ViewRebuilder {

  public static final List<String> VIEWS =
      List.of("seat-map", "catalog", "orders", "dashboard", "event-setup");

  /** The collections of each view (their base names, without the generation). */
  static final Map<String, List<String>> COLLECTIONS =
      Map.of(
          "seat-map", List.of("seatmap_layouts", "seatmap_availability"),
          "catalog", List.of("catalog_events"),
          "orders", List.of("orders", "orders_events"),
          "dashboard", List.of("dashboard_events", "dashboard_order_prices"),
          "event-setup", List.of("event_setups"));

  private final EventProcessingConfiguration processing;
  private final ViewGenerations generations;
  private final ReactiveMongoTemplate mongo;

  public ViewRebuilder(
      EventProcessingConfiguration processing,
      ViewGenerations generations,
      ReactiveMongoTemplate mongo) {
    this.processing = processing;
    this.generations = generations;
    this.mongo = mongo;
  }

  /** Where a view stands: its generation and whether it is replaying. */
  public record ViewStatus(String view, int generation, boolean running, boolean replaying) {}

  public synchronized ViewStatus rebuild(String view) {
    StreamingEventProcessor processor = processor(view);
    processor.shutDown();
    processor.resetTokens();
    processor.start();
    return status(view);
  }

  /**
   * The view's current generation (rebuilt from the history by the last {@link #rebuild}) compared
   * with the generation it replaced. Meaningful once the rebuild has caught up ({@code replaying}
   * false); documents moved on by events after the switch-over count as advanced, not as
   * differences (see {@link ViewComparison}).
   */
  public ViewComparison compare(String view) {
    StreamingEventProcessor processor = processor(view);
    int rebuilt = generations.generation(view);
    if (rebuilt < 2) {
      throw new NotFoundException(
          "not-rebuilt", "View " + view + " has never been rebuilt: there is nothing to compare.");
    }
    boolean replaying = processor.isReplaying();
    Map<String, Map<Object, Document>> replaced = new LinkedHashMap<>();
    Map<String, Map<Object, Document>> fresh = new LinkedHashMap<>();
    for (String base : COLLECTIONS.get(view)) {
      replaced.put(base, documents(ViewGenerations.collection(base, rebuilt - 1)));
      fresh.put(base, documents(ViewGenerations.collection(base, rebuilt)));
    }
    return ViewComparison.of(view, rebuilt, replaying, replaced, fresh);
  }

  private Map<Object, Document> documents(String collection) {
    Map<Object, Document> byId = new LinkedHashMap<>();
    mongo
        .findAll(Document.class, collection)
        .doOnNext(document -> byId.put(document.get("_id"), document))
        .blockLast();
    return byId;
  }

  public ViewStatus status(String view) {
    StreamingEventProcessor processor = processor(view);
    return new ViewStatus(
        view, generations.generation(view), processor.isRunning(), processor.isReplaying());
  }

  public List<ViewStatus> statuses() {
    List<ViewStatus> statuses = new ArrayList<>();
    VIEWS.forEach(view -> statuses.add(status(view)));
    return statuses;
  }

  private StreamingEventProcessor processor(String view) {
    if (!VIEWS.contains(view)) {
      throw new NotFoundException(
          "unknown-view", "No view named " + view + "; views: " + VIEWS + ".");
    }
    return processing
        .eventProcessor(view, StreamingEventProcessor.class)
        .orElseThrow(
            () ->
                new NotFoundException("unknown-view", "View " + view + " has no processor here."));
  }
}
