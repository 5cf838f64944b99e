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
 * What a rebuilt generation of a view holds next to the generation it replaced, document by
 * document ({@code _id}).
 *
 * <p>A document present in both is <em>same</em> when equal; <em>advanced</em> when the rebuilt one
 * has applied later events (sales went on after the switch-over and the replaced generation, no
 * longer fed, stayed behind); otherwise it is a <em>difference</em>. A document says what it has
 * applied by its versions: {@code version}, the sequence number of the last event applied, and for
 * a document fed by more than one aggregate, one more field per other aggregate named {@code
 * ...Version} (e.g. a dashboard's order prices carry the order's {@code version} and the event's
 * {@code soldVersion}). The rebuilt document is advanced when none of its versions is behind and at
 * least one is ahead; a version missing counts as nothing applied yet. A document only in the
 * rebuilt generation is <em>added</em> (created by events after the switch-over); one only in the
 * replaced generation is a difference. A correct rebuild reports no difference at all.
 *
 * @param view the view's name
 * @param rebuilt the generation rebuilt from the history (the one the view serves)
 * @param replaced the generation it replaced
 * @param replaying whether the rebuilt generation is still catching up (then the report is partial)
 * @param collections one line per collection of the view
 * @param differences the sum of the collections' differences
 */
public record ViewComparison(
    String view,
    int rebuilt,
    int replaced,
    boolean replaying,
    List<CollectionComparison> collections,
    long differences) {

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

  static ViewComparison of(
      String view,
      int rebuilt,
      boolean replaying,
      Map<String, Map<Object, Document>> replacedByBase,
      Map<String, Map<Object, Document>> rebuiltByBase) {
    List<CollectionComparison> collections = new ArrayList<>();
    long differences = 0;
    for (String base : replacedByBase.keySet()) {
      CollectionComparison compared =
          compare(base, replacedByBase.get(base), rebuiltByBase.get(base));
      collections.add(compared);
      differences += compared.differences();
    }
    return new ViewComparison(view, rebuilt, rebuilt - 1, replaying, collections, differences);
  }

  private static CollectionComparison compare(
      String base, Map<Object, Document> before, Map<Object, Document> after) {
    long same = 0;
    long advanced = 0;
    long added = 0;
    List<String> differing = new ArrayList<>();
    Map<Object, Document> remaining = new LinkedHashMap<>(after);
    for (Map.Entry<Object, Document> entry : before.entrySet()) {
      Document old = entry.getValue();
      Document rebuilt = remaining.remove(entry.getKey());
      if (rebuilt == null) {
        differing.add(String.valueOf(entry.getKey()));
      } else if (Objects.equals(old, rebuilt)) {
        same++;
      } else if (isAhead(rebuilt, old)) {
        advanced++;
      } else {
        differing.add(String.valueOf(entry.getKey()));
      }
    }
    added = remaining.size();
    List<String> listed = differing.stream().sorted().limit(LISTED).toList();
    return new CollectionComparison(base, same, advanced, added, differing.size(), listed);
  }

  private static boolean isAhead(Document rebuilt, Document old) {
    Set<String> versionFields = new HashSet<>();
    for (Document document : List.of(rebuilt, old)) {
      document.keySet().stream()
          .filter(field -> field.equals("version") || field.endsWith("Version"))
          .forEach(versionFields::add);
    }
    boolean ahead = false;
    for (String field : versionFields) {
      long now = version(rebuilt, field);
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
