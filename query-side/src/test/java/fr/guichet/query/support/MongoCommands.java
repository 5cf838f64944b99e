package fr.guichet.query.support;

import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.bson.BsonValue;

/** Counts the commands the driver sends, by command name and collection ("update" on "orders"). */
public final class MongoCommands implements CommandListener {

  private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();

  @Override
  public void commandStarted(CommandStartedEvent event) {
    BsonValue target = event.getCommand().get(event.getCommandName());
    String collection = target != null && target.isString() ? target.asString().getValue() : "";
    counts
        .computeIfAbsent(key(event.getCommandName(), collection), k -> new AtomicInteger())
        .incrementAndGet();
  }

  /** How many {@code command}s were sent to {@code collection} since the last {@link #reset}. */
  public int count(String command, String collection) {
    AtomicInteger count = counts.get(key(command, collection));
    return count == null ? 0 : count.get();
  }

  public void reset() {
    counts.clear();
  }

  private static String key(String command, String collection) {
    return command + " " + collection;
  }
}
