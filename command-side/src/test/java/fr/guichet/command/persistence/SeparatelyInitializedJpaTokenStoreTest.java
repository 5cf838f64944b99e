package fr.guichet.command.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.guichet.command.persistence.TokenStoreConfiguration.SeparatelyInitializedJpaTokenStore;
import jakarta.persistence.EntityManagerFactory;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.axonframework.common.jpa.SimpleEntityManagerProvider;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;
import org.axonframework.eventhandling.tokenstore.jpa.JpaTokenStore;
import org.axonframework.serialization.jackson3.Jackson3Serializer;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.orm.jpa.JpaTransactionManager;
import org.springframework.orm.jpa.LocalContainerEntityManagerFactoryBean;
import org.springframework.orm.jpa.SharedEntityManagerCreator;
import org.springframework.orm.jpa.vendor.HibernateJpaVendorAdapter;
import org.springframework.transaction.UnexpectedRollbackException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Two nodes create the same processor's segments at the same moment, on a real Hibernate token
 * store: the second node's insert waits on the first node's uncommitted rows and then fails. The
 * loser must be told "unable to claim" with its caller's transaction still good, so that Axon's
 * processor retries and finds the winner's segments; with Axon's plain JPA store the caller's
 * transaction is doomed and the node fails to start.
 */
class SeparatelyInitializedJpaTokenStoreTest {

  private static final String PROCESSOR = "payment-confirmation";

  private LocalContainerEntityManagerFactoryBean factoryBean;
  private JpaTransactionManager transactions;
  private JpaTokenStore.Builder storeSettings;

  @BeforeEach
  void tokenTablesOnH2() {
    JdbcDataSource dataSource = new JdbcDataSource();
    dataSource.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000");
    dataSource.setUser("sa");
    factoryBean = new LocalContainerEntityManagerFactoryBean();
    factoryBean.setDataSource(dataSource);
    factoryBean.setJpaVendorAdapter(new HibernateJpaVendorAdapter());
    factoryBean.setPackagesToScan("org.axonframework.eventhandling.tokenstore.jpa");
    factoryBean.setJpaPropertyMap(Map.of("hibernate.hbm2ddl.auto", "create"));
    factoryBean.afterPropertiesSet();
    EntityManagerFactory factory = factoryBean.getObject();
    transactions = new JpaTransactionManager(factory);
    storeSettings =
        JpaTokenStore.builder()
            .entityManagerProvider(
                new SimpleEntityManagerProvider(
                    SharedEntityManagerCreator.createSharedEntityManager(factory)))
            .serializer(Jackson3Serializer.builder().build());
  }

  @AfterEach
  void close() {
    factoryBean.destroy();
  }

  @Test
  void theNodeThatLosesTheRaceIsToldToRetryAndItsTransactionStillCommits() throws Exception {
    JpaTokenStore store = new SeparatelyInitializedJpaTokenStore(storeSettings, transactions);

    Throwable outcome = loseTheRaceWith(store);

    assertThat(outcome).isInstanceOf(UnableToClaimTokenException.class);
    int[] segmentsSeenOnRetry =
        new TransactionTemplate(transactions).execute(status -> store.fetchSegments(PROCESSOR));
    assertThat(segmentsSeenOnRetry).containsExactly(0, 1, 2, 3);
  }

  @Test
  void axonsPlainJpaStoreDoomsTheCallersTransaction() throws Exception {
    Throwable outcome = loseTheRaceWith(storeSettings.build());

    assertThat(outcome).isInstanceOf(UnexpectedRollbackException.class);
  }

  @Test
  void aSingleNodeCreatesTheSegmentsAsAxonDoes() {
    JpaTokenStore store = new SeparatelyInitializedJpaTokenStore(storeSettings, transactions);
    TransactionTemplate inTransaction = new TransactionTemplate(transactions);

    inTransaction.executeWithoutResult(status -> store.initializeTokenSegments(PROCESSOR, 4));

    int[] segments = inTransaction.execute(status -> store.fetchSegments(PROCESSOR));
    assertThat(segments).containsExactly(0, 1, 2, 3);
    assertThatThrownBy(
            () ->
                inTransaction.executeWithoutResult(
                    status -> store.initializeTokenSegments(PROCESSOR, 4)))
        .isInstanceOf(UnableToClaimTokenException.class);
  }

  @Test
  void twoNodesAskingForTheStoresIdentifierAtOnceBothGetTheWinnersAndNeitherTransactionIsHarmed()
      throws Exception {
    JpaTokenStore store = new SeparatelyInitializedJpaTokenStore(storeSettings, transactions);
    CompletableFuture<String> otherNode =
        otherNodeCommittingLate(
            () -> storeSettings.build().retrieveStorageIdentifier().orElseThrow());

    String ours =
        new TransactionTemplate(transactions)
            .execute(status -> store.retrieveStorageIdentifier().orElseThrow());

    assertThat(ours).isEqualTo(otherNode.get(10, TimeUnit.SECONDS));
    String askedAgain =
        new TransactionTemplate(transactions)
            .execute(status -> store.retrieveStorageIdentifier().orElseThrow());
    assertThat(askedAgain).isEqualTo(ours);
  }

  @Test
  void axonsPlainJpaStoreFailsTheSecondNodeAskingForTheIdentifier() throws Exception {
    CompletableFuture<Optional<String>> otherNode =
        otherNodeCommittingLate(() -> storeSettings.build().retrieveStorageIdentifier());

    try {
      assertThatThrownBy(
              () ->
                  new TransactionTemplate(transactions)
                      .execute(status -> storeSettings.build().retrieveStorageIdentifier()))
          .isInstanceOf(RuntimeException.class);
    } finally {
      otherNode.get(10, TimeUnit.SECONDS);
    }
  }

  /**
   * As Axon's pooled processor does on start: in one transaction, look for segments, create them
   * and swallow a failure. Meanwhile another node has inserted the same segments and commits a
   * moment after this node's insert began waiting on them. Returns what the caller finally sees:
   * the swallowed failure when the commit succeeds, or the commit's own failure.
   */
  private Throwable loseTheRaceWith(JpaTokenStore store) throws Exception {
    CompletableFuture<Boolean> otherNode =
        otherNodeCommittingLate(
            () -> {
              storeSettings.build().initializeTokenSegments(PROCESSOR, 4);
              return true;
            });

    Throwable[] swallowed = new Throwable[1];
    try {
      new TransactionTemplate(transactions)
          .executeWithoutResult(
              status -> {
                if (store.fetchSegments(PROCESSOR).length == 0) {
                  try {
                    store.initializeTokenSegments(PROCESSOR, 4);
                  } catch (Exception e) {
                    swallowed[0] = e;
                  }
                }
              });
    } catch (RuntimeException commitFailed) {
      return commitFailed;
    } finally {
      otherNode.get(10, TimeUnit.SECONDS);
    }
    return swallowed[0];
  }

  /**
   * Another node does {@code work} in its transaction and commits half a second later; returns once
   * the work is done (its rows written, not yet committed).
   */
  private <T> CompletableFuture<T> otherNodeCommittingLate(Supplier<T> work) throws Exception {
    CountDownLatch done = new CountDownLatch(1);
    CompletableFuture<T> otherNode =
        CompletableFuture.supplyAsync(
            () ->
                new TransactionTemplate(transactions)
                    .execute(
                        status -> {
                          T result = work.get();
                          done.countDown();
                          sleep(500);
                          return result;
                        }));
    assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
    return otherNode;
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
