package fr.guichet.api.upcasting;

import static org.assertj.core.api.Assertions.assertThat;

import fr.guichet.api.event.EventDomainEvent.SalesPausedEvent;
import fr.guichet.api.event.EventDomainEvent.SalesResumedEvent;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.jackson3.Jackson3Serializer;
import org.axonframework.serialization.upcasting.event.InitialEventRepresentation;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.junit.jupiter.api.Test;

/** Stored pauses of every revision read as the current {@link SalesPausedEvent}. */
class SalesPausedEventUpcasterTest {

  private final Serializer serializer = Jackson3Serializer.builder().build();

  @Test
  void a_revision_1_pause_as_stored_before_reasons_reads_as_a_pause_without_reason() {
    IntermediateEventRepresentation read =
        upcast(SalesPausedEvent.class, "1", "{\"eventId\":\"ev-1\"}");

    assertThat(read.getType().getRevision()).isEqualTo("2");
    assertThat((Object) serializer.deserialize(read.getData()))
        .isEqualTo(new SalesPausedEvent("ev-1", SalesPausedEvent.REASON_NOT_GIVEN));
  }

  @Test
  void a_revision_2_pause_keeps_its_reason() {
    IntermediateEventRepresentation read =
        upcast(SalesPausedEvent.class, "2", "{\"eventId\":\"ev-1\",\"reason\":\"storm\"}");

    assertThat((Object) serializer.deserialize(read.getData()))
        .isEqualTo(new SalesPausedEvent("ev-1", "storm"));
  }

  @Test
  void other_events_pass_through_unchanged() {
    IntermediateEventRepresentation read =
        upcast(SalesResumedEvent.class, "1", "{\"eventId\":\"ev-1\"}");

    assertThat(read.getType().getRevision()).isEqualTo("1");
    assertThat((Object) serializer.deserialize(read.getData()))
        .isEqualTo(new SalesResumedEvent("ev-1"));
  }

  @Test
  void the_current_class_is_written_as_revision_2() {
    assertThat(serializer.serialize(new SalesPausedEvent("ev-1", "storm"), byte[].class).getType())
        .isEqualTo(SalesPausedEventUpcaster.REVISION_2);
  }

  private IntermediateEventRepresentation upcast(Class<?> type, String revision, String json) {
    GenericDomainEventEntry<byte[]> stored =
        new GenericDomainEventEntry<>(
            "Event",
            "ev-1",
            7,
            "message-1",
            "2026-06-01T10:00:00Z",
            type.getName(),
            revision,
            json.getBytes(StandardCharsets.UTF_8),
            "{}".getBytes(StandardCharsets.UTF_8));
    List<IntermediateEventRepresentation> read =
        EventUpcasters.chain()
            .upcast(Stream.of(new InitialEventRepresentation(stored, serializer)))
            .toList();
    assertThat(read).hasSize(1);
    return read.get(0);
  }
}
