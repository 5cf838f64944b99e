package fr.guichet.query.support;

/**
 * Where one instance of a view's projection reads and writes: the live instance follows the view's
 * current generation (it moves when a rebuild is switched over); a replica built by a rebuild
 * writes into one fixed generation beside it and has every side effect switched off.
 */
public final class ViewCollections {

  private final String view;
  private final ViewGenerations generations;
  private final int generation;

  private ViewCollections(String view, ViewGenerations generations, int generation) {
    this.view = view;
    this.generations = generations;
    this.generation = generation;
  }

  /** The live instance's collections: the view's current generation, whatever it becomes. */
  public static ViewCollections live(ViewGenerations generations, String view) {
    return new ViewCollections(view, generations, 0);
  }

  /** A replica's collections: generation {@code generation} of {@code view}, always. */
  public static ViewCollections replica(String view, int generation) {
    if (generation < 1) {
      throw new IllegalArgumentException("generation " + generation);
    }
    return new ViewCollections(view, null, generation);
  }

  /** The collection {@code base} of this instance's generation. */
  public String name(String base) {
    return ViewGenerations.collection(base, generation());
  }

  public int generation() {
    return generations == null ? generation : generations.generation(view);
  }

  /**
   * Whether this is the live instance, the only one allowed side effects (live seat boards,
   * server-sent events, subscription-query updates): a replica only writes its own collections.
   */
  public boolean live() {
    return generations != null;
  }

  public String view() {
    return view;
  }
}
