package fr.guichet.command.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.axonframework.common.Registration;
import org.axonframework.common.caching.Cache;

/**
 * An aggregate cache that holds its entries strongly, least recently used first out, up to a fixed
 * number of aggregates.
 *
 * <p>Why not {@link org.axonframework.common.caching.WeakReferenceCache}: Axon's caching repository
 * stores a new, otherwise unreferenced {@code AggregateCacheEntry} after every command, so a weak
 * reference to it is cleared by the next young-generation GC. Under load that happens several times
 * a second, and each miss replays the whole event stream (for a 50,000-seat Event: rebuilding the
 * place inventory plus every hold since the plan), under the aggregate's lock.
 */
public final class BoundedAggregateCache implements Cache {

  private final int maxEntries;
  private final List<EntryListener> listeners = new CopyOnWriteArrayList<>();
  private final LinkedHashMap<Object, Object> entries;

  public BoundedAggregateCache(int maxEntries) {
    if (maxEntries < 1) {
      throw new IllegalArgumentException("maxEntries must be at least 1");
    }
    this.maxEntries = maxEntries;
    this.entries = new LinkedHashMap<>(16, 0.75f, true);
  }

  @Override
  @SuppressWarnings("unchecked")
  public <K, V> V get(K key) {
    Object value;
    synchronized (entries) {
      value = entries.get(key);
    }
    if (value != null) {
      listeners.forEach(l -> l.onEntryRead(key, value));
    }
    return (V) value;
  }

  @Override
  public void put(Object key, Object value) {
    if (value == null) {
      remove(key);
      return;
    }
    Object previous;
    List<Map.Entry<Object, Object>> evicted;
    synchronized (entries) {
      previous = entries.put(key, value);
      evicted = evictOverflow();
    }
    if (previous == null) {
      listeners.forEach(l -> l.onEntryCreated(key, value));
    } else {
      listeners.forEach(l -> l.onEntryUpdated(key, value));
    }
    notifyExpired(evicted);
  }

  @Override
  public boolean putIfAbsent(Object key, Object value) {
    List<Map.Entry<Object, Object>> evicted;
    synchronized (entries) {
      if (entries.containsKey(key)) {
        return false;
      }
      entries.put(key, value);
      evicted = evictOverflow();
    }
    listeners.forEach(l -> l.onEntryCreated(key, value));
    notifyExpired(evicted);
    return true;
  }

  @Override
  @SuppressWarnings("unchecked")
  public <T> T computeIfAbsent(Object key, Supplier<T> valueSupplier) {
    synchronized (entries) {
      Object existing = entries.get(key);
      if (existing != null) {
        return (T) existing;
      }
    }
    T value = valueSupplier.get();
    putIfAbsent(key, value);
    return get(key);
  }

  @Override
  @SuppressWarnings("unchecked")
  public <V> void computeIfPresent(Object key, UnaryOperator<V> update) {
    Object updated;
    synchronized (entries) {
      Object existing = entries.get(key);
      if (existing == null) {
        return;
      }
      updated = update.apply((V) existing);
      if (updated == null) {
        entries.remove(key);
      } else {
        entries.put(key, updated);
      }
    }
    if (updated == null) {
      listeners.forEach(l -> l.onEntryRemoved(key));
    } else {
      listeners.forEach(l -> l.onEntryUpdated(key, updated));
    }
  }

  @Override
  public boolean remove(Object key) {
    boolean removed;
    synchronized (entries) {
      removed = entries.remove(key) != null;
    }
    if (removed) {
      listeners.forEach(l -> l.onEntryRemoved(key));
    }
    return removed;
  }

  @Override
  public void removeAll() {
    List<Object> keys;
    synchronized (entries) {
      keys = new ArrayList<>(entries.keySet());
      entries.clear();
    }
    keys.forEach(key -> listeners.forEach(l -> l.onEntryRemoved(key)));
  }

  @Override
  public boolean containsKey(Object key) {
    synchronized (entries) {
      return entries.containsKey(key);
    }
  }

  @Override
  public Registration registerCacheEntryListener(EntryListener cacheEntryListener) {
    listeners.add(cacheEntryListener);
    return () -> listeners.remove(cacheEntryListener);
  }

  /** How many aggregates are cached now. */
  public int size() {
    synchronized (entries) {
      return entries.size();
    }
  }

  private List<Map.Entry<Object, Object>> evictOverflow() {
    List<Map.Entry<Object, Object>> evicted = List.of();
    var iterator = entries.entrySet().iterator();
    while (entries.size() > maxEntries && iterator.hasNext()) {
      Map.Entry<Object, Object> eldest = iterator.next();
      if (evicted.isEmpty()) {
        evicted = new ArrayList<>();
      }
      evicted.add(Map.entry(eldest.getKey(), eldest.getValue()));
      iterator.remove();
    }
    return evicted;
  }

  private void notifyExpired(List<Map.Entry<Object, Object>> evicted) {
    evicted.forEach(e -> listeners.forEach(l -> l.onEntryExpired(e.getKey())));
  }
}
