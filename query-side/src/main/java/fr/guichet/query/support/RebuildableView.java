package fr.guichet.query.support;

import java.util.List;

/**
 * A view that can be rebuilt from the event history beside its live generation (implemented by each
 * view's projection). The rebuild feeds the history to a {@link #replica} writing into the next
 * generation's collections while the live projection and its processor go on; once the replica has
 * caught up it can be compared with the live collections and switched over.
 */
public interface RebuildableView {

  /** The view's name, also the processing group of its live processor. */
  String viewName();

  /** The base names of the view's collections (without the generation suffix). */
  List<String> collections();

  /**
   * A second instance of the view's projection writing into generation {@code generation} of its
   * collections, with no side effect at all: no live board, no server-sent event, no
   * subscription-query update. It is never registered with a processor: the rebuild calls its event
   * handlers itself.
   */
  Object replica(int generation);

  /**
   * The live projection now writes into another generation (its processor is paused): forget what
   * it cached from the previous one, and tell watchers to reload.
   */
  void switched();
}
