package fr.guichet.command.order;

import static fr.guichet.command.event.PartialCancellationMatchers.rejection;

import fr.guichet.api.event.PriceTier;
import fr.guichet.api.order.OrderDomainEvent.BoxOfficePaymentMethod;
import fr.guichet.api.order.OrderDomainEvent.BoxOfficePaymentRecordedEvent;
import fr.guichet.api.order.OrderDomainEvent.BoxOfficeRefundDueEvent;
import fr.guichet.api.order.OrderDomainEvent.BoxOfficeRefundReason;
import fr.guichet.api.order.OrderDomainEvent.OrderConfirmedEvent;
import fr.guichet.api.order.OrderDomainEvent.OrderCreatedEvent;
import fr.guichet.api.order.OrderDomainEvent.OrderPlacesCancelledEvent;
import fr.guichet.api.order.OrderDomainEvent.OrderSaleCancelledEvent;
import fr.guichet.api.order.OrderPricingEvent.OrderPricedEvent;
import fr.guichet.api.order.OrderPricingEvent.Reason;
import fr.guichet.api.order.PricedTicket;
import fr.guichet.api.order.PricingContext;
import fr.guichet.api.order.PricingContext.PlacePricing;
import fr.guichet.api.order.RateChoice.Rate;
import fr.guichet.api.rejection.Rejection;
import fr.guichet.command.order.OrderCommands.CancelSoldOrderCommand;
import fr.guichet.command.order.OrderCommands.ConfirmOrderCommand;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The order gives back exactly what its cancelled places were paid (its recorded pricing), follows
 * to CANCELLED when none is left, and records what the cash desk owes for a box-office sale.
 */
class PartialOrderCancellationTest {

  static final String ORDER = "order-1";
  static final String EVENT = "event-1";
  static final Instant OPENED = Instant.parse("2026-10-01T10:00:00Z");
  static final List<String> PLACES = List.of("ORCH-A-1", "ORCH-A-2", "ORCH-A-3");
  static final OrderCreatedEvent CREATED =
      new OrderCreatedEvent(ORDER, EVENT, "buyer-1", PLACES, OPENED.plusSeconds(600));
  static final List<PriceTier> OR = List.of(new PriceTier("STANDARD", "Plein", 9000));

  /** Three Carré Or seats: full price, a student rate (6 300), full price: 24 300 in all. */
  static final OrderPricedEvent PRICED =
      new OrderPricedEvent(
          ORDER,
          EVENT,
          Reason.RATES_CHOSEN,
          "rules",
          1,
          "hash",
          List.of(ticket("ORCH-A-1", 0), ticket("ORCH-A-2", 2700), ticket("ORCH-A-3", 0)),
          24300,
          new PricingContext(
              OPENED.plusSeconds(86400),
              OPENED,
              Map.of("OR", 3),
              PLACES.stream().map(p -> new PlacePricing(p, "OR", "Carré Or", OR)).toList()));

  static final OrderConfirmedEvent CONFIRMED = new OrderConfirmedEvent(ORDER, EVENT, "pay-1");
  static final OrderPlacesCancelledEvent SECOND_CANCELLED =
      new OrderPlacesCancelledEvent(
          ORDER,
          EVENT,
          "c1",
          List.of("ORCH-A-2"),
          6300,
          List.of("ORCH-A-1", "ORCH-A-3"),
          18000,
          "seat broken",
          "manager-1");

  private AggregateTestFixture<Order> fixture;

  static PricedTicket ticket(String place, long discount) {
    return new PricedTicket(
        place,
        "OR",
        discount > 0 ? Rate.STUDENT : Rate.FULL,
        null,
        null,
        "STANDARD",
        9000,
        "full-price",
        discount > 0 ? List.of("student") : List.of(),
        discount > 0 ? 30 : 0,
        discount,
        9000 - discount,
        List.of());
  }

  @BeforeEach
  void setUp() {
    fixture = new AggregateTestFixture<>(Order.class);
  }

  private static CancelOrderPlacesCommand cancel(String id, String... places) {
    return new CancelOrderPlacesCommand(ORDER, id, List.of(places), "seat broken", "manager-1");
  }

  @Test
  void cancelled_places_give_back_exactly_their_recorded_final_price() {
    fixture
        .given(CREATED, PRICED, CONFIRMED)
        .when(cancel("c1", "ORCH-A-2"))
        .expectEvents(SECOND_CANCELLED)
        .expectResultMessagePayload(
            new PlacesCancellation(
                ORDER,
                EVENT,
                "c1",
                List.of("ORCH-A-2"),
                6300,
                List.of("ORCH-A-1", "ORCH-A-3"),
                18000,
                false,
                null));
  }

  @Test
  void a_retry_answers_the_first_result_and_records_nothing() {
    fixture
        .given(CREATED, PRICED, CONFIRMED, SECOND_CANCELLED)
        .when(cancel("c1", "ORCH-A-2"))
        .expectNoEvents()
        .expectResultMessagePayload(
            new PlacesCancellation(
                ORDER,
                EVENT,
                "c1",
                List.of("ORCH-A-2"),
                6300,
                List.of("ORCH-A-1", "ORCH-A-3"),
                18000,
                false,
                null));
  }

