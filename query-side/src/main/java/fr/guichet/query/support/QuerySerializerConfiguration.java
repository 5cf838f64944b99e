package fr.guichet.query.support;

import org.axonframework.serialization.jackson3.Jackson3SerializerCustomizer;
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
