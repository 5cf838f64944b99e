package fr.guichet.command.persistence;

import java.util.Optional;
import org.axonframework.common.jpa.EntityManagerProvider;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;
import org.axonframework.eventhandling.tokenstore.jpa.JpaTokenStore;
import org.axonframework.serialization.Serializer;
import org.axonframework.springboot.TokenStoreProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Axon's JPA token store, as Axon's auto-configuration builds it, except that the first node to
 * create a processor's segments does so in a transaction of its own.
 *
 * <p>When two command nodes start together, both find no segments and both insert them; the loser's
 * failed insert marks the caller's transaction rollback-only. Axon's pooled processor catches the
 * failure inside that transaction and means to retry, but the commit then throws and the node dies
 * on start (MultiNodeCrashIT, CI of 2026-11-27). In a separate transaction the loss rolls back on
 * its own and surfaces as {@link UnableToClaimTokenException}: the processor retries, finds the
 * winner's segments and starts.
 *
 * <p>The store's identifier (a "config" token row Axon inserts the first time anyone asks) is
 * created the same way, with one retry: two nodes asking at once both end up with the winner's
 * identifier, and neither caller's transaction is harmed.
 */
@Configuration(proxyBeanMethods = false)
public class TokenStoreConfiguration {

  @Bean
  TokenStore tokenStore(
      EntityManagerProvider entityManagerProvider,
      Serializer serializer,
      TokenStoreProperties properties,
      PlatformTransactionManager transactions) {
    return new SeparatelyInitializedJpaTokenStore(
        JpaTokenStore.builder()
            .entityManagerProvider(entityManagerProvider)
            .serializer(serializer)
            .claimTimeout(properties.getClaimTimeout()),
        transactions);
  }

  /** A JPA token store that creates segments in a transaction of their own. */
  public static final class SeparatelyInitializedJpaTokenStore extends JpaTokenStore {

    private final TransactionTemplate ownTransaction;

    public SeparatelyInitializedJpaTokenStore(
        JpaTokenStore.Builder builder, PlatformTransactionManager transactions) {
      super(builder);
      this.ownTransaction = new TransactionTemplate(transactions);
      ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    @Override
    public void initializeTokenSegments(
        String processorName, int segmentCount, TrackingToken initialToken) {
      try {
        ownTransaction.executeWithoutResult(
            status -> super.initializeTokenSegments(processorName, segmentCount, initialToken));
      } catch (UnableToClaimTokenException alreadyThere) {
        throw alreadyThere;
      } catch (RuntimeException lostTheRace) {
        throw new UnableToClaimTokenException(
            "Another node created the segments of processor " + processorName + " at the same time",
            lostTheRace);
      }
    }

    @Override
    public Optional<String> retrieveStorageIdentifier() {
      try {
        return ownTransaction.execute(status -> super.retrieveStorageIdentifier());
      } catch (RuntimeException lostTheRace) {
        // Another node inserted the identifier at the same moment and committed first: read it.
        return ownTransaction.execute(status -> super.retrieveStorageIdentifier());
      }
    }
  }
}