  @Test
  void cancelling_the_last_places_cancels_the_order() {
    fixture
        .given(CREATED, PRICED, CONFIRMED, SECOND_CANCELLED)
        .when(cancel("c2", "ORCH-A-1", "ORCH-A-3"))
        .expectEvents(
            new OrderPlacesCancelledEvent(
                ORDER,
                EVENT,
                "c2",
                List.of("ORCH-A-1", "ORCH-A-3"),
                18000,
                List.of(),
                0,
                "seat broken",
                "manager-1"),
            new OrderSaleCancelledEvent(ORDER, EVENT, "seat broken"));
  }

  @Test
  void places_not_in_the_order_or_already_cancelled_are_refused_without_change() {
    fixture
        .given(CREATED, PRICED, CONFIRMED, SECOND_CANCELLED)
        .when(cancel("c2", "ORCH-A-1", "ORCH-Z-9"))
        .expectNoEvents()
        .expectException(
            rejection(Rejection.Kind.RULE, "places-not-in-order", List.of("ORCH-Z-9")));
    fixture
        .given(CREATED, PRICED, CONFIRMED, SECOND_CANCELLED)
        .when(cancel("c2", "ORCH-A-1", "ORCH-A-2"))
        .expectNoEvents()
        .expectException(
            rejection(Rejection.Kind.CONFLICT, "places-already-cancelled", List.of("ORCH-A-2")));
  }

  @Test
  void an_order_not_paid_has_no_places_to_cancel() {
    fixture
        .given(CREATED, PRICED)
        .when(cancel("c1", "ORCH-A-1"))
        .expectNoEvents()
        .expectException(rejection(Rejection.Kind.RULE, "not-sold", List.of()));
  }

  @Test
  void a_box_office_sale_records_what_the_cash_desk_gives_back() {
    BoxOfficePaymentRecordedEvent counter =
        new BoxOfficePaymentRecordedEvent(
            ORDER, EVENT, BoxOfficePaymentMethod.CASH, null, 24300, "EUR", null, "manager-1");
    fixture
        .given(
            CREATED,
            PRICED,
            counter,
            new OrderConfirmedEvent(ORDER, EVENT, BoxOfficeSale.reference(ORDER)))
        .when(cancel("c1", "ORCH-A-2"))
        .expectEvents(
            SECOND_CANCELLED,
            new BoxOfficeRefundDueEvent(
                ORDER,
                EVENT,
                "box-office:order-1:refund:c1",
                6300,
                "EUR",
                BoxOfficePaymentMethod.CASH,
                BoxOfficeRefundReason.PLACES_CANCELLED,
                List.of("ORCH-A-2"),
                "manager-1",
                "seat broken"));
    // the whole cancellation that follows owes what the remaining places were paid
    fixture
        .given(
            CREATED,
            PRICED,
            counter,
            new OrderConfirmedEvent(ORDER, EVENT, BoxOfficeSale.reference(ORDER)),
            SECOND_CANCELLED)
        .when(new CancelSoldOrderCommand(ORDER, "dispute", "manager-2"))
        .expectEvents(
            new OrderSaleCancelledEvent(ORDER, EVENT, "dispute"),
            new BoxOfficeRefundDueEvent(
                ORDER,
                EVENT,
                "box-office:order-1:refund",
                18000,
                "EUR",
                BoxOfficePaymentMethod.CASH,
                BoxOfficeRefundReason.PLACES_CANCELLED,
                List.of("ORCH-A-1", "ORCH-A-3"),
                "manager-2",
                "dispute"));
  }

  @Test
  void the_counter_payment_that_lost_the_race_to_a_bank_payment_is_recorded_for_refund() {
    BoxOfficePaymentRecordedEvent counter =
        new BoxOfficePaymentRecordedEvent(
            ORDER,
            EVENT,
            BoxOfficePaymentMethod.CARD_TERMINAL,
            "TPE-1",
            24300,
            "EUR",
            null,
            "manager-1");
    fixture
        .given(CREATED, PRICED, counter)
        .when(new ConfirmOrderCommand(ORDER, "pay-1"))
        .expectEvents(
            CONFIRMED,
            new BoxOfficeRefundDueEvent(
                ORDER,
                EVENT,
                "box-office:order-1:refund:duplicate",
                24300,
                "EUR",
                BoxOfficePaymentMethod.CARD_TERMINAL,
                BoxOfficeRefundReason.DUPLICATE_PAYMENT,
                List.of(),
                "system",
                "The order was paid by pay-1 before the counter's payment."));
    fixture
        .given(CREATED, PRICED, counter)
        .when(new ConfirmOrderCommand(ORDER, BoxOfficeSale.reference(ORDER)))
        .expectEvents(new OrderConfirmedEvent(ORDER, EVENT, BoxOfficeSale.reference(ORDER)));
  }
}
