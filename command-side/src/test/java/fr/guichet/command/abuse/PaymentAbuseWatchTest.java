package fr.guichet.command.abuse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;

import fr.guichet.api.abuse.AbuseSignalRecordedEvent;
import fr.guichet.api.event.EventDomainEvent.PlacesHeldEvent;
import fr.guichet.api.event.EventDomainEvent.PurchaseCap;
import fr.guichet.api.event.EventDomainEvent.PurchaseCapExceededEvent;
import fr.guichet.api.order.OrderDomainEvent.OrderCreatedEvent;
import fr.guichet.api.payment.PaymentEvent.PaymentSucceededEvent;
import fr.guichet.api.payment.PaymentEvent.Source;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.gateway.EventGateway;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.GenericMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;

class PaymentAbuseWatchTest {

  private static final Instant NOW = Instant.parse("2027-03-01T10:00:00Z");
  private final List<AbuseSignalRecordedEvent> recorded = new CopyOnWriteArrayList<>();
  private final EmbeddedEventStore eventStore =
      EmbeddedEventStore.builder().storageEngine(new InMemoryEventStorageEngine()).build();
  private PaymentAbuseWatch watch;

  @AfterEach
  void closeStore() {
    eventStore.shutDown();
  }

  @BeforeEach
  void setUp() {
    watch = newWatch();
  }

  /** A watch as a node starts it: nothing in memory, the event store as it is. */
  private PaymentAbuseWatch newWatch() {
    EventGateway events = mock(EventGateway.class);
    doAnswer(
            call -> {
              for (Object o : call.getArguments()) {
                if (o instanceof AbuseSignalRecordedEvent e) {
                  recorded.add(e);
                } else if (o instanceof Object[] many) {
                  for (Object each : many) {
                    recorded.add((AbuseSignalRecordedEvent) each);
                  }
                }
              }
              return null;
            })
        .when(events)
        .publish(any(Object[].class));
    ObjectProvider<Clock> clock = fixed(Clock.fixed(NOW, ZoneOffset.UTC));
    AbuseMonitor monitor =
        new AbuseMonitor(
            events,
            NoTransactionManager.INSTANCE,
            clock,
            Duration.ofMinutes(10),
            20,
            5,
            /* accountsPerCard= */ 2,
            /* accountsPerDevice= */ 2,
            1000);
    return new PaymentAbuseWatch(
        monitor, eventStore, clock, Duration.ofSeconds(5), Duration.ofMinutes(10));
  }

  private static ObjectProvider<Clock> fixed(Clock clock) {
    return new ObjectProvider<>() {
      @Override
      public Clock getObject(Object... args) {
        return clock;
      }

      @Override
      public Clock getIfAvailable() {
        return clock;
      }

      @Override
      public Clock getIfUnique() {
        return clock;
      }

      @Override
      public Clock getObject() {
        return clock;
      }
    };
  }

  /**
   * A hold at {@code at} as the Event stores it: its Order's first event in the event store (same
   * unit of work) and the PlacesHeldEvent the watch is handed.
   */
  private PlacesHeldEvent held(String order, String customer, Instant at) {
    eventStore.publish(
        new GenericDomainEventMessage<>(
            "Order",
            order,
            0,
            new GenericMessage<>(
                new OrderCreatedEvent(order, "ev-1", customer, List.of("ORCH-A-1"), NOW)),
            at));
    return new PlacesHeldEvent("ev-1", order, customer, List.of("ORCH-A-1"), NOW, "d");
  }

  private static PlacesHeldEvent heldFrom(String event, String order, String customer) {
    return new PlacesHeldEvent(event, order, customer, List.of("ORCH-A-1"), NOW, "d");
  }

  private static PaymentSucceededEvent paid(String order, String customer, String card) {
    return new PaymentSucceededEvent(
        "pay-" + order, order, "ev-1", 9000, "evt-" + order, Source.WEBHOOK, customer, card);
  }

  @Test
  void paying_two_seconds_after_holding_is_flagged_and_a_minute_is_not() {
    watch.on(held("o1", "bot", NOW.minusSeconds(60)), NOW.minusSeconds(60), null);
    watch.on(paid("o1", "bot", "fp_1"), NOW.minusSeconds(58));
    watch.on(held("o2", "person", NOW.minusSeconds(120)), NOW.minusSeconds(120), null);
    watch.on(paid("o2", "person", "fp_2"), NOW.minusSeconds(60));
    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(
            () ->
                assertThat(recorded)
                    .extracting(e -> e.kind() + " " + e.subject())
                    .containsExactly("too-fast-checkout bot"));
  }

  @Test
  void a_second_account_on_one_card_is_flagged_once_by_the_cards_fingerprint() {
    watch.on(paid("o1", "ann", "fp_shared"), NOW.minusSeconds(30));
    watch.on(paid("o2", "ann", "fp_shared"), NOW.minusSeconds(20));
    watch.on(paid("o3", "bea", "fp_shared"), NOW.minusSeconds(10));
    watch.on(paid("o4", "cyd", "fp_shared"), NOW.minusSeconds(5));
    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(
            () ->
                assertThat(recorded)
                    .extracting(e -> e.kind() + " " + e.subject() + " " + e.eventId())
                    .containsExactly("many-accounts-one-card fp_shared ev-1"));
  }

