package fr.guichet.query.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import fr.guichet.api.event.EventDomainEvent.EventCreatedEvent;
import fr.guichet.api.event.EventDomainEvent.HeldPlacesSoldEvent;
import fr.guichet.api.event.EventDomainEvent.HoldExpiredEvent;
import fr.guichet.api.event.EventDomainEvent.LatePaymentAcceptedEvent;
import fr.guichet.api.event.EventDomainEvent.PlacesHeldEvent;
import fr.guichet.api.event.EventDomainEvent.SaleCancelledEvent;
import fr.guichet.api.event.EventDomainEvent.SalesOpenedEvent;
import fr.guichet.api.event.EventDomainEvent.SeatingPlanConfiguredEvent;
import fr.guichet.api.event.EventDomainEvent.SoldPlacesCancelledEvent;
import fr.guichet.api.event.PriceCategory;
import fr.guichet.api.event.PriceTier;
import fr.guichet.api.event.SeatBlock;
import fr.guichet.api.event.SeatingPlan;
import fr.guichet.api.event.Section;
import fr.guichet.api.order.OrderPricingEvent.OrderPricedEvent;
import fr.guichet.api.order.OrderPricingEvent.Reason;
import fr.guichet.api.order.PricedTicket;
import fr.guichet.api.order.PricingContext;
import fr.guichet.api.order.RateChoice.Rate;
import fr.guichet.query.dashboard.EventDashboard.CategoryDashboard;
import fr.guichet.query.dashboard.EventDashboard.DiscountUse;
import fr.guichet.query.support.EmbeddedMongo;
import fr.guichet.query.support.ViewGenerations;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The dashboard's revenue is what the buyers paid: each sold ticket at the final price of its
 * order's latest pricing. "Carré Or" (OR) lists 90 € (STANDARD, its first tier) and a 75 € LAUNCH
 * tier; "Catégorie 1" (CAT1) 55 €. The student rate takes 20 % off: 72 € for a 90 € seat.
 */
class DashboardRevenueTest {

  private static final Instant OPENING = Instant.parse("2026-11-26T19:00:00Z");
  private static final List<String> TWO = List.of("ORCH-A-1", "ORCH-A-2");
  private final EmbeddedMongo mongo = new EmbeddedMongo();
  private final DashboardProjection projection =
      new DashboardProjection(
          mongo.template(), new ViewGenerations(mongo.template()), new DashboardFeed());

  /** Sequence numbers of the Event's events; an order's events are numbered by the test. */
  private long eventSeq;

  @AfterEach
  void stop() {
    mongo.close();
  }

  private static SeatingPlan festival() {
    return new SeatingPlan(
        List.of(
            new PriceCategory(
                "OR",
                "Carré Or",
                List.of(
                    new PriceTier("STANDARD", "Plein tarif", 9000),
                    new PriceTier("LAUNCH", "Lancement", 7500))),
            new PriceCategory(
                "CAT1", "Catégorie 1", List.of(new PriceTier("STANDARD", "Plein", 5500)))),
        List.of(
            new Section("ORCH", "Orchestre", List.of(new SeatBlock("A-B", 1, 5, "OR", Set.of()))),
            new Section("BALC", "Balcon", List.of(new SeatBlock("A", 1, 4, "CAT1", Set.of())))),
        List.of());
  }

  @BeforeEach
  void festivalOnSale() {
    projection.on(
        new EventCreatedEvent(
            "ev-1", "Nuits d'été", "Garnier", Instant.parse("2027-07-14T20:00:00Z"), ""),
        eventSeq++);
    projection.on(new SeatingPlanConfiguredEvent("ev-1", festival(), 14), eventSeq++);
    projection.on(new SalesOpenedEvent("ev-1"), eventSeq++, OPENING);
  }

  private long hold(String orderId, List<String> places) {
    projection.on(new PlacesHeldEvent("ev-1", orderId, "c", places, OPENING, "d"), eventSeq);
    return eventSeq++;
  }

  private long sell(String orderId, List<String> places) {
    HeldPlacesSoldEvent sold = new HeldPlacesSoldEvent("ev-1", orderId, "c", places, "pay");
    projection.on(sold, eventSeq, OPENING.plusSeconds(600));
    return eventSeq++;
  }

  private long refund(String orderId, List<String> places) {
    projection.on(new SaleCancelledEvent("ev-1", orderId, "c", places, "refund"), eventSeq);
    return eventSeq++;
  }

