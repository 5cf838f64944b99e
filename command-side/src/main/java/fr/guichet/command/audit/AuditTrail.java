package fr.guichet.command.audit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** Reads the event store for auditors: never writes, never decides. */
@Component
public class AuditTrail {

  /** What to look for in the global stream; null fields match everything. */
  public record Filter(String type, Instant from, Instant to, String actorId, Long after) {

    boolean matches(AuditedEvent event) {
      return (type == null || type.equals(event.type()))
          && (to == null || !event.timestamp().isAfter(to))
          && (actorId == null || actorId.equals(event.metaData().get("actorId")))
          && (after == null || (event.globalIndex() != null && event.globalIndex() > after));
    }
  }

  private final EventStore eventStore;
  private final JsonMapper json;

  public AuditTrail(EventStore eventStore, JsonMapper json) {
    this.eventStore = eventStore;
    this.json = json;
  }

  /** The ordered stream of one aggregate (an Event, an order, a rule set). */
  public List<AuditedEvent> aggregate(String aggregateId) {
    List<AuditedEvent> events = new ArrayList<>();
    DomainEventStream stream = eventStore.readEvents(aggregateId);
    stream.forEachRemaining(message -> events.add(audited(message, null)));
    return events;
  }

  public List<DomainEventMessage<?>> domainHistory(String aggregateId) {
    List<DomainEventMessage<?>> events = new ArrayList<>();
    eventStore.readEvents(aggregateId).forEachRemaining(events::add);
    return events;
  }

  /** Up to {@code limit} events of the whole store matching {@code filter}, oldest first. */
  public List<AuditedEvent> search(Filter filter, int limit) {
    List<AuditedEvent> page = new ArrayList<>();
    scan(filter, event -> page.size() < limit, page::add);
    return page;
  }

  /** Every event matching {@code filter}, handed to {@code sink} one by one (export). */
  public void export(Filter filter, Consumer<AuditedEvent> sink) {
    scan(filter, event -> true, sink);
  }

  private void scan(Filter filter, Predicate<AuditedEvent> wantsMore, Consumer<AuditedEvent> sink) {
    TrackingToken start = filter.from() == null ? null : eventStore.createTokenAt(filter.from());
    try (BlockingStream<TrackedEventMessage<?>> stream = eventStore.openStream(start)) {
      while (stream.hasNextAvailable()) {
        TrackedEventMessage<?> message = stream.nextAvailable();
        Long index =
            message.trackingToken() == null
                ? null
                : message.trackingToken().position().stream().boxed().findFirst().orElse(null);
        AuditedEvent event = audited(message, index);
        if (filter.to() != null && event.timestamp().isAfter(filter.to())) {
          return;
        }
        if (filter.matches(event)) {
          if (!wantsMore.test(event)) {
            return;
          }
          sink.accept(event);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while reading the event store", e);
    }
  }

  private AuditedEvent audited(EventMessage<?> message, Long globalIndex) {
    String aggregateType = null;
    String aggregateId = null;
    Long sequence = null;
    if (message instanceof DomainEventMessage<?> domain) {
      aggregateType = domain.getType();
      aggregateId = domain.getAggregateIdentifier();
      sequence = domain.getSequenceNumber();
    }
    return new AuditedEvent(
        globalIndex,
        aggregateType,
        aggregateId,
        sequence,
        message.getPayloadType().getSimpleName(),
        message.getTimestamp(),
        json.valueToTree(message.getPayload()),
        message.getMetaData());
  }
}