  @Test
  void a_refused_purchase_is_flagged_and_history_older_than_the_window_is_not() {
    watch.on(
        new PurchaseCapExceededEvent(
            "ev-1", "o9", "old", List.of("A"), "pay-9", PurchaseCap.CARD, 4, 4),
        NOW.minus(Duration.ofHours(2)));
    watch.on(
        held("o5", "late", NOW.minus(Duration.ofHours(2))), NOW.minus(Duration.ofHours(2)), null);
    watch.on(paid("o5", "late", "fp_5"), NOW.minus(Duration.ofHours(2)).plusSeconds(1));
    watch.on(
        new PurchaseCapExceededEvent(
            "ev-1", "o8", "dave", List.of("A", "B"), "pay-8", PurchaseCap.MAILBOX, 4, 3),
        NOW.minusSeconds(1));
    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(
            () ->
                assertThat(recorded)
                    .singleElement()
                    .satisfies(
                        e -> {
                          assertThat(e.kind()).isEqualTo("purchase-cap-exceeded");
                          assertThat(e.subject()).isEqualTo("dave");
                          assertThat(e.detail()).contains("e-mail address already bought 3 of 4");
                        }));
  }

  @Test
  void a_payment_after_a_restart_is_judged_on_the_hold_made_before_it() {
    // The hold is seen by the node before its restart...
    watch.on(held("o6", "bot", NOW.minusSeconds(3)), NOW.minusSeconds(3), null);
    // ...and the payment by the node after it: a new watch, with nothing in memory.
    PaymentAbuseWatch restarted = newWatch();
    restarted.on(paid("o6", "bot", "fp_6"), NOW.minusSeconds(1));
    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(
            () ->
                assertThat(recorded)
                    .singleElement()
                    .satisfies(
                        e -> {
                          assertThat(e.kind()).isEqualTo("too-fast-checkout");
                          assertThat(e.subject()).isEqualTo("bot");
                          assertThat(e.detail()).contains("Paid 2000 ms after holding (order o6)");
                        }));
  }

  @Test
  void a_payment_for_an_order_the_store_does_not_know_raises_no_checkout_signal() {
    watch.on(paid("unknown", "ann", "fp_7"), NOW.minusSeconds(1));
    watch.on(held("o7", "bot", NOW.minusSeconds(2)), NOW.minusSeconds(2), null);
    watch.on(paid("o7", "bot", "fp_8"), NOW.minusSeconds(1));
    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(
            () ->
                assertThat(recorded)
                    .extracting(e -> e.kind() + " " + e.subject())
                    .containsExactly("too-fast-checkout bot"));
  }

  @Test
  void more_accounts_than_allowed_holding_one_event_from_one_device_are_flagged_once() {
    Instant at = NOW.minusSeconds(30);
    // Two accounts (the limit) on one device, and the same device on another event: nothing.
    watch.on(heldFrom("ev-1", "o1", "ann"), at, "dv_shared");
    watch.on(heldFrom("ev-1", "o2", "bea"), at, "dv_shared");
    watch.on(heldFrom("ev-1", "o3", "ann"), at, "dv_shared");
    watch.on(heldFrom("ev-2", "o4", "cyd"), at, "dv_shared");
    watch.on(heldFrom("ev-1", "o5", "dan"), at, "dv_other");
    watch.on(heldFrom("ev-1", "o6", "eve"), at, null);
    // A third account on the device for ev-1: signalled, once.
    watch.on(heldFrom("ev-1", "o7", "cyd"), at, "dv_shared");
    watch.on(heldFrom("ev-1", "o8", "dan"), at, "dv_shared");
    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(
            () ->
                assertThat(recorded)
                    .singleElement()
                    .satisfies(
                        e -> {
                          assertThat(e.kind()).isEqualTo("many-accounts-one-device");
                          assertThat(e.subject()).isEqualTo("dv_shared");
                          assertThat(e.eventId()).isEqualTo("ev-1");
                          assertThat(e.detail()).startsWith("3 accounts held places");
                        }));
  }

  @Test
  void holds_from_one_device_older_than_the_window_raise_nothing() {
    Instant old = NOW.minus(Duration.ofHours(1));
    for (String account : List.of("a", "b", "c", "d")) {
      watch.on(heldFrom("ev-1", "o-" + account, account), old, "dv_old");
    }
    watch.on(held("o9", "bot", NOW.minusSeconds(2)), NOW.minusSeconds(2), null);
    watch.on(paid("o9", "bot", "fp_9"), NOW.minusSeconds(1));
    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(
            () ->
                assertThat(recorded)
                    .extracting(AbuseSignalRecordedEvent::kind)
                    .containsExactly("too-fast-checkout"));
  }
}