  /** A ticket of "Carré Or" at {@code tier}, {@code discountCents} taken off by {@code rule}. */
  private static PricedTicket or(
      String place, String tier, long baseCents, String rule, long discountCents) {
    return new PricedTicket(
        place,
        "OR",
        rule == null ? Rate.FULL : Rate.STUDENT,
        rule == null ? null : "carte-123",
        null,
        tier,
        baseCents,
        tier.equals("STANDARD") ? "full-price" : "launch-quota-tier",
        rule == null ? List.of() : List.of(rule),
        rule == null ? 0 : 20,
        discountCents,
        baseCents - discountCents,
        List.of());
  }

  private static PricedTicket full(String place) {
    return or(place, "STANDARD", 9000, null, 0);
  }

  private static PricedTicket student(String place) {
    return or(place, "STANDARD", 9000, "student-discount", 1800);
  }

  private void priced(String orderId, long orderSeq, Reason reason, PricedTicket... tickets) {
    projection.on(
        new OrderPricedEvent(
            orderId,
            "ev-1",
            reason,
            "rules",
            1,
            "hash",
            List.of(tickets),
            Arrays.stream(tickets).mapToLong(PricedTicket::finalCents).sum(),
            new PricingContext(OPENING, OPENING, Map.of(), List.of())),
        orderSeq);
  }

  private EventDashboard dashboard() {
    return projection.handle(new FindEventDashboardQuery("ev-1")).join();
  }

  private CategoryDashboard category(String code) {
    return dashboard().categories().stream()
        .filter(c -> c.code().equals(code))
        .findFirst()
        .orElseThrow();
  }

  private long seasonRevenue() {
    return projection.handle(new FindSeasonTotalsQuery(null, null)).join().revenueCents();
  }

  @Test
  void two_90_euro_seats_one_at_the_student_rate_count_the_162_euros_paid() {
    hold("o-1", TWO);
    priced("o-1", 1, Reason.ORDER_CREATED, full("ORCH-A-1"), full("ORCH-A-2"));
    priced("o-1", 2, Reason.RATES_CHOSEN, student("ORCH-A-1"), full("ORCH-A-2"));
    assertThat(dashboard().revenueCents()).as("nothing paid yet").isZero();

    sell("o-1", TWO);

    assertThat(dashboard().revenueCents()).isEqualTo(16_200);
    assertThat(category("OR").revenueCents()).isEqualTo(7_200 + 9_000);
    assertThat(category("OR").priceCents()).as("the list price stays").isEqualTo(9_000);
    assertThat(category("CAT1").revenueCents()).isZero();
    assertThat(seasonRevenue()).isEqualTo(16_200);
    assertThat(dashboard().discounts())
        .containsExactly(new DiscountUse("student-discount", 1, 1_800));
  }

  @Test
  void a_ticket_priced_at_a_tier_other_than_the_first_counts_at_that_tier() {
    hold("o-1", TWO);
    priced(
        "o-1",
        1,
        Reason.ORDER_CREATED,
        or("ORCH-A-1", "LAUNCH", 7500, null, 0),
        or("ORCH-A-2", "LAUNCH", 7500, "student-discount", 1500));
    sell("o-1", TWO);

    assertThat(category("OR").revenueCents()).isEqualTo(7_500 + 6_000);
    assertThat(dashboard().revenueCents()).isEqualTo(13_500);
    assertThat(seasonRevenue()).isEqualTo(13_500);
  }

  @Test
  void only_the_latest_pricing_before_the_payment_counts() {
    hold("o-1", TWO);
    priced("o-1", 1, Reason.ORDER_CREATED, full("ORCH-A-1"), full("ORCH-A-2"));
    priced("o-1", 2, Reason.RATES_CHOSEN, student("ORCH-A-1"), student("ORCH-A-2"));
    priced("o-1", 3, Reason.RATES_CHOSEN, student("ORCH-A-1"), full("ORCH-A-2"));
    // a redelivered older pricing does not replace the latest one
    priced("o-1", 2, Reason.RATES_CHOSEN, student("ORCH-A-1"), student("ORCH-A-2"));
    sell("o-1", TWO);
    assertThat(dashboard().revenueCents()).isEqualTo(16_200);

    // a pricing recorded after the payment does not change what was paid
    priced("o-1", 4, Reason.RATES_CHOSEN, full("ORCH-A-1"), full("ORCH-A-2"));
    assertThat(dashboard().revenueCents()).isEqualTo(16_200);
    assertThat(dashboard().discounts())
        .containsExactly(new DiscountUse("student-discount", 1, 1_800));
  }

