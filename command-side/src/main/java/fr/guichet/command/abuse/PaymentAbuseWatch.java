package fr.guichet.command.abuse;

import fr.guichet.api.event.EventDomainEvent.PlacesHeldEvent;
import fr.guichet.api.event.EventDomainEvent.PurchaseCapExceededEvent;
import fr.guichet.api.payment.PaymentEvent.PaymentSucceededEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Watches holds and payments of every node (tracking processor {@value #NAME}) for what a bot does
 * and a person does not:
 *
 * <ul>
 *   <li>{@code too-fast-checkout}: the bank took the money less than {@code
 *       guichet.abuse.min-checkout} (default 5 s) after the places were held, faster than anyone
 *       can choose, type a name and a card number (OWASP OAT-005 "penalise rapid purchases");
 *   <li>{@code many-accounts-one-card}: several accounts paying with one card, through {@link
 *       AbuseMonitor#sawCardPayment};
 *   <li>{@code purchase-cap-exceeded}: a payment refused by the per-card or per-mailbox cap;
 *   <li>{@code many-accounts-one-device}: several accounts holding places of one event from one
 *       device (the hashed device cookie that the hold carries in its metadata, {@code deviceId}),
 *       through {@link AbuseMonitor#sawDevice}.
 * </ul>
 *
 * Events older than the monitor's window (a processor catching up on history) raise nothing. When a
 * payment succeeds, the time of its hold is read from the event store (the first event of the
 * hold's {@code Order}, stored in the hold's unit of work), not from memory: a payment after a
 * restart of this node is judged like any other, and nothing grows with the number of holds.
 */
@Component
@ProcessingGroup(PaymentAbuseWatch.NAME)
class PaymentAbuseWatch {

  static final String NAME = "abuse-watch";

  private final AbuseMonitor monitor;
  private final EventStore eventStore;
  private final Clock clock;
  private final Duration minCheckout;
  private final Duration window;

  PaymentAbuseWatch(
      AbuseMonitor monitor,
      EventStore eventStore,
      ObjectProvider<Clock> clock,
      @Value("${guichet.abuse.min-checkout:PT5S}") Duration minCheckout,
      @Value("${guichet.abuse.window:PT10M}") Duration window) {
    this.monitor = monitor;
    this.eventStore = eventStore;
    this.clock = clock.getIfAvailable(Clock::systemUTC);
    this.minCheckout = minCheckout;
    this.window = window;
  }

  @EventHandler
  void on(
      PlacesHeldEvent event,
      @Timestamp Instant at,
      @MetaDataValue(value = "deviceId", required = false) String deviceId) {
    if (recent(at)) {
      monitor.sawDevice(deviceId, event.customerId(), event.eventId());
    }
  }

  @EventHandler
  void on(PaymentSucceededEvent event, @Timestamp Instant at) {
    if (!recent(at)) {
      return;
    }
    Optional<Instant> heldAt =
        event.customerId() == null ? Optional.empty() : heldAt(event.orderId());
    if (heldAt.isPresent()) {
      Instant held = heldAt.get();
      Duration taken = Duration.between(held, at);
      if (taken.compareTo(minCheckout) < 0) {
        monitor.signal(
            "too-fast-checkout",
            event.customerId(),
            event.eventId(),
            "Paid "
                + taken.toMillis()
                + " ms after holding (order "
                + event.orderId()
                + "); a person needs at least "
                + minCheckout.toSeconds()
                + " s.");
      }
    }
    monitor.sawCardPayment(event.cardFingerprint(), event.customerId(), event.eventId());
  }

  @EventHandler
  void on(PurchaseCapExceededEvent event, @Timestamp Instant at) {
    if (recent(at)) {
      monitor.signal(
          "purchase-cap-exceeded",
          event.customerId(),
          event.eventId(),
          "Payment "
              + event.paymentReference()
              + " refused: this "
              + (event.cap() == fr.guichet.api.event.EventDomainEvent.PurchaseCap.CARD
                  ? "card"
                  : "e-mail address")
              + " already bought "
              + event.alreadyBought()
              + " of "
              + event.limit()
              + " places.");
    }
  }

  /**
   * When the order was held: the timestamp of its {@code Order}'s first event, which the hold
   * created in its own unit of work (ADR 0005). Empty for an order this store does not know.
   */
  private Optional<Instant> heldAt(String orderId) {
    if (orderId == null) {
      return Optional.empty();
    }
    DomainEventStream stream = eventStore.readEvents(orderId, 0);
    return stream.hasNext() ? Optional.of(stream.next().getTimestamp()) : Optional.empty();
  }

  private boolean recent(Instant at) {
    return !at.isBefore(clock.instant().minus(window));
  }
}
