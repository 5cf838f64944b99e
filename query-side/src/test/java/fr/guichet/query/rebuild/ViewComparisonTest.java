package fr.guichet.query.rebuild;

import static org.assertj.core.api.Assertions.assertThat;

import fr.guichet.query.rebuild.ViewComparison.CollectionComparison;
import java.util.Map;
import org.bson.Document;
import org.junit.jupiter.api.Test;

class ViewComparisonTest {

  private static CollectionComparison compare(Document replaced, Document rebuilt) {
    ViewComparison report =
        ViewComparison.of(
            "dashboard",
            ViewComparison.SWITCHED,
            2,
            1,
            false,
            null,
            Map.of("prices", Map.of("o-1", replaced)),
            Map.of("prices", Map.of("o-1", rebuilt)));
    return report.collections().get(0);
  }

  @Test
  void equal_documents_are_the_same() {
    CollectionComparison c =
        compare(
            new Document("_id", "o-1").append("version", 3),
            new Document("_id", "o-1").append("version", 3));
    assertThat(c.same()).isEqualTo(1);
    assertThat(c.differences()).isZero();
  }

  @Test
  void a_document_that_applied_a_sale_after_the_switch_over_is_advanced_not_different() {
    // priced before the switch-over, sold after it: the order's version is unchanged, the sale
    // came from the event's stream and only the rebuilt generation applied it
    Document replaced = new Document("_id", "o-1").append("version", 0);
    Document rebuilt =
        new Document("_id", "o-1")
            .append("version", 0)
            .append("sold", new Document("revenueCents", 4200))
            .append("soldVersion", 57);
    CollectionComparison c = compare(replaced, rebuilt);
    assertThat(c.advanced()).isEqualTo(1);
    assertThat(c.differences()).isZero();
  }

  @Test
  void before_the_switch_a_live_document_that_applied_a_later_sale_is_advanced_not_different() {
    // the rebuild, which never applies an event before the live view, has not applied the sale yet
    Document rebuilt = new Document("_id", "o-1").append("version", 2);
    Document live =
        new Document("_id", "o-1")
            .append("version", 2)
            .append("sold", new Document("revenueCents", 4200))
            .append("soldVersion", 57);
    ViewComparison report =
        ViewComparison.of(
            "dashboard",
            ViewComparison.SHADOW,
            2,
            1,
            false,
            56L,
            Map.of("prices", Map.of("o-1", rebuilt)),
            Map.of("prices", Map.of("o-1", live)));
    assertThat(report.collections().get(0).advanced()).isEqualTo(1);
    assertThat(report.differences()).isZero();
  }

  @Test
  void a_rebuilt_document_behind_on_any_version_is_a_difference() {
    Document replaced =
        new Document("_id", "o-1").append("version", 0).append("soldVersion", 57).append("x", 1);
    Document rebuilt =
        new Document("_id", "o-1").append("version", 1).append("soldVersion", 12).append("x", 2);
    CollectionComparison c = compare(replaced, rebuilt);
    assertThat(c.differences()).isEqualTo(1);
    assertThat(c.differingIds()).containsExactly("o-1");
  }

  @Test
  void same_versions_with_other_content_is_a_difference() {
    CollectionComparison c =
        compare(
            new Document("_id", "o-1").append("version", 3).append("sold", 10),
            new Document("_id", "o-1").append("version", 3).append("sold", 11));
    assertThat(c.differences()).isEqualTo(1);
  }

  @Test
  void a_document_missing_from_the_rebuilt_generation_is_a_difference() {
    ViewComparison report =
        ViewComparison.of(
            "orders",
            ViewComparison.SWITCHED,
            2,
            1,
            false,
            null,
            Map.of("orders", Map.of("o-1", new Document("_id", "o-1"))),
            Map.of("orders", Map.of()));
    assertThat(report.differences()).isEqualTo(1);
  }
}
