package fr.guichet.command.order;

import fr.guichet.api.event.PriceTier;
import fr.guichet.api.order.OrderDomainEvent.BoxOfficePaymentMethod;
import fr.guichet.api.order.OrderDomainEvent.BoxOfficePaymentRecordedEvent;
import fr.guichet.api.order.OrderDomainEvent.OrderConfirmedEvent;
import fr.guichet.api.order.OrderDomainEvent.OrderCreatedEvent;
import fr.guichet.api.order.OrderDomainEvent.OrderExpiredEvent;
import fr.guichet.api.order.OrderPricingEvent.OrderPricedEvent;
import fr.guichet.api.order.OrderPricingEvent.Reason;
import fr.guichet.api.order.PricedTicket;
import fr.guichet.api.order.PricingContext;
import fr.guichet.api.order.PricingContext.PlacePricing;
import fr.guichet.api.order.RateChoice.Rate;
import fr.guichet.api.rejection.CommandRejectedException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The box office takes an order's recorded price at its counter, explicitly and once. */
class BoxOfficePaymentTest {

  static final String ORDER = "order-1";
  static final String EVENT = "event-1";
  static final Instant OPENED = Instant.parse("2026-10-01T10:00:00Z");
  static final OrderCreatedEvent CREATED =
      new OrderCreatedEvent(ORDER, EVENT, "buyer-1", List.of("ORCH-A-1"), OPENED.plusSeconds(600));
  static final List<PriceTier> OR = List.of(new PriceTier("STANDARD", "Plein", 9000));
  static final OrderPricedEvent PRICED =
      new OrderPricedEvent(
          ORDER,
          EVENT,
          Reason.ORDER_CREATED,
          "rules",
          1,
          "hash",
          List.of(
              new PricedTicket(
                  "ORCH-A-1",
                  "OR",
                  Rate.FULL,
                  null,
                  null,
                  "STANDARD",
                  9000,
                  "full-price",
                  List.of(),
                  0,
                  0,
                  9000,
                  List.of())),
          9000,
          new PricingContext(
              OPENED.plusSeconds(86400),
              OPENED,
              Map.of("OR", 1),
              List.of(new PlacePricing("ORCH-A-1", "OR", "Carré Or", OR))));

  private AggregateTestFixture<Order> fixture;

  @BeforeEach
  void setUp() {
    fixture = new AggregateTestFixture<>(Order.class);
  }

  private static RecordBoxOfficePaymentCommand pay(
      BoxOfficePaymentMethod method, String reference) {
    return new RecordBoxOfficePaymentCommand(
        ORDER, EVENT, method, reference, "at the counter", "manager-1");
  }

  @Test
  void a_card_payment_at_the_counter_records_the_priced_amount_the_method_and_the_manager() {
    fixture
        .given(CREATED, PRICED)
        .when(pay(BoxOfficePaymentMethod.CARD_TERMINAL, " TPE-0042 "))
        .expectSuccessfulHandlerExecution()
        .expectResultMessagePayload(9000L)
        .expectEvents(
            new BoxOfficePaymentRecordedEvent(
                ORDER,
                EVENT,
                BoxOfficePaymentMethod.CARD_TERMINAL,
                "TPE-0042",
                9000,
                "EUR",
                "at the counter",
                "manager-1"));
  }

  @Test
  void recording_the_same_payment_again_changes_nothing_and_another_one_is_refused() {
    BoxOfficePaymentRecordedEvent recorded =
        new BoxOfficePaymentRecordedEvent(
            ORDER, EVENT, BoxOfficePaymentMethod.CASH, null, 9000, "EUR", null, "manager-1");
    fixture
        .given(CREATED, PRICED, recorded)
        .when(pay(BoxOfficePaymentMethod.CASH, null))
        .expectSuccessfulHandlerExecution()
        .expectNoEvents();
    fixture
        .given(CREATED, PRICED, recorded)
        .when(pay(BoxOfficePaymentMethod.CHEQUE, "CHQ-1"))
        .expectException(CommandRejectedException.class)
        .expectNoEvents();
  }

  @Test
  void a_card_or_cheque_needs_its_reference_and_a_method_is_required() {
    fixture
        .given(CREATED, PRICED)
        .when(pay(BoxOfficePaymentMethod.CHEQUE, "  "))
        .expectException(CommandRejectedException.class)
        .expectExceptionMessage(org.hamcrest.Matchers.containsString("reference"))
        .expectNoEvents();
    fixture
        .given(CREATED, PRICED)
        .when(pay(null, null))
        .expectException(CommandRejectedException.class)
        .expectNoEvents();
  }

  @Test
  void no_money_is_taken_for_an_ended_hold_a_paid_order_another_event_or_an_unpriced_order() {
    fixture
        .given(CREATED, PRICED, new OrderExpiredEvent(ORDER, EVENT))
        .when(pay(BoxOfficePaymentMethod.CASH, null))
        .expectException(CommandRejectedException.class)
        .expectExceptionMessage(org.hamcrest.Matchers.containsString("hold ended"))
        .expectNoEvents();
    fixture
        .given(CREATED, PRICED, new OrderConfirmedEvent(ORDER, EVENT, "pay-1"))
        .when(pay(BoxOfficePaymentMethod.CASH, null))
        .expectException(CommandRejectedException.class)
        .expectExceptionMessage(org.hamcrest.Matchers.containsString("already paid"))
        .expectNoEvents();
    fixture
        .given(CREATED, PRICED)
        .when(
            new RecordBoxOfficePaymentCommand(
                ORDER, "event-2", BoxOfficePaymentMethod.CASH, null, null, "manager-1"))
        .expectException(CommandRejectedException.class)
        .expectNoEvents();
    fixture
        .given(CREATED)
        .when(pay(BoxOfficePaymentMethod.CASH, null))
        .expectException(CommandRejectedException.class)
        .expectExceptionMessage(org.hamcrest.Matchers.containsString("being priced"))
        .expectNoEvents();
  }
}
