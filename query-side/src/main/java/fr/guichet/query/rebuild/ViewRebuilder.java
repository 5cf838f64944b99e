package fr.guichet.query.rebuild;

import fr.guichet.query.rebuild.ShadowRebuild.State;
import fr.guichet.query.support.ConflictException;
import fr.guichet.query.support.NotFoundException;
import fr.guichet.query.support.RebuildableView;
import fr.guichet.query.support.ViewGenerations;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.stereotype.Component;

/**
 * Rebuilds views from the event history without disturbing them: a {@link ShadowRebuild} replays
 * the history into the next generation of a view's collections while the live generation keeps
 * serving and its processor keeps running; {@link #compare} reports how the two differ (they must
 * not); {@link #switchOver} hands reads and the live processor over to the rebuilt generation;
 * {@link #discard} drops it instead. Side-effecting handlers never run on replay: the replica of a
 * projection has its live board, server-sent events and subscription-query updates switched off.
 * Views rebuilt together share one {@link HistoryReader}: the history is read once for all of them.
 *
 * <p>The rebuild state lives in this node's memory: a restart abandons a running rebuild (its
 * collections are dropped when the next one starts). Start it on the node that runs the view's
 * processor (the query side runs one processor per view).
 */
@Component
public class ViewRebuilder {

  private static final Logger log = LoggerFactory.getLogger(ViewRebuilder.class);

  public static final List<String> VIEWS =
      List.of("seat-map", "catalog", "orders", "dashboard", "event-setup", "waiting-list");

  /** How long a switch waits for the rebuild to reach the paused live processor's position. */
  static final Duration SWITCH_TIMEOUT = Duration.ofSeconds(60);

  private final EventProcessingConfiguration processing;
  private final ViewGenerations generations;
  private final ReactiveMongoTemplate mongo;
  private final ObjectProvider<Configuration> axon;
  private final EventStore eventStore;
  private final Map<String, RebuildableView> views = new LinkedHashMap<>();
  private final Map<String, ShadowRebuild> rebuilds = new ConcurrentHashMap<>();

  public ViewRebuilder(
      EventProcessingConfiguration processing,
      ViewGenerations generations,
      ReactiveMongoTemplate mongo,
      ObjectProvider<Configuration> axon,
      EventStore eventStore,
      List<RebuildableView> rebuildable) {
    this.processing = processing;
    this.generations = generations;
    this.mongo = mongo;
    this.axon = axon;
    this.eventStore = eventStore;
    rebuildable.forEach(view -> views.put(view.viewName(), view));
  }

  /** Where a view stands: its generation, its processor, and its rebuild if one was started. */
  public record ViewStatus(
      String view, int generation, boolean running, boolean replaying, String rebuild) {}

  /**
   * Starts rebuilding {@code view} into the next generation of its collections, in the background;
   * 409 if a rebuild of it is still running.
   */
  public RebuildProgress rebuild(String view) {
    return rebuild(List.of(view)).get(0);
  }

  /**
   * Starts rebuilding {@code views} together (every view when empty), each into the next generation
   * of its collections, in the background and from one reading of the history; each may then be
   * compared, switched over or discarded on its own. Nothing starts unless every view can be
   * rebuilt: 404 for an unknown view, 409 if one is being rebuilt already, replays or is segmented.
   */
  public synchronized List<RebuildProgress> rebuild(List<String> views) {
    List<String> names = views.isEmpty() ? VIEWS : views.stream().distinct().toList();
    for (String view : names) {
      checkRebuildable(view);
    }
    Configuration configuration = axon.getObject();
    List<ShadowRebuild> started = new ArrayList<>();
    for (String view : names) {
      RebuildableView rebuildable = view(view);
      StreamingEventProcessor processor = processor(view);
      int next = generations.generation(view) + 1;
      generations.drop(next, rebuildable.collections().toArray(new String[0]));
      Object replica = rebuildable.replica(next);
      AnnotationEventHandlerAdapter handler =
          new AnnotationEventHandlerAdapter(
              replica,
              configuration.parameterResolverFactory(),
              configuration.handlerDefinition(replica.getClass()));
      started.add(
          new ShadowRebuild(
              view, next, handler, () -> liveToken(processor), this::compareOnCatchUp));
    }
    started.forEach(rebuild -> rebuilds.put(rebuild.view(), rebuild));
    String name = "rebuild-" + String.join("+", names);
    Thread thread = new Thread(new HistoryReader(eventStore, started, name), name);
    thread.setDaemon(true);
    thread.start();
    log.info("Rebuilding views {} from one reading of the history", names);
    return names.stream().map(this::progress).toList();
  }

