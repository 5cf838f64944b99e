package fr.guichet.command.operations;

import fr.guichet.api.event.EventDomainEvent.HeldPlacesSoldEvent;
import fr.guichet.api.event.EventDomainEvent.HoldExpiredEvent;
import fr.guichet.api.event.EventDomainEvent.HoldReleasedEvent;
import fr.guichet.api.event.EventDomainEvent.LatePaymentAcceptedEvent;
import fr.guichet.api.event.EventDomainEvent.PaymentAfterHoldEndedEvent;
import fr.guichet.api.event.EventDomainEvent.PlacesHeldEvent;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;

/**
 * Counts what happens to places as it happens on this node (subscribing processor, never replayed):
 * holds and held places, sales, releases, expiries and late payments, for the Prometheus endpoint.
 * Refused holds are counted where they are answered (HTTP 409).
 */
@Component
@ProcessingGroup("booking-metrics")
class BookingMetrics {

  private final MeterRegistry registry;

  BookingMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  @EventHandler
  void on(PlacesHeldEvent event) {
    registry.counter("guichet.holds", "outcome", "held").increment();
    registry.counter("guichet.places", "change", "held").increment(event.placeIds().size());
  }

  @EventHandler
  void on(HeldPlacesSoldEvent event) {
    registry.counter("guichet.holds", "outcome", "sold").increment();
    registry.counter("guichet.places", "change", "sold").increment(event.placeIds().size());
  }

  @EventHandler
  void on(LatePaymentAcceptedEvent event) {
    registry.counter("guichet.holds", "outcome", "sold-after-expiry").increment();
    registry.counter("guichet.places", "change", "sold").increment(event.placeIds().size());
  }

  @EventHandler
  void on(HoldReleasedEvent event) {
    registry.counter("guichet.holds", "outcome", "released").increment();
  }

  @EventHandler
  void on(HoldExpiredEvent event) {
    registry.counter("guichet.holds", "outcome", "expired").increment();
  }

  @EventHandler
  void on(PaymentAfterHoldEndedEvent event) {
    registry.counter("guichet.payments.after-hold-ended").increment();
  }
}
