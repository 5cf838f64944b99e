package fr.guichet.command.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.junit.jupiter.api.Test;

/** An Event's deadlines learn from the store whether it holds events their copy has not seen. */
class EventStoreVersionTest {

  @Test
  void tells_whether_an_event_is_stored_beyond_a_sequence_number() throws SQLException {
    try (H2EventStore h2 = new H2EventStore()) {
      EmbeddedEventStore store = EmbeddedEventStore.builder().storageEngine(h2.engine).build();
      try {
        for (long sequence = 0; sequence < 3; sequence++) {
          store.publish(new GenericDomainEventMessage<>("Event", "ev-1", sequence, "e" + sequence));
        }
        EventStoreVersion version = new EventStoreVersion(store);

        assertThat(version.storedBeyond("ev-1", -1)).isTrue();
        assertThat(version.storedBeyond("ev-1", 1)).isTrue();
        assertThat(version.storedBeyond("ev-1", 2)).isFalse();
        assertThat(version.storedBeyond("ev-2", -1)).isFalse();
      } finally {
        store.shutDown();
      }
    }
  }
}
