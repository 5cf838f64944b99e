package fr.guichet.command.order;

import fr.guichet.api.event.PriceTier;
import fr.guichet.api.order.OrderDomainEvent.BoxOfficePaymentMethod;
import fr.guichet.api.order.OrderDomainEvent.BoxOfficePaymentRecordedEvent;
import fr.guichet.api.order.OrderDomainEvent.OrderConfirmedEvent;
import fr.guichet.api.order.OrderDomainEvent.OrderCreatedEvent;
import fr.guichet.api.order.OrderDomainEvent.OrderExpiredEvent;
import fr.guichet.api.order.OrderDomainEvent.TicketHolder;
import fr.guichet.api.order.OrderPricingEvent.OrderPricedEvent;
import fr.guichet.api.order.OrderPricingEvent.Reason;
import fr.guichet.api.order.PricedTicket;
import fr.guichet.api.order.PricingContext;
import fr.guichet.api.order.PricingContext.PlacePricing;
import fr.guichet.api.order.RateChoice.Rate;
import fr.guichet.api.payment.PaidPlace;
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

  static final PricedTicket SECOND_SEAT =
      new PricedTicket(
          "ORCH-A-2",
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
          List.of());
  static final OrderCreatedEvent CREATED_TWO =
      new OrderCreatedEvent(
          ORDER, EVENT, "manager-1", List.of("ORCH-A-1", "ORCH-A-2"), OPENED.plusSeconds(600));
  static final OrderPricedEvent PRICED_TWO =
      new OrderPricedEvent(
          ORDER,
          EVENT,
          Reason.ORDER_CREATED,
          "rules",
          1,
          "hash",
          List.of(PRICED.tickets().get(0), SECOND_SEAT),
          18000,
          new PricingContext(
              OPENED.plusSeconds(86400),
              OPENED,
              Map.of("OR", 2),
              List.of(
                  new PlacePricing("ORCH-A-1", "OR", "Carré Or", OR),
                  new PlacePricing("ORCH-A-2", "OR", "Carré Or", OR))));

  private static RecordBoxOfficePaymentCommand payFor(
      String holderName, List<TicketHolder> holders, String email, String locale) {
    return new RecordBoxOfficePaymentCommand(
        ORDER,
        EVENT,
        BoxOfficePaymentMethod.CASH,
        null,
        null,
        "manager-1",
        holderName,
        holders,
        email,
        locale);
  }

  private static BoxOfficePaymentRecordedEvent recordedWith(
      String holderName, List<TicketHolder> holders, String email, String locale) {
    return new BoxOfficePaymentRecordedEvent(
        ORDER,
        EVENT,
        BoxOfficePaymentMethod.CASH,
        null,
        18000,
        "EUR",
        null,
        "manager-1",
        holderName,
        holders,
        email,
        locale);
  }

  @Test
  void the_payment_keeps_the_ticket_holders_and_the_e_mail_in_french_unless_english_is_asked() {
    fixture
        .given(CREATED_TWO, PRICED_TWO)
        .when(
            payFor(
                " Béa Martin ",
                List.of(new TicketHolder("ORCH-A-2", " Bruno Martin ")),
                " bea@example.org ",
                null))
        .expectSuccessfulHandlerExecution()
        .expectEvents(
            recordedWith(
                "Béa Martin",
                List.of(new TicketHolder("ORCH-A-2", "Bruno Martin")),
                "bea@example.org",
                "fr"));
    fixture
        .given(CREATED_TWO, PRICED_TWO)
        .when(payFor(null, null, "tom@example.org", "en"))
        .expectEvents(recordedWith(null, List.of(), "tom@example.org", "en"));
  }

  @Test
  void without_an_e_mail_address_no_language_is_kept() {
    fixture
        .given(CREATED_TWO, PRICED_TWO)
        .when(payFor(null, List.of(), " ", "en"))
        .expectEvents(recordedWith(null, List.of(), null, null));
  }

  @Test
  void a_holder_for_a_place_the_order_lacks_a_place_named_twice_or_a_bad_address_is_refused() {
    fixture
        .given(CREATED_TWO, PRICED_TWO)
        .when(payFor(null, List.of(new TicketHolder("ORCH-B-1", "Nobody")), null, null))
        .expectException(CommandRejectedException.class)
        .expectExceptionMessage(org.hamcrest.Matchers.containsString("no ticket ORCH-B-1"))
        .expectNoEvents();
    fixture
        .given(CREATED_TWO, PRICED_TWO)
        .when(
            payFor(
                null,
                List.of(new TicketHolder("ORCH-A-1", "Alice"), new TicketHolder("ORCH-A-1", "Bob")),
                null,
                null))
        .expectException(CommandRejectedException.class)
        .expectExceptionMessage(org.hamcrest.Matchers.containsString("named twice"))
        .expectNoEvents();
    fixture
        .given(CREATED_TWO, PRICED_TWO)
        .when(payFor(null, List.of(new TicketHolder("ORCH-A-1", "  ")), null, null))
        .expectException(CommandRejectedException.class)
        .expectNoEvents();
    fixture
        .given(CREATED_TWO, PRICED_TWO)
        .when(payFor(null, null, "not-an-address", null))
        .expectException(CommandRejectedException.class)
        .expectExceptionMessage(org.hamcrest.Matchers.containsString("e-mail"))
        .expectNoEvents();
    fixture
        .given(CREATED_TWO, PRICED_TWO)
        .when(payFor(null, null, "bea@example.org", "de"))
        .expectException(CommandRejectedException.class)
        .expectNoEvents();
  }

  @Test
  void the_sale_describes_each_place_at_its_recorded_price_with_its_holder() {
    fixture
        .given(
            CREATED_TWO,
            PRICED_TWO,
            recordedWith(
                "Béa Martin",
                List.of(new TicketHolder("ORCH-A-2", "Bruno Martin")),
                "bea@example.org",
                "fr"),
            new OrderConfirmedEvent(ORDER, EVENT, "box-office:" + ORDER))
        .when(new DescribeBoxOfficeSaleCommand(ORDER))
        .expectNoEvents()
        .expectResultMessagePayload(
            new BoxOfficeSale(
                ORDER,
                EVENT,
                "box-office:" + ORDER,
                "Béa Martin",
                "bea@example.org",
                "fr",
                List.of(
                    new PaidPlace(
                        "ORCH-A-1", "OR", "Carré Or", "STANDARD", 9000, 0, 9000, "FULL", null),
                    new PaidPlace(
                        "ORCH-A-2",
                        "OR",
                        "Carré Or",
                        "STANDARD",
                        9000,
                        0,
                        9000,
                        "FULL",
                        "Bruno Martin"))));
  }

  @Test
  void an_order_the_box_office_was_not_paid_for_has_no_box_office_sale() {
    fixture
        .given(CREATED_TWO, PRICED_TWO, new OrderConfirmedEvent(ORDER, EVENT, "pay-1"))
        .when(new DescribeBoxOfficeSaleCommand(ORDER))
        .expectException(CommandRejectedException.class)
        .expectExceptionMessage(org.hamcrest.Matchers.containsString("no payment"))
        .expectNoEvents();
  }
}
