package fr.guichet.command.abuse;

import fr.guichet.api.event.EventDomainEvent.PlacesHeldEvent;
import fr.guichet.api.event.EventDomainEvent.PurchaseCapExceededEvent;
import fr.guichet.api.payment.PaymentEvent.PaymentSucceededEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
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
 *   <li>{@code purchase-cap-exceeded}: a payment refused by the per-card or per-mailbox cap.
 * </ul>
 *
 * Events older than the monitor's window (a processor catching up on history) raise nothing. The
 * hold times are remembered for at most {@code guichet.abuse.max-subjects} recent holds.
 */
@Component
@ProcessingGroup(PaymentAbuseWatch.NAME)
class PaymentAbuseWatch {

  static final String NAME = "abuse-watch";

  private final AbuseMonitor monitor;
  private final Clock clock;
  private final Duration minCheckout;
  private final Duration window;
  private final Map<String, Instant> heldAt;

  PaymentAbuseWatch(
      AbuseMonitor monitor,
      ObjectProvider<Clock> clock,
      @Value("${guichet.abuse.min-checkout:PT5S}") Duration minCheckout,
      @Value("${guichet.abuse.window:PT10M}") Duration window,
      @Value("${guichet.abuse.max-subjects:100000}") int maxHolds) {
    this.monitor = monitor;
    this.clock = clock.getIfAvailable(Clock::systemUTC);
    this.minCheckout = minCheckout;
    this.window = window;
    this.heldAt =
        new LinkedHashMap<>() {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, Instant> eldest) {
            return size() > maxHolds;
          }
        };
  }

  @EventHandler
  void on(PlacesHeldEvent event, @Timestamp Instant at) {
    if (recent(at)) {
      synchronized (heldAt) {
        heldAt.put(event.orderId(), at);
      }
    }
  }

  @EventHandler
  void on(PaymentSucceededEvent event, @Timestamp Instant at) {
    if (!recent(at)) {
      return;
    }
    Instant held;
    synchronized (heldAt) {
      held = heldAt.remove(event.orderId());
    }
    if (held != null && event.customerId() != null) {
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

  private boolean recent(Instant at) {
    return !at.isBefore(clock.instant().minus(window));
  }
}
