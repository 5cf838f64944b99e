package fr.guichet.command.config;

import fr.guichet.api.event.EventCommand.HoldPlacesCommand;
import fr.guichet.api.event.EventCommand.JoinWaitingListCommand;
import java.time.Duration;
import org.axonframework.common.caching.Cache;
import org.axonframework.common.caching.WeakReferenceCache;
import org.axonframework.common.lock.LockFactory;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The cache that keeps hot Event aggregates in memory between commands; without it every hold would
 * replay the event's whole history.
 *
 * <p>{@code guichet.aggregate-cache.type}: {@code lru} (default) holds up to {@code
 * guichet.aggregate-cache.max-entries} Events strongly (see {@link BoundedAggregateCache} for why);
 * {@code weak} is Axon's {@link WeakReferenceCache}, which a young GC empties. A cached 50,000-seat
 * Event takes a few MB, hence the bound.
 *
 * <p>The Event's commands wait for its lock in arrival order ({@link FifoLockFactory}), at most
 * {@code guichet.aggregate-lock.max-wait}; every command but a new hold (sales, releases, expiries:
 * what finishes a hold already made) passes the holds waiting.
 */
@Configuration(proxyBeanMethods = false)
public class AggregateCacheConfiguration {

  @Bean
  public Cache eventAggregateCache(
      @Value("${guichet.aggregate-cache.type:lru}") String type,
      @Value("${guichet.aggregate-cache.max-entries:64}") int maxEntries) {
    return switch (type) {
      case "lru" -> new BoundedAggregateCache(maxEntries);
      case "weak" -> new WeakReferenceCache();
      default ->
          throw new IllegalArgumentException(
              "guichet.aggregate-cache.type must be lru or weak, not " + type);
    };
  }

  @Bean
  public LockFactory eventLockFactory(
      @Value("${guichet.aggregate-lock.max-wait:PT60S}") Duration maxWait) {
    return new FifoLockFactory(maxWait, AggregateCacheConfiguration::finishesWhatHasBegun);
  }

  /**
   * Whether the command this thread handles finishes a hold already made: all but new demand (new
   * holds, and buyers joining the waiting list).
   */
  static boolean finishesWhatHasBegun() {
    if (!CurrentUnitOfWork.isStarted()) {
      return true;
    }
    Object command = CurrentUnitOfWork.get().getMessage().getPayload();
    return !(command instanceof HoldPlacesCommand || command instanceof JoinWaitingListCommand);
  }
}
