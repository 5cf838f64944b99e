package fr.guichet.command.ticket;

import static org.assertj.core.api.Assertions.assertThat;

import fr.guichet.api.event.EventDomainEvent.EventCreatedEvent;
import fr.guichet.api.event.EventDomainEvent.SalesOpenedEvent;
import fr.guichet.api.event.EventDomainEvent.SeatingPlanConfiguredEvent;
import fr.guichet.api.event.PriceCategory;
import fr.guichet.api.event.PriceTier;
import fr.guichet.api.event.SeatBlock;
import fr.guichet.api.event.SeatingPlan;
import fr.guichet.api.event.Section;
import fr.guichet.api.event.StandingZone;
import fr.guichet.command.ticket.PlaceNames.PlaceName;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.Test;

/** Place names for tickets and mails come from the Event's latest seating plan. */
class PlaceNamesTest {

  static final String EVENT = "festival-1";
  static final List<PriceCategory> CATEGORIES =
      List.of(new PriceCategory("OR", "Carré Or", List.of(new PriceTier("FULL", "Plein", 9000))));

  final EventStore store =
      EmbeddedEventStore.builder().storageEngine(new InMemoryEventStorageEngine()).build();
  final PlaceNames names = new PlaceNames(store);
  long sequence;

  static SeatingPlan plan(String sectionName) {
    return new SeatingPlan(
        CATEGORIES,
        List.of(
            new Section("ORCH", sectionName, List.of(new SeatBlock("A-C", 1, 12, "OR", Set.of())))),
        List.of(new StandingZone("FOSSE", "Fosse", 50, "OR")));
  }

  void stored(Object payload) {
    store.publish(new GenericDomainEventMessage<>("Event", EVENT, sequence++, payload));
  }

  @Test
  void seats_are_named_by_section_row_and_number_and_standing_places_by_zone_and_number() {
    stored(new EventCreatedEvent(EVENT, "Festival", "Grande Halle", Instant.EPOCH, ""));
    stored(new SeatingPlanConfiguredEvent(EVENT, plan("Orchestre"), 86));

    Map<String, PlaceName> found = names.of(EVENT, List.of("ORCH-B-12", "FOSSE-17", "ORCH-Z-1"));

    assertThat(found)
        .containsOnlyKeys("ORCH-B-12", "FOSSE-17")
        .containsEntry("ORCH-B-12", new PlaceName("ORCH-B-12", "Orchestre", "B", 12))
        .containsEntry("FOSSE-17", new PlaceName("FOSSE-17", "Fosse", null, 17));
    assertThat(found.get("ORCH-B-12").label(false)).isEqualTo("Orchestre, rang B, place 12");
    assertThat(found.get("ORCH-B-12").label(true)).isEqualTo("Orchestre, row B, seat 12");
    assertThat(found.get("FOSSE-17").label(false)).isEqualTo("Fosse (place debout n° 17)");
    assertThat(found.get("FOSSE-17").label(true)).isEqualTo("Fosse (standing place no. 17)");
    assertThat(PlaceName.labelOf(found, "ORCH-Z-1", false)).isEqualTo("ORCH-Z-1");
  }

  @Test
  void a_plan_configured_after_an_earlier_lookup_renames_the_places() {
    stored(new EventCreatedEvent(EVENT, "Festival", "Grande Halle", Instant.EPOCH, ""));
    stored(new SeatingPlanConfiguredEvent(EVENT, plan("Orchestre"), 86));
    assertThat(names.of(EVENT, List.of("ORCH-A-1")).get("ORCH-A-1").area()).isEqualTo("Orchestre");

    stored(new SalesOpenedEvent(EVENT));
    stored(new SeatingPlanConfiguredEvent(EVENT, plan("Parterre"), 86));

    assertThat(names.of(EVENT, List.of("ORCH-A-1")).get("ORCH-A-1").label(false))
        .isEqualTo("Parterre, rang A, place 1");
  }

  @Test
  void an_event_without_a_plan_names_nothing() {
    assertThat(names.of("unknown-event", List.of("ORCH-A-1"))).isEmpty();
  }
}