  private void checkRebuildable(String view) {
    view(view);
    StreamingEventProcessor processor = processor(view);
    ShadowRebuild running = rebuilds.get(view);
    if (running != null && running.running()) {
      throw new ConflictException(
          "rebuild-running",
          "View "
              + view
              + " is already being rebuilt ("
              + running.state()
              + "): switch to it or discard it first.");
    }
    if (processor.isReplaying()) {
      throw new ConflictException(
          "view-replaying", "View " + view + " is replaying: rebuild it once it has caught up.");
    }
    int segments = processing.tokenStore(view).fetchSegments(view).length;
    if (segments > 1) {
      throw new ConflictException(
          "view-segmented",
          "View " + view + " is processed in " + segments + " segments: a rebuild needs one.");
    }
  }

  private void compareOnCatchUp(ShadowRebuild rebuild) {
    try {
      ViewComparison report = compareRebuild(rebuild);
      rebuild.report(report);
      log.info(
          "Rebuilt view {} (generation {}) compared with the live one: {} difference(s)",
          rebuild.view(),
          rebuild.generation(),
          report.differences());
    } catch (RuntimeException e) {
      log.warn("Could not compare the rebuilt view {} with the live one", rebuild.view(), e);
    }
  }

  /**
   * The progress of the view's rebuild (the last one, if it has ended); 404 if none was started.
   */
  public RebuildProgress progress(String view) {
    StreamingEventProcessor processor = processor(view);
    ShadowRebuild rebuild = rebuilds.get(view);
    if (rebuild == null) {
      throw new NotFoundException(
          "no-rebuild", "View " + view + " has not been rebuilt since this node started.");
    }
    TrackingToken live = liveToken(processor);
    return rebuild.progress(
        generations.generation(view),
        live == null ? null : position(live),
        position(eventStore.createHeadToken()));
  }

  /**
   * Switches {@code view} over to its rebuilt generation: pauses the live processor, lets the
   * rebuild apply exactly the events the processor's token covers, points reads and the live
   * projection at the rebuilt generation, and restarts the processor with its token unchanged. So
   * no event is lost or applied twice. 409 unless a rebuild of the view has caught up.
   */
  public synchronized RebuildProgress switchOver(String view) {
    RebuildableView rebuildable = view(view);
    StreamingEventProcessor processor = processor(view);
    ShadowRebuild rebuild = rebuilds.get(view);
    if (rebuild == null || rebuild.state() != State.CAUGHT_UP) {
      throw new ConflictException(
          "rebuild-not-caught-up",
          "View "
              + view
              + (rebuild == null || !rebuild.running()
                  ? " has no rebuild to switch to: start one first."
                  : " is still being rebuilt (" + rebuild.state() + "): switch once caught up."));
    }
    if (generations.generation(view) != rebuild.generation() - 1) {
      throw new ConflictException(
          "generation-moved",
          "View " + view + " moved to another generation meanwhile: discard this rebuild.");
    }
    if (processor.isReplaying()) {
      throw new ConflictException(
          "view-replaying", "View " + view + " is replaying: switch once it has caught up.");
    }
    TokenStore tokens = processing.tokenStore(view);
    TransactionManager transactions = processing.transactionManager(view);
    processor.shutDown();
    try {
      int segment = onlySegment(view, tokens);
      // Claiming the paused processor's token keeps every other node's processor off it until the
      // switch is done; this node's processor claims it again when it restarts.
      TrackingToken live =
          transactions.fetchInTransaction(
              () -> WrappedToken.unwrapLowerBound(tokens.fetchToken(view, segment)));
      rebuild.finishAt(
          live,
          SWITCH_TIMEOUT,
          () -> transactions.executeInTransaction(() -> tokens.extendClaim(view, segment)));
      generations.switchTo(
          view, rebuild.generation(), rebuildable.collections().toArray(new String[0]));
      rebuildable.switched();
      rebuild.switched();
      log.info(
          "View {} switched to generation {} at position {}",
          view,
          rebuild.generation(),
          live == null ? null : position(live));
    } catch (UnableToClaimTokenException e) {
      throw new ConflictException(
          "view-processed-elsewhere",
          "The processor of " + view + " runs on another node: switch there.");
    } catch (IllegalStateException e) {
      throw new ConflictException(
          "rebuild-failed",
          "The rebuild of " + view + " failed while switching; the live view goes on unchanged.");
    } catch (TimeoutException e) {
      throw new ConflictException(
          "switch-timeout",
          "The rebuild of "
              + view
              + " did not reach the live view's position within "
              + SWITCH_TIMEOUT.toSeconds()
              + " s; the live view goes on unchanged.");
    } finally {
      processor.start();
    }
    return progress(view);
  }

  private static int onlySegment(String view, TokenStore tokens) {
    int[] segments = tokens.fetchSegments(view);
    if (segments.length != 1) {
      throw new ConflictException(
          "view-segmented", "View " + view + " is processed in " + segments.length + " segments.");
    }
    return segments[0];
  }

