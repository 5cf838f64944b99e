package fr.guichet.command.order;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.annotation.Annotation;
import java.lang.reflect.AccessibleObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Orders are built without Spring (see {@link OrderAggregateConfiguration}); that holds only while
 * an Order asks Spring for nothing.
 */
class OrderAggregateConfigurationTest {

  private static final Set<String> INJECTION =
      Set.of("Autowired", "Value", "Inject", "Resource", "PersistenceContext");

  @Test
  void an_order_has_nothing_for_spring_to_inject() {
    List<String> injected = new ArrayList<>();
    Stream.of(Order.class.getDeclaredFields(), Order.class.getDeclaredMethods())
        .flatMap(Stream::of)
        .map(AccessibleObject.class::cast)
        .forEach(
            member -> {
              for (Annotation annotation : member.getAnnotations()) {
                if (INJECTION.contains(annotation.annotationType().getSimpleName())) {
                  injected.add(member + " @" + annotation.annotationType().getSimpleName());
                }
              }
            });
    assertThat(injected).isEmpty();
    assertThat(Order.class.getSuperclass()).isEqualTo(Object.class);
  }
}
