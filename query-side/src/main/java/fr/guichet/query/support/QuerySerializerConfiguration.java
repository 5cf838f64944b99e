package fr.guichet.query.support;

import fr.guichet.api.upcasting.EventUpcasters;
import org.axonframework.serialization.jackson3.Jackson3SerializerCustomizer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.jsontype.BasicPolymorphicTypeValidator;

/**
 * The views' tracking tokens are stored in MongoDB with their class name (a gap-aware token holds
 * its gaps as a set). Jackson 3 refuses to resolve such names without an allow-list, which stopped
 * every view of the query service running alone at its first stored token; the command side has the
 * same list for its own stores.
 */
@Configuration(proxyBeanMethods = false)
public class QuerySerializerConfiguration {

  /**
   * Old revisions of stored events become the current classes before any view sees them
   * (docs/adr/0703), whichever store the events come from (Axon Server, the shared PostgreSQL
   * store, the embedded one). In the standalone platform the command side declares the same chain
   * and only the first declaration counts, so each upcaster runs once.
   */
  @Bean
  @ConditionalOnMissingBean(name = "guichetEventUpcasters")
  public EventUpcaster guichetEventUpcasters() {
    return EventUpcasters.chain();
  }

  @Bean
  public Jackson3SerializerCustomizer querySideTypeValidator() {
    return builder ->
        builder.polymorphicTypeValidator(
            BasicPolymorphicTypeValidator.builder()
                .allowIfSubType("org.axonframework.")
                .allowIfSubType("fr.guichet.")
                .allowIfSubType("java.util.")
                .allowIfSubType("java.lang.")
                .allowIfSubType("java.time.")
                .build());
  }
}
