package fr.guichet.query.support;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.bulk.BulkWriteResult;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.InsertOneModel;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.WriteModel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.convert.MongoConverter;
import org.springframework.data.mongodb.core.convert.UpdateMapper;
import org.springframework.data.mongodb.core.mapping.MongoPersistentEntity;
import org.springframework.data.mongodb.core.query.Update;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The changes one processor batch makes to a view's documents, folded in memory and written with
 * one bulk write per collection just before the batch commits.
 *
 * <p>A projection states its writes as before, as MongoDB updates guarded by a document's version
 * ({@link #update}: {@code updateOne} on {@code _id} and {@code guard < seq}; {@link #upsert}: the
 * same as an upsert, a duplicate key being "already newer"). The batch applies each of them, in
 * order, to its copy of the document, with exactly MongoDB's semantics for the operators the views
 * use ({@code $set}, {@code $setOnInsert}, {@code $unset}, {@code $inc}, {@code $addToSet}, {@code
 * $pullAll}, {@code $push}): an event at or below the document's version changes nothing, however
 * often it comes and however the events are cut into batches. A document is read at most once per
 * batch: when a handler needs it ({@link #find}), or, for documents only written to, all together
 * with one {@code $in} query per collection when the batch is written. Each document the batch
 * changed is then written once: an insert when it did not exist (a duplicate key means another
 * writer created it first and is ignored, as the upserts did), otherwise one {@code $set} of the
 * top-level fields it changed.
 *
 * <p>That write is on {@code _id} alone: the versions were checked in memory, against the document
 * read in this same batch, and nobody else writes these documents meanwhile (one processor holds
 * the view's token; a rebuild's replica writes a generation of its own). A filter on {@code _id}
 * alone is also the only one the embedded Mongo-wire server answers from its index: {@code {_id,
 * version}} makes it scan the whole collection, for every write.
 *
 * <p>Outside a unit of work (tests calling handlers directly) a batch holds one event's changes and
 * is written at once ({@link #run}).
 */
public final class DocumentBatch {

  private static final Logger log = LoggerFactory.getLogger(DocumentBatch.class);
  private static final int DUPLICATE_KEY = 11000;

  private final ReactiveMongoTemplate mongo;
  private final MongoConverter converter;
  private final UpdateMapper mapper;
  private final Map<String, Kept> collections = new LinkedHashMap<>();
  private boolean written;

  /**
   * A batch over {@code collections}, written in that order; each entry maps a collection to the
   * top-level fields never read into memory (large ones a handler never reads, such as a plan).
   */
  public DocumentBatch(ReactiveMongoTemplate mongo, Map<String, List<String>> collections) {
    this.mongo = mongo;
    this.converter = mongo.getConverter();
    this.mapper = new UpdateMapper(converter);
    collections.forEach((name, unread) -> this.collections.put(name, new Kept(name, unread)));
  }

  /**
   * Runs {@code work} in the batch of the current unit of work (kept as resource {@code key} of the
   * root unit of work, created by {@code create} at first use; {@code written} is called once it
   * has been written, just before the unit of work commits), or, outside a unit of work, in a batch
   * of its own written at once.
   */
  public static void run(
      String key,
      Supplier<DocumentBatch> create,
      Consumer<DocumentBatch> written,
      Consumer<DocumentBatch> work) {
    if (!CurrentUnitOfWork.isStarted()) {
      DocumentBatch alone = create.get();
      work.accept(alone);
      alone.write();
      written.accept(alone);
      return;
    }
    UnitOfWork<?> root = CurrentUnitOfWork.get().root();
    DocumentBatch batch =
        root.getOrComputeResource(
            key,
            k -> {
              DocumentBatch created = create.get();
              root.onPrepareCommit(
                  u -> {
                    created.write();
                    written.accept(created);
                  });
              return created;
            });
    work.accept(batch);
  }

  /**
   * The document as this batch has it so far (null when there is none). The document is the batch's
   * own copy: read it, never change it.
   */
  public Document find(String collection, Object id) {
    Entry entry = kept(collection).entry(id);
    if (!entry.loaded) {
      kept(collection).load(List.of(entry));
    }
    return entry.current;
  }

  /** {@link #find} read as {@code type}, without the top-level fields {@code without}. */
  public <T> T find(String collection, Object id, Class<T> type, String... without) {
    Document document = find(collection, id);
    if (document == null) {
      return null;
    }
    if (without.length > 0) {
      document = new Document(document);
      for (String field : without) {
        document.remove(field);
      }
    }
    return converter.read(type, document);
  }

  /**
   * {@code updateOne({_id: id, guard: {$lt: seq}}, update)}; with {@code guard} null, {@code
   * updateOne({_id: id}, update)}.
   */
  public void update(String collection, Object id, String guard, long seq, Update update) {
    record(collection, id, new Op(guard, seq, mapped(update), false));
  }

  /**
   * The same as an upsert: a document that does not exist is created with {@code _id} (and the
   * {@code $setOnInsert} fields); one that exists with {@code guard} at or above {@code seq} stays
   * as it is. With {@code guard} null, an unconditional upsert on {@code _id}.
   */
  public void upsert(String collection, Object id, String guard, long seq, Update update) {
    record(collection, id, new Op(guard, seq, mapped(update), true));
  }

  /** The documents of {@code collection} this batch changed, by id, as written. */
  public Map<Object, Document> changed(String collection) {
    Map<Object, Document> changed = new LinkedHashMap<>();
    Kept kept = collections.get(collection);
    if (kept != null) {
      kept.entries.forEach(
          (id, entry) -> {
            if (entry.changed() && entry.current != null) {
              changed.put(id, entry.current);
            }
          });
    }
    return changed;
  }

  /** Writes every changed document: one bulk write per collection, in the collections' order. */
  public void write() {
    if (written) {
      throw new IllegalStateException("batch already written");
    }
    written = true;
    for (Kept kept : collections.values()) {
      kept.write();
    }
  }

  private void record(String collection, Object id, Op op) {
    if (written) {
      throw new IllegalStateException("batch already written");
    }
    Entry entry = kept(collection).entry(id);
    if (entry.loaded) {
      entry.apply(op);
    } else {
      entry.pending.add(op);
    }
  }

  private Document mapped(Update update) {
    return mapper.getMappedObject(update.getUpdateObject(), (MongoPersistentEntity<?>) null);
  }

  private Kept kept(String collection) {
    Kept kept = collections.get(collection);
    if (kept == null) {
      throw new IllegalArgumentException("collection " + collection + " is not in this batch");
    }
    return kept;
  }

  /**
   * One guarded update: applies when {@code guard} is null or the document's is below {@code seq}.
   */
  private record Op(String guard, long seq, Document update, boolean upsert) {}

  /** The documents of one collection this batch touched. */
  private final class Kept {
    private final String name;
    private final List<String> unread;
    private final Map<Object, Entry> entries = new LinkedHashMap<>();

    Kept(String name, List<String> unread) {
      this.name = name;
      this.unread = unread;
    }

    Entry entry(Object id) {
      return entries.computeIfAbsent(id, Entry::new);
    }

    /** Reads {@code toLoad} in one query and applies what was recorded for them meanwhile. */
    void load(Collection<Entry> toLoad) {
      List<Object> ids = toLoad.stream().map(e -> e.id).toList();
      Bson filter = ids.size() == 1 ? Filters.eq("_id", ids.get(0)) : Filters.in("_id", ids);
      Map<Object, Document> found = new LinkedHashMap<>();
      Flux<Document> documents =
          mongo
              .getCollection(name)
              .flatMapMany(
                  c ->
                      unread.isEmpty()
                          ? c.find(filter)
                          : c.find(filter).projection(Projections.exclude(unread)));
      documents.doOnNext(d -> found.put(d.get("_id"), d)).blockLast();
      for (Entry entry : toLoad) {
        entry.loaded(found.get(entry.id));
      }
    }

    void write() {
      List<Entry> unloaded =
          entries.values().stream().filter(e -> !e.loaded && !e.pending.isEmpty()).toList();
      if (!unloaded.isEmpty()) {
        load(unloaded);
      }
      List<WriteModel<Document>> writes = new ArrayList<>();
      int updates = 0;
      for (Entry entry : entries.values()) {
        if (!entry.changed()) {
          continue;
        }
        if (!entry.stored) {
          if (entry.current != null) {
            writes.add(new InsertOneModel<>(entry.current));
          }
          continue;
        }
        Document set = new Document();
        Document unset = new Document();
        for (String field : entry.touched) {
          if (entry.current.containsKey(field)) {
            set.put(field, entry.current.get(field));
          } else {
            unset.put(field, "");
          }
        }
        Document update = new Document();
        if (!set.isEmpty()) {
          update.put("$set", set);
        }
        if (!unset.isEmpty()) {
          update.put("$unset", unset);
        }
        writes.add(new UpdateOneModel<>(Filters.eq("_id", entry.id), update));
        updates++;
      }
      if (writes.isEmpty()) {
        return;
      }
      int expected = updates;
      try {
        BulkWriteResult result =
            mongo
                .getCollection(name)
                .flatMap(c -> Mono.from(c.bulkWrite(writes, new BulkWriteOptions().ordered(false))))
                .block();
        if (result != null && result.getMatchedCount() < expected) {
          log.warn(
              "{} of {} documents of {} were deleted meanwhile: not written again",
              expected - result.getMatchedCount(),
              expected,
              name);
        }
      } catch (MongoBulkWriteException failed) {
        for (BulkWriteError error : failed.getWriteErrors()) {
          if (error.getCode() != DUPLICATE_KEY) {
            throw failed;
          }
        }
        // documents another writer created first: they already hold these events or later ones
      }
    }
  }

  /** One document: whether it was stored when read, and as the batch has it now. */
  private static final class Entry {
    private final Object id;
    private final List<Op> pending = new ArrayList<>();
    private final Set<String> touched = new LinkedHashSet<>();
    private boolean loaded;
    private boolean created;
    private Document current;

    /** Whether the document was stored when the batch read it. */
    private boolean stored;

    Entry(Object id) {
      this.id = id;
    }

    boolean changed() {
      return created || !touched.isEmpty();
    }

    void loaded(Document document) {
      loaded = true;
      current = document;
      stored = document != null;
      pending.forEach(this::apply);
      pending.clear();
    }

    void apply(Op op) {
      boolean inserting = current == null;
      if (inserting) {
        if (!op.upsert()) {
          return;
        }
        current = new Document("_id", id);
        created = true;
      } else if (op.guard() != null && !(version(current, op.guard()) < op.seq())) {
        return;
      }
      for (Map.Entry<String, Object> operator : op.update().entrySet()) {
        Document fields = (Document) operator.getValue();
        String name = operator.getKey();
        if (name.equals("$setOnInsert") && !inserting) {
          continue;
        }
        for (Map.Entry<String, Object> field : fields.entrySet()) {
          touched.add(topLevel(field.getKey()));
          Updates.apply(current, name, field.getKey(), field.getValue());
        }
      }
    }
  }

  private static long version(Document document, String field) {
    Object value = document.get(field);
    return value instanceof Number number ? number.longValue() : Long.MAX_VALUE;
  }

  private static String topLevel(String path) {
    int dot = path.indexOf('.');
    return dot < 0 ? path : path.substring(0, dot);
  }

  /** MongoDB's update operators, applied to a document in memory. */
  static final class Updates {

    private Updates() {}

    static void apply(Document document, String operator, String path, Object value) {
      switch (operator) {
        case "$set", "$setOnInsert" -> set(document, path, value);
        case "$unset" -> unset(document, path);
        case "$inc" -> set(document, path, plus(get(document, path), (Number) value));
        case "$addToSet" -> {
          List<Object> list = list(document, path);
          for (Object element : each(value)) {
            if (!list.contains(element)) {
              list.add(element);
            }
          }
        }
        case "$push" -> list(document, path).addAll(each(value));
        case "$pullAll" -> {
          Object current = get(document, path);
          if (current instanceof List<?> list) {
            List<Object> kept = new ArrayList<>(list);
            kept.removeAll(asList(value));
            set(document, path, kept);
          }
        }
        default ->
            throw new IllegalArgumentException("update operator " + operator + " not supported");
      }
    }

    private static List<Object> each(Object value) {
      if (value instanceof Document document && document.containsKey("$each")) {
        return asList(document.get("$each"));
      }
      List<Object> one = new ArrayList<>();
      one.add(value);
      return one;
    }

    private static List<Object> asList(Object values) {
      if (values instanceof Object[] array) {
        return new ArrayList<>(Arrays.asList(array));
      }
      return new ArrayList<>((Collection<?>) values);
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Document document, String path) {
      Object current = get(document, path);
      if (current == null) {
        List<Object> created = new ArrayList<>();
        set(document, path, created);
        return created;
      }
      if (current instanceof List<?> list) {
        List<Object> copy = new ArrayList<>(list);
        set(document, path, copy);
        return copy;
      }
      throw new IllegalStateException(path + " is not an array");
    }

    static Object get(Document document, String path) {
      Object current = document;
      for (String part : path.split("\\.")) {
        if (!(current instanceof Map<?, ?> map)) {
          return null;
        }
        current = map.get(part);
      }
      return current;
    }

    static void set(Document document, String path, Object value) {
      String[] parts = path.split("\\.");
      Map<String, Object> current = document;
      for (int i = 0; i < parts.length - 1; i++) {
        current = child(current, parts[i], path);
      }
      current.put(parts[parts.length - 1], value);
    }

    static void unset(Document document, String path) {
      String[] parts = path.split("\\.");
      Object current = document;
      for (int i = 0; i < parts.length - 1; i++) {
        if (!(current instanceof Map<?, ?> map)) {
          return;
        }
        current = map.get(parts[i]);
      }
      if (current instanceof Map<?, ?> map) {
        map.remove(parts[parts.length - 1]);
      }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> child(Map<String, Object> parent, String key, String path) {
      Object child = parent.get(key);
      if (child == null) {
        Document created = new Document();
        parent.put(key, created);
        return created;
      }
      if (child instanceof Map<?, ?> map) {
        return (Map<String, Object>) map;
      }
      throw new IllegalStateException("cannot create field " + path + " inside a non-document");
    }

    /** MongoDB's {@code $inc}: int + int stays int, a long makes a long, a double a double. */
    static Number plus(Object current, Number increment) {
      if (current == null) {
        return increment;
      }
      if (!(current instanceof Number number)) {
        throw new IllegalStateException("cannot increment a non-number " + current);
      }
      if (number instanceof Double || increment instanceof Double) {
        return number.doubleValue() + increment.doubleValue();
      }
      if (number instanceof Long || increment instanceof Long) {
        return number.longValue() + increment.longValue();
      }
      long sum = (long) number.intValue() + increment.intValue();
      return sum == (int) sum ? (Number) (int) sum : (Number) sum;
    }
  }
}
