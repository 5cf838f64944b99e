package fr.guichet.query.rebuild;

import fr.guichet.query.support.NotFoundException;
import fr.guichet.query.support.ViewGenerations;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.springframework.stereotype.Component;

/**
 * Rebuilds a view from the event history: its processor is stopped, its tokens reset (the view's
 * reset handler moves it to a fresh generation of collections and empties its caches), and it
 * starts again from the first event. While it replays the view serves what it has rebuilt so far.
 */
@Component
public class ViewRebuilder {

  public static final List<String> VIEWS =
      List.of("seat-map", "catalog", "orders", "dashboard", "event-setup");

  private final EventProcessingConfiguration processing;
  private final ViewGenerations generations;

  public ViewRebuilder(EventProcessingConfiguration processing, ViewGenerations generations) {
    this.processing = processing;
    this.generations = generations;
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
