package fr.guichet.query.setup;

import fr.guichet.query.support.BadQueryException;
import java.util.List;

/**
 * Events at the given stages (every stage when empty), soonest performance first, answered with an
 * {@link EventSetupPage}.
 */
public record ListEventSetupsQuery(List<SetupStage> stages, int page, int size) {

  public static final int MAX_PAGE_SIZE = 100;

  public ListEventSetupsQuery {
    if (page < 0) {
      throw new BadQueryException("invalid-page", "page must be 0 or more.");
    }
    if (size < 1 || size > MAX_PAGE_SIZE) {
      throw new BadQueryException(
          "invalid-page-size", "size must be between 1 and " + MAX_PAGE_SIZE + ".");
    }
    stages =
        stages == null || stages.isEmpty() ? List.of(SetupStage.values()) : List.copyOf(stages);
  }
}
