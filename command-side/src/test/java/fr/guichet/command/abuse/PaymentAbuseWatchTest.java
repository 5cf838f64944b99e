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
import fr.guichet.api.payment.PaymentEvent.PaymentSucceededEvent;
import fr.guichet.api.payment.PaymentEvent.Source;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.gateway.EventGateway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;

class PaymentAbuseWatchTest {

  private static final Instant NOW = Instant.parse("2027-03-01T10:00:00Z");
  private final List<AbuseSignalRecordedEvent> recorded = new CopyOnWriteArrayList<>();
  private PaymentAbuseWatch watch;

  @BeforeEach
  void setUp() {
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
            1000);
    watch =
        new PaymentAbuseWatch(monitor, clock, Duration.ofSeconds(5), Duration.ofMinutes(10), 1000);
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

  private static PlacesHeldEvent held(String order, String customer) {
    return new PlacesHeldEvent("ev-1", order, customer, List.of("ORCH-A-1"), NOW, "d");
  }

  private static PaymentSucceededEvent paid(String order, String customer, String card) {
    return new PaymentSucceededEvent(
        "pay-" + order, order, "ev-1", 9000, "evt-" + order, Source.WEBHOOK, customer, card);
  }

  @Test
  void paying_two_seconds_after_holding_is_flagged_and_a_minute_is_not() {
    watch.on(held("o1", "bot"), NOW.minusSeconds(60));
    watch.on(paid("o1", "bot", "fp_1"), NOW.minusSeconds(58));
    watch.on(held("o2", "person"), NOW.minusSeconds(120));
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
    watch.on(held("o5", "late"), NOW.minus(Duration.ofHours(2)));
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
}