  @Test
  void a_refund_takes_back_exactly_what_its_sale_added() {
    hold("o-1", TWO);
    priced("o-1", 1, Reason.ORDER_CREATED, full("ORCH-A-1"), full("ORCH-A-2"));
    priced("o-1", 2, Reason.RATES_CHOSEN, student("ORCH-A-1"), full("ORCH-A-2"));
    sell("o-1", TWO);
    List<String> three = List.of("ORCH-B-1", "ORCH-B-2", "BALC-A-1");
    hold("o-2", three);
    priced(
        "o-2",
        1,
        Reason.ORDER_CREATED,
        full("ORCH-B-1"),
        full("ORCH-B-2"),
        new PricedTicket(
            "BALC-A-1",
            "CAT1",
            Rate.FULL,
            null,
            null,
            "STANDARD",
            5500,
            "full-price",
            List.of(),
            0,
            0,
            5500,
            List.of()));
    sell("o-2", three);
    assertThat(dashboard().revenueCents()).isEqualTo(16_200 + 23_500);
    // a pricing of o-1 recorded after its sale must not change what its refund takes back
    priced("o-1", 3, Reason.RATES_CHOSEN, full("ORCH-A-1"), full("ORCH-A-2"));

    refund("o-1", TWO);

    EventDashboard dashboard = dashboard();
    assertThat(dashboard.revenueCents()).isEqualTo(23_500);
    assertThat(category("OR").revenueCents()).isEqualTo(18_000);
    assertThat(category("OR").sold()).isEqualTo(2);
    assertThat(category("CAT1").revenueCents()).isEqualTo(5_500);
    assertThat(dashboard.discounts()).isEmpty();
    assertThat(seasonRevenue()).isEqualTo(23_500);

    refund("o-2", three);
    assertThat(dashboard().revenueCents()).isZero();
    assertThat(category("OR").revenueCents()).isZero();
    assertThat(category("CAT1").revenueCents()).isZero();
    assertThat(dashboard().sold()).isZero();
  }

  @Test
  void replayed_pricings_sales_and_refunds_change_nothing() {
    long held = hold("o-1", TWO);
    priced("o-1", 1, Reason.ORDER_CREATED, full("ORCH-A-1"), full("ORCH-A-2"));
    priced("o-1", 2, Reason.RATES_CHOSEN, student("ORCH-A-1"), full("ORCH-A-2"));
    long sold = sell("o-1", TWO);
    List<Document> afterSale = mongo.all("dashboard_events_g1");
    List<Document> pricesAfterSale = mongo.all("dashboard_order_prices_g1");

    projection.on(new PlacesHeldEvent("ev-1", "o-1", "c", TWO, OPENING, "d"), held);
    priced("o-1", 1, Reason.ORDER_CREATED, full("ORCH-A-1"), full("ORCH-A-2"));
    priced("o-1", 2, Reason.RATES_CHOSEN, student("ORCH-A-1"), full("ORCH-A-2"));
    projection.on(
        new HeldPlacesSoldEvent("ev-1", "o-1", "c", TWO, "pay"), sold, OPENING.plusSeconds(600));
    assertThat(mongo.all("dashboard_events_g1")).isEqualTo(afterSale);
    assertThat(mongo.all("dashboard_order_prices_g1")).isEqualTo(pricesAfterSale);
    assertThat(dashboard().revenueCents()).isEqualTo(16_200);

    long refunded = refund("o-1", TWO);
    List<Document> afterRefund = mongo.all("dashboard_events_g1");
    projection.on(new SaleCancelledEvent("ev-1", "o-1", "c", TWO, "refund"), refunded);
    projection.on(
        new HeldPlacesSoldEvent("ev-1", "o-1", "c", TWO, "pay"), sold, OPENING.plusSeconds(600));
    assertThat(mongo.all("dashboard_events_g1")).isEqualTo(afterRefund);
    assertThat(dashboard().revenueCents()).isZero();
    assertThat(category("OR").revenueCents()).isZero();
  }

  @Test
  void a_sale_whose_order_has_no_recorded_pricing_counts_at_the_list_price() {
    hold("o-1", TWO);
    sell("o-1", TWO);
    assertThat(dashboard().revenueCents()).isEqualTo(2 * 9_000);
    assertThat(category("OR").revenueCents()).isEqualTo(2 * 9_000);
    assertThat(dashboard().discounts()).isEmpty();

    refund("o-1", TWO);
    assertThat(dashboard().revenueCents()).isZero();
    assertThat(category("OR").revenueCents()).isZero();
  }

