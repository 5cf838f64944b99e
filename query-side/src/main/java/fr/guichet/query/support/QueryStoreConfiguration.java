package fr.guichet.query.support;

import java.util.ArrayList;
import java.util.List;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.eventsourcing.tokenstore.MongoTokenStore;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.MongoDatabaseFactory;

/**
 * The tracking tokens of every query-side processor live in MongoDB beside the views they feed, so
 * a view and its position move together (a rebuild resets both). Other processors (the command
 * side's) keep the default token store. Each view is a single-threaded tracking processor.
 */
@Configuration(proxyBeanMethods = false)
public class QueryStoreConfiguration {

  public static final String TOKEN_COLLECTION = "tracking_tokens";
  private static final String QUERY_PACKAGE = "fr.guichet.query.";

  /**
   * Events handled per unit of work and token write when a view lags behind (property {@code
   * guichet.views.batch-size}). The views fold a batch's changes per document and write each
   * collection once per batch ({@link DocumentBatch}), so a larger batch means fewer round trips;
   * writes are guarded by the documents' versions, so a batch retried after a failure changes
   * nothing it had already applied.
   */
  static final int BATCH_SIZE = 250;

  @Autowired
  void tokenStoresNextToViews(
      EventProcessingConfigurer processing,
      ConfigurableListableBeanFactory beans,
      ObjectProvider<MongoDatabaseFactory> databases,
      @Value("${guichet.views.batch-size:" + BATCH_SIZE + "}") int batchSize) {
    TokenStoreHolder holder = new TokenStoreHolder(databases);
    for (String group : queryProcessingGroups(beans)) {
      processing.registerTokenStore(group, configuration -> holder.get(configuration));
      processing.registerTrackingEventProcessorConfiguration(
          group,
          configuration ->
              TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                  .andBatchSize(batchSize));
    }
  }

  /** Processing groups declared by beans of the query side. */
  static List<String> queryProcessingGroups(ConfigurableListableBeanFactory beans) {
    List<String> groups = new ArrayList<>();
    for (String name : beans.getBeanNamesForAnnotation(ProcessingGroup.class)) {
      Class<?> type = beans.getType(name);
      ProcessingGroup group = beans.findAnnotationOnBean(name, ProcessingGroup.class);
      if (type != null
          && group != null
          && type.getName().startsWith(QUERY_PACKAGE)
          && !groups.contains(group.value())) {
        groups.add(group.value());
      }
    }
    return groups;
  }

  private static final class TokenStoreHolder {
    private final ObjectProvider<MongoDatabaseFactory> databases;
    private TokenStore store;

    TokenStoreHolder(ObjectProvider<MongoDatabaseFactory> databases) {
      this.databases = databases;
    }

    synchronized TokenStore get(org.axonframework.config.Configuration configuration) {
      if (store == null) {
        store =
            new TokenWrittenAfterViews(
                MongoTokenStore.builder()
                    .mongoTemplate(
                        DefaultMongoTemplate.builder()
                            .mongoDatabase(databases.getObject().getMongoDatabase())
                            .trackingTokensCollectionName(TOKEN_COLLECTION)
                            .build())
                    .serializer(configuration.serializer())
                    .build());
      }
      return store;
    }
  }
}
