package fr.guichet.command.ticket;

import fr.guichet.api.event.EventDomainEvent.SeatingPlanConfiguredEvent;
import fr.guichet.api.event.PlaceDefinition;
import fr.guichet.api.event.PlaceKind;
import fr.guichet.api.event.SeatingPlan;
import fr.guichet.api.event.Section;
import fr.guichet.api.event.StandingZone;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

/**
 * The names of places as their Event's seating plan gives them ("Orchestre", row "A", seat "5") for
 * tickets and mails, which would otherwise show place ids ("ORCH-A-5"). The plan is the last one
 * configured in the Event's stored history; each Event's history is read once, then only its new
 * events (a plan may change while sales are open), and a few Events' plans are kept.
 */
@Component
public class PlaceNames {

  /**
   * A place as a person reads it.
   *
   * @param area the section's name for a seat, the standing zone's name for a standing place
   * @param row the row label of a seat; null for a standing place
   * @param number the seat number in its row, or the place number in its zone
   */
  public record PlaceName(String placeId, String area, String row, int number) {

    public boolean standing() {
      return row == null;
    }

    /** "Orchestre, rang A, place 5" or "Fosse (place debout n° 17)"; {@code en}: in English. */
    public String label(boolean en) {
      if (standing()) {
        return area + (en ? " (standing place no. " : " (place debout n° ") + number + ")";
      }
      return area + (en ? ", row " : ", rang ") + row + (en ? ", seat " : ", place ") + number;
    }

    /** The label of {@code placeId} from {@code names}, or the id itself when it has no name. */
    public static String labelOf(Map<String, PlaceName> names, String placeId, boolean en) {
      PlaceName name = names.get(placeId);
      return name == null ? placeId : name.label(en);
    }
  }

  private static final int EVENTS_KEPT = 16;

  /** How far one Event's history was read, and the last plan found in it. */
  private static final class Reading {
    long nextSequence;
    SeatingPlan plan;

    /** Every place of {@link #plan} by id, built on first use: a plan may hold 50,000 places. */
    Map<String, PlaceDefinition> placesById;

    void planIs(SeatingPlan newPlan) {
      plan = newPlan;
      placesById = null;
    }

    Map<String, PlaceDefinition> placesById() {
      if (placesById == null) {
        Map<String, PlaceDefinition> byId = new HashMap<>();
        for (PlaceDefinition place : plan.places()) {
          byId.put(place.id(), place);
        }
        placesById = byId;
      }
      return placesById;
    }
  }

  private final EventStore eventStore;
  private final Map<String, Reading> readings =
      new LinkedHashMap<>(EVENTS_KEPT * 2, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Reading> eldest) {
          return size() > EVENTS_KEPT;
        }
      };

  public PlaceNames(EventStore eventStore) {
    this.eventStore = eventStore;
  }

  /** The names of {@code placeIds} in the Event's current plan; places it lacks are left out. */
  public Map<String, PlaceName> of(String eventId, Collection<String> placeIds) {
    Map<String, PlaceName> names = new HashMap<>();
    if (placeIds.isEmpty()) {
      return names;
    }
    Reading reading = currentReading(eventId);
    SeatingPlan plan;
    Map<String, PlaceDefinition> placesById;
    synchronized (reading) {
      plan = reading.plan;
      if (plan == null) {
        return names;
      }
      placesById = reading.placesById();
    }
    Map<String, String> areaNames = new HashMap<>();
    for (Section section : plan.sections()) {
      areaNames.put(section.code(), section.name());
    }
    for (StandingZone zone : plan.zones()) {
      areaNames.put(zone.code(), zone.name());
    }
    for (String placeId : new HashSet<>(placeIds)) {
      PlaceDefinition place = placesById.get(placeId);
      if (place != null) {
        String area = areaNames.getOrDefault(place.area(), place.area());
        names.put(
            place.id(),
            new PlaceName(
                place.id(),
                area,
                place.kind() == PlaceKind.SEAT ? place.row() : null,
                place.number()));
      }
    }
    return names;
  }

  private Reading currentReading(String eventId) {
    Reading reading;
    synchronized (readings) {
      reading = readings.computeIfAbsent(eventId, id -> new Reading());
    }
    synchronized (reading) {
      DomainEventStream stream = eventStore.readEvents(eventId, reading.nextSequence);
      while (stream.hasNext()) {
        DomainEventMessage<?> message = stream.next();
        reading.nextSequence = message.getSequenceNumber() + 1;
        if (SeatingPlanConfiguredEvent.class.equals(message.getPayloadType())) {
          reading.planIs(((SeatingPlanConfiguredEvent) message.getPayload()).plan());
        }
      }
      return reading;
    }
  }
}