  @Test
  void a_late_payment_counts_the_price_paid() {
    hold("o-1", TWO);
    priced("o-1", 1, Reason.ORDER_CREATED, full("ORCH-A-1"), full("ORCH-A-2"));
    priced("o-1", 2, Reason.RATES_CHOSEN, student("ORCH-A-1"), full("ORCH-A-2"));
    projection.on(new HoldExpiredEvent("ev-1", "o-1", "c", TWO), eventSeq++);
    assertThat(dashboard().revenueCents()).isZero();

    projection.on(
        new LatePaymentAcceptedEvent("ev-1", "o-1", "c", TWO, "pay"),
        eventSeq++,
        OPENING.plusSeconds(3600));

    assertThat(dashboard().sold()).isEqualTo(2);
    assertThat(dashboard().revenueCents()).isEqualTo(16_200);
    assertThat(category("OR").revenueCents()).isEqualTo(16_200);
  }

  private long cancelPlaces(String orderId, List<String> places, List<String> remaining) {
    projection.on(
        new SoldPlacesCancelledEvent(
            "ev-1", orderId, "c", "cancel-" + eventSeq, places, remaining, "broken", "manager"),
        eventSeq);
    return eventSeq++;
  }

  @Test
  void cancelling_some_places_takes_back_exactly_what_they_were_paid_and_their_discount() {
    List<String> three = List.of("ORCH-A-1", "ORCH-A-2", "ORCH-A-3");
    hold("o-1", three);
    priced("o-1", 1, Reason.ORDER_CREATED, full("ORCH-A-1"), full("ORCH-A-2"), full("ORCH-A-3"));
    priced("o-1", 2, Reason.RATES_CHOSEN, student("ORCH-A-1"), full("ORCH-A-2"), full("ORCH-A-3"));
    sell("o-1", three);
    assertThat(dashboard().revenueCents()).isEqualTo(7_200 + 9_000 + 9_000);
    // a pricing recorded after the sale changes nothing of what a cancellation takes back
    priced("o-1", 3, Reason.RATES_CHOSEN, full("ORCH-A-1"), full("ORCH-A-2"), full("ORCH-A-3"));

    long cancelled = cancelPlaces("o-1", List.of("ORCH-A-1"), List.of("ORCH-A-2", "ORCH-A-3"));

    assertThat(dashboard().revenueCents()).as("the 72 € student seat goes").isEqualTo(18_000);
    assertThat(category("OR").revenueCents()).isEqualTo(18_000);
    assertThat(category("OR").sold()).isEqualTo(2);
    assertThat(dashboard().discounts()).as("its discount goes with it").isEmpty();
    assertThat(seasonRevenue()).isEqualTo(18_000);

    // redelivered: nothing more is taken back
    List<Document> events = mongo.all("dashboard_events_g1");
    List<Document> prices = mongo.all("dashboard_order_prices_g1");
    projection.on(
        new SoldPlacesCancelledEvent(
            "ev-1",
            "o-1",
            "c",
            "cancel-" + cancelled,
            List.of("ORCH-A-1"),
            List.of("ORCH-A-2", "ORCH-A-3"),
            "broken",
            "manager"),
        cancelled);
    assertThat(mongo.all("dashboard_events_g1")).isEqualTo(events);
    assertThat(mongo.all("dashboard_order_prices_g1")).isEqualTo(prices);

    // the rest cancelled as a whole later takes back only what is still counted
    refund("o-1", List.of("ORCH-A-2", "ORCH-A-3"));
    assertThat(dashboard().revenueCents()).isZero();
    assertThat(dashboard().sold()).isZero();
    assertThat(category("OR").revenueCents()).isZero();
  }

  @Test
  void cancelling_the_last_places_one_by_one_leaves_nothing_counted() {
    hold("o-1", TWO);
    priced("o-1", 1, Reason.ORDER_CREATED, student("ORCH-A-1"), full("ORCH-A-2"));
    sell("o-1", TWO);
    cancelPlaces("o-1", List.of("ORCH-A-2"), List.of("ORCH-A-1"));
    assertThat(dashboard().revenueCents()).isEqualTo(7_200);
    assertThat(dashboard().discounts())
        .containsExactly(new DiscountUse("student-discount", 1, 1_800));
    cancelPlaces("o-1", List.of("ORCH-A-1"), List.of());
    assertThat(dashboard().revenueCents()).isZero();
    assertThat(dashboard().sold()).isZero();
    assertThat(dashboard().discounts()).isEmpty();
  }
}