  /** Stops the view's running rebuild and drops its collections; the live view is untouched. */
  public synchronized RebuildProgress discard(String view) {
    RebuildableView rebuildable = view(view);
    ShadowRebuild rebuild = rebuilds.get(view);
    if (rebuild == null || !rebuild.running()) {
      throw new NotFoundException(
          "no-rebuild", "View " + view + " has no running rebuild to discard.");
    }
    rebuild.stop(State.DISCARDED, Duration.ofSeconds(30));
    generations.drop(rebuild.generation(), rebuildable.collections().toArray(new String[0]));
    log.info("Rebuild of view {} (generation {}) discarded", view, rebuild.generation());
    return progress(view);
  }

  /**
   * While a rebuild runs, its generation compared with the live one (documents the live view has
   * moved on since are advanced, not differences); after a switch, the generation serving compared
   * with the one it replaced. 404 {@code not-rebuilt} if the view was never rebuilt.
   */
  public ViewComparison compare(String view) {
    processor(view);
    ShadowRebuild rebuild = rebuilds.get(view);
    if (rebuild != null && rebuild.running()) {
      return compareRebuild(rebuild);
    }
    int current = generations.generation(view);
    if (current < 2) {
      throw new NotFoundException(
          "not-rebuilt", "View " + view + " has never been rebuilt: there is nothing to compare.");
    }
    Map<String, Map<Object, Document>> replaced = new LinkedHashMap<>();
    Map<String, Map<Object, Document>> serving = new LinkedHashMap<>();
    for (String base : view(view).collections()) {
      replaced.put(base, documents(ViewGenerations.collection(base, current - 1)));
      serving.put(base, documents(ViewGenerations.collection(base, current)));
    }
    return ViewComparison.of(
        view, ViewComparison.SWITCHED, current, current - 1, false, null, replaced, serving);
  }

  /**
   * The rebuilt generation compared with the live one. The rebuilt documents are read first: the
   * rebuild never applies an event before the live view has, so each live document read afterwards
   * has applied at least as much of its aggregate's history.
   */
  private ViewComparison compareRebuild(ShadowRebuild rebuild) {
    String view = rebuild.view();
    int live = generations.generation(view);
    Long position = rebuild.position();
    boolean replaying = rebuild.state() == State.REPLAYING;
    Map<String, Map<Object, Document>> rebuilt = new LinkedHashMap<>();
    for (String base : view(view).collections()) {
      rebuilt.put(base, documents(ViewGenerations.collection(base, rebuild.generation())));
    }
    Map<String, Map<Object, Document>> serving = new LinkedHashMap<>();
    for (String base : view(view).collections()) {
      serving.put(base, documents(ViewGenerations.collection(base, live)));
    }
    return ViewComparison.of(
        view,
        ViewComparison.SHADOW,
        rebuild.generation(),
        live,
        replaying,
        position,
        rebuilt,
        serving);
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
    ShadowRebuild rebuild = rebuilds.get(view);
    return new ViewStatus(
        view,
        generations.generation(view),
        processor.isRunning(),
        processor.isReplaying(),
        rebuild == null ? null : rebuild.state().name());
  }

  public List<ViewStatus> statuses() {
    List<ViewStatus> statuses = new ArrayList<>();
    VIEWS.forEach(view -> statuses.add(status(view)));
    return statuses;
  }

  /** The live processor's token, if it runs here and has one. */
  private static TrackingToken liveToken(StreamingEventProcessor processor) {
    Map<Integer, EventTrackerStatus> status = processor.processingStatus();
    if (!processor.isRunning() || status.size() != 1) {
      return null;
    }
    return status.values().iterator().next().getTrackingToken();
  }

  private static Long position(TrackingToken token) {
    if (token == null) {
      return null;
    }
    OptionalLong position = token.position();
    return position.isPresent() ? position.getAsLong() : null;
  }

  @PreDestroy
  void stopRebuilds() {
    rebuilds.values().stream()
        .filter(ShadowRebuild::running)
        .forEach(rebuild -> rebuild.stop(State.DISCARDED, Duration.ofSeconds(5)));
  }

  private RebuildableView view(String view) {
    RebuildableView rebuildable = views.get(view);
    if (rebuildable == null || !VIEWS.contains(view)) {
      throw new NotFoundException(
          "unknown-view", "No view named " + view + "; views: " + VIEWS + ".");
    }
    return rebuildable;
  }

  private StreamingEventProcessor processor(String view) {
    view(view);
    return processing
        .eventProcessor(view, StreamingEventProcessor.class)
        .orElseThrow(
            () ->
                new NotFoundException("unknown-view", "View " + view + " has no processor here."));
  }
}
