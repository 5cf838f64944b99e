package fr.guichet.command.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import org.axonframework.common.IdentifierFactory;
import org.axonframework.eventhandling.GenericEventMessage;
import org.junit.jupiter.api.Test;

class TimeOrderedIdentifierFactoryTest {

  private final TimeOrderedIdentifierFactory identifiers = new TimeOrderedIdentifierFactory();

  @Test
  void axon_names_its_messages_with_it() {
    assertThat(IdentifierFactory.getInstance()).isInstanceOf(TimeOrderedIdentifierFactory.class);
    String eventId = new GenericEventMessage<>("payload").getIdentifier();
    assertThat(UUID.fromString(eventId).version()).isEqualTo(7);
  }

  @Test
  void identifiers_sort_in_the_order_they_were_made_as_the_database_compares_them() {
    List<String> made = new ArrayList<>();
    for (int i = 0; i < 100_000; i++) {
      made.add(identifiers.generateIdentifier());
    }

    assertThat(made).isSorted();
    assertThat(new HashSet<>(made)).hasSize(made.size());
    assertThat(made).allSatisfy(id -> assertThat(UUID.fromString(id).toString()).isEqualTo(id));
  }

  @Test
  void identifiers_made_on_many_threads_at_once_are_all_different() {
    Set<String> made = ConcurrentHashMap.newKeySet();
    IntStream.range(0, 200_000).parallel().forEach(i -> made.add(identifiers.generateIdentifier()));

    assertThat(made).hasSize(200_000);
  }

  @Test
  void an_identifier_starts_with_the_time_it_was_made() {
    long before = System.currentTimeMillis();
    UUID id = UUID.fromString(identifiers.generateIdentifier());
    long after = System.currentTimeMillis();

    long millis = id.getMostSignificantBits() >>> 16;
    assertThat(millis).isBetween(before, after);
  }
}
