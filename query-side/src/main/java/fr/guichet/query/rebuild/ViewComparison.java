package fr.guichet.query.rebuild;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.bson.Document;

/**
 * A generation of a view rebuilt from the history next to the generation it is compared with,
 * document by document ({@code _id}). One side may have applied more events than the other: in the
 * {@code shadow} stage the live generation goes on while the rebuilt one (which never applies an
 * event the live processor has not applied) is compared with it; in the {@code switched} stage the
 * rebuilt generation serves and goes on, while the generation it replaced is no longer fed.
 *
 * <p>A document present on both sides is <em>same</em> when equal; <em>advanced</em> when the side
 * that goes on has applied later events; otherwise it is a <em>difference</em>. A document says
 * what it has applied by its versions: {@code version}, the sequence number of the last event
 * applied, and for a document fed by more than one aggregate, one more field per other aggregate
 * named {@code ...Version} (e.g. a dashboard's order prices carry the order's {@code version} and
 * the event's {@code soldVersion}). The side that goes on is advanced when none of its versions is
 * behind and at least one is ahead; a version missing counts as nothing applied yet. A document
 * only on the side that goes on is <em>added</em> (created by later events); one only on the other
 * side is a difference. A correct rebuild reports no difference at all.
 *
 * @param view the view's name
 * @param stage {@code shadow} (the rebuilt generation beside the live one, before a switch) or
 *     {@code switched} (the rebuilt generation serves; compared with the one it replaced)
 * @param rebuilt the generation rebuilt from the history
 * @param reference the generation it is compared with: the live one ({@code shadow}), the replaced
 *     one ({@code switched})
 * @param replaying whether the rebuilt generation is still replaying the history (then the report
 *     is partial)
 * @param position in the {@code shadow} stage, the position in the event history up to which the
 *     rebuilt generation was built when compared (null otherwise)
 * @param collections one line per collection of the view
 * @param differences the sum of the collections' differences
 */
public record ViewComparison(
    String view,
    String stage,
    int rebuilt,
    int reference,
    boolean replaying,
    Long position,
    List<CollectionComparison> collections,
    long differences) {

  static final String SHADOW = "shadow";
  static final String SWITCHED = "switched";

  /** How many documents differ at most in {@link CollectionComparison#differingIds()}. */
  static final int LISTED = 20;

  /**
   * @param differingIds the first {@value #LISTED} ids of documents that differ (sorted)
   */
  public record CollectionComparison(
      String collection,
      long same,
      long advanced,
      long added,
      long differences,
      List<String> differingIds) {}

  /**
   * Compares, collection by collection, documents that stayed behind with those of the side that
   * went on ({@code behindByBase} and {@code aheadByBase}, keyed by the collections' base names).
   */
  static ViewComparison of(
      String view,
      String stage,
      int rebuilt,
      int reference,
      boolean replaying,
      Long position,
      Map<String, Map<Object, Document>> behindByBase,
      Map<String, Map<Object, Document>> aheadByBase) {
    List<CollectionComparison> collections = new ArrayList<>();
    long differences = 0;
    for (String base : behindByBase.keySet()) {
      CollectionComparison compared = compare(base, behindByBase.get(base), aheadByBase.get(base));
      collections.add(compared);
      differences += compared.differences();
    }
    return new ViewComparison(
        view, stage, rebuilt, reference, replaying, position, collections, differences);
  }

  private static CollectionComparison compare(
      String base, Map<Object, Document> behind, Map<Object, Document> ahead) {
    long same = 0;
    long advanced = 0;
    List<String> differing = new ArrayList<>();
    Map<Object, Document> remaining = new LinkedHashMap<>(ahead);
    for (Map.Entry<Object, Document> entry : behind.entrySet()) {
      Document old = entry.getValue();
      Document newer = remaining.remove(entry.getKey());
      if (newer == null) {
        differing.add(String.valueOf(entry.getKey()));
      } else if (Objects.equals(old, newer)) {
        same++;
      } else if (isAhead(newer, old)) {
        advanced++;
      } else {
        differing.add(String.valueOf(entry.getKey()));
      }
    }
    long added = remaining.size();
    List<String> listed = differing.stream().sorted().limit(LISTED).toList();
    return new CollectionComparison(base, same, advanced, added, differing.size(), listed);
  }

  /** Whether {@code newer} has applied later events than {@code old} and none fewer. */
  private static boolean isAhead(Document newer, Document old) {
    Set<String> versionFields = new HashSet<>();
    for (Document document : List.of(newer, old)) {
      document.keySet().stream()
          .filter(field -> field.equals("version") || field.endsWith("Version"))
          .forEach(versionFields::add);
    }
    boolean ahead = false;
    for (String field : versionFields) {
      long now = version(newer, field);
      long before = version(old, field);
      if (now < before) {
        return false;
      }
      ahead |= now > before;
    }
    return ahead;
  }

  private static long version(Document document, String field) {
    Object version = document.get(field);
    return version instanceof Number number ? number.longValue() : Long.MIN_VALUE;
  }
}
