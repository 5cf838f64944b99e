package fr.guichet.query.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/**
 * The batch applies the views' guarded updates in memory exactly as MongoDB applies them one by
 * one, reads each document once and writes each collection once.
 */
class DocumentBatchTest {

  private final MongoCommands commands = new MongoCommands();
  private final EmbeddedMongo mongo = new EmbeddedMongo(commands);

  @AfterEach
  void stop() {
    mongo.close();
  }

  private DocumentBatch batch(String collection) {
    return new DocumentBatch(mongo.template(), Map.of(collection, List.of()));
  }

  /** One guarded write, as the views make it. */
  private record Write(String id, String guard, long seq, boolean upsert, Update update) {}

  private static List<Write> writes() {
    Instant at = Instant.parse("2026-11-26T19:00:00Z");
    return List.of(
        new Write(
            "d",
            "version",
            1,
            true,
            Update.update("a", 1L)
                .setOnInsert("created", true)
                .inc("n", 2L)
                .set("nested.x.y", "v")
                .set("version", 1L)),
        new Write(
            "d",
            "version",
            2,
            false,
            new Update()
                .inc("n", 3L)
                .inc("nested.count", 1)
                .addToSet("tags")
                .each("a", "b")
                .push("log", "one")
                .set("at", at)
                .set("version", 2L)),
        new Write("d", "version", 2, false, Update.update("a", 99L)),
        new Write("d", "version", 1, true, Update.update("a", 100L)),
        new Write(
            "d",
            "version",
            3,
            false,
            new Update()
                .pullAll("tags", new Object[] {"a"})
                .push("log")
                .each("two", "three")
                .unset("nested.x.y")
                .setOnInsert("created", false)
                .set("version", 3L)),
        new Write("d", null, 0, false, new Update().inc("nested.count", 5L).addToSet("tags", "c")),
        new Write("missing", "version", 1, false, Update.update("a", 1L)),
        new Write(
            "f",
            null,
            0,
            true,
            Update.update("sold", Map.of("cents", 8000L, "places", List.of("A-1")))
                .set("soldVersion", 4L)
                .setOnInsert("version", -1L)),
        new Write("f", "soldVersion", 4, false, Update.update("sold", "again")),
        new Write("f", "version", 0, false, Update.update("late", true)),
        new Write("f", "version", 7, true, Update.update("priced", true).set("version", 7L)));
  }

  private void oneByOne(String collection, List<Write> writes) {
    for (Write write : writes) {
      Criteria criteria = Criteria.where("_id").is(write.id());
      if (write.guard() != null) {
        criteria = criteria.and(write.guard()).lt(write.seq());
      }
      Query query = Query.query(criteria);
      if (write.upsert()) {
        try {
          mongo.template().upsert(query, write.update(), collection).block();
        } catch (DuplicateKeyException alreadyNewer) {
          // as the views do
        }
      } else {
        mongo.template().updateFirst(query, write.update(), collection).block();
      }
    }
  }

  private static void record(DocumentBatch batch, String collection, List<Write> writes) {
    for (Write write : writes) {
      if (write.upsert()) {
        batch.upsert(collection, write.id(), write.guard(), write.seq(), write.update());
      } else {
        batch.update(collection, write.id(), write.guard(), write.seq(), write.update());
      }
    }
  }

  @Test
  void guarded_updates_folded_in_memory_leave_the_documents_mongodb_leaves_one_by_one() {
    oneByOne("by_mongodb", writes());
    DocumentBatch batch = batch("folded");
    record(batch, "folded", writes());
    batch.write();

    List<Document> expected = mongo.all("by_mongodb");
    assertThat(expected).hasSize(2);
    assertThat(mongo.all("folded")).isEqualTo(expected);
  }

  @Test
  void updates_of_documents_that_exist_are_folded_into_the_same_documents_mongodb_makes() {
    List<Write> writes = writes();
    oneByOne("by_mongodb", writes.subList(0, 2));
    oneByOne("folded", writes.subList(0, 2));
    oneByOne("by_mongodb", writes.subList(2, writes.size()));
    commands.reset();
    DocumentBatch batch = batch("folded");
    record(batch, "folded", writes.subList(2, writes.size()));
    batch.write();

    assertThat(commands.count("find", "folded")).as("one read for all").isEqualTo(1);
    assertThat(commands.count("update", "folded")).isEqualTo(1);
    assertThat(commands.count("insert", "folded")).isEqualTo(1);
    assertThat(mongo.all("folded")).isEqualTo(mongo.all("by_mongodb"));
  }

  @Test
  void nothing_is_written_before_the_unit_of_work_commits_and_everything_once_it_does() {
    UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
    List<DocumentBatch> written = new java.util.ArrayList<>();
    for (int i = 1; i <= 50; i++) {
      long seq = i;
      DocumentBatch.run(
          "test-batch",
          () -> batch("counted"),
          written::add,
          batch ->
              batch.upsert(
                  "counted", "c", "version", seq, new Update().inc("n", 1L).set("version", seq)));
    }
    assertThat(mongo.all("counted")).isEmpty();
    assertThat(written).isEmpty();
    unitOfWork.commit();

    assertThat(written).hasSize(1);
    assertThat(mongo.all("counted"))
        .containsExactly(new Document("_id", "c").append("n", 50L).append("version", 50L));
  }

  @Test
  void a_document_created_elsewhere_meanwhile_is_left_as_it_is_like_an_upsert_meeting_it() {
    DocumentBatch batch = batch("raced");
    assertThat(batch.find("raced", "r")).isNull();
    mongo.template().insert(new Document("_id", "r").append("version", 9L), "raced").block();
    batch.upsert("raced", "r", "version", 3, Update.update("a", 1L).set("version", 3L));
    batch.write();

    assertThat(mongo.all("raced")).containsExactly(new Document("_id", "r").append("version", 9L));
  }
}
