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
import fr.guichet.api.order.OrderPricingEvent.OrderPricedEvent;
import fr.guichet.api.order.OrderPricingEvent.Reason;
import fr.guichet.api.order.PricedTicket;
import fr.guichet.api.order.PricingContext;
import fr.guichet.api.order.RateChoice.Rate;
import fr.guichet.query.Plans;
import fr.guichet.query.dashboard.EventDashboard.CategoryDashboard;
import fr.guichet.query.dashboard.EventDashboard.DiscountUse;
import fr.guichet.query.dashboard.EventDashboard.Milestone;
import fr.guichet.query.dashboard.EventDashboard.MinuteSales;
import fr.guichet.query.support.EmbeddedMongo;
import fr.guichet.query.support.ViewGenerations;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The reference scenario: "Carré Or" (10 seats at 80 €) opens at 19:00; 5 seats sell at 19:10, 3 at
 * 19:40. The director sees 80% sold, reached 40 minutes after the opening.
 */
class DashboardProjectionTest {

  private static final Instant OPENING = Instant.parse("2026-11-26T19:00:00Z");
  private final EmbeddedMongo mongo = new EmbeddedMongo();
  private final DashboardProjection projection =
      new DashboardProjection(
          mongo.template(), new ViewGenerations(mongo.template()), new DashboardFeed());

  @AfterEach
  void stop() {
    mongo.close();
  }

  private void eightySoldInForty() {
    projection.on(
        new EventCreatedEvent(
            "ev-1", "Carmen", "Garnier", Instant.parse("2027-03-14T20:00:00Z"), ""),
        0);
    projection.on(new SeatingPlanConfiguredEvent("ev-1", Plans.smallHall(), 24), 1);
    projection.on(new SalesOpenedEvent("ev-1"), 3, OPENING);
    List<String> five = List.of("ORCH-A-1", "ORCH-A-2", "ORCH-A-3", "ORCH-A-4", "ORCH-A-5");
    List<String> three = List.of("ORCH-B-1", "ORCH-B-2", "ORCH-B-3");
    projection.on(new PlacesHeldEvent("ev-1", "o-1", "a", five, OPENING, "d"), 4);
    projection.on(
        new HeldPlacesSoldEvent("ev-1", "o-1", "a", five, "p1"), 5, OPENING.plusSeconds(600));
    projection.on(new PlacesHeldEvent("ev-1", "o-2", "b", three, OPENING, "d"), 6);
    projection.on(
        new HeldPlacesSoldEvent("ev-1", "o-2", "b", three, "p2"), 7, OPENING.plusSeconds(2400));
    projection.on(new PlacesHeldEvent("ev-1", "o-3", "c", List.of("FOSSE-1"), OPENING, "d"), 8);
    projection.on(new PlacesHeldEvent("ev-1", "o-4", "d", List.of("FOSSE-2"), OPENING, "d"), 9);
    projection.on(new HoldExpiredEvent("ev-1", "o-4", "d", List.of("FOSSE-2")), 10);
  }

  private EventDashboard dashboard() {
    return projection.handle(new FindEventDashboardQuery("ev-1")).join();
  }

  private static PricedTicket ticket(String place, String rule, long discountCents) {
    return new PricedTicket(
        place,
        "CARRE_OR",
        rule == null ? Rate.FULL : Rate.STUDENT,
        null,
        null,
        "FULL",
        8000,
        "base",
        rule == null ? List.of() : List.of(rule),
        rule == null ? 0 : 25,
        discountCents,
        8000 - discountCents,
        List.of());
  }

  private static OrderPricedEvent priced(String orderId, Reason reason, PricedTicket... tickets) {
    return new OrderPricedEvent(
        orderId,
        "ev-1",
        reason,
        "rules",
        1,
        "hash",
        List.of(tickets),
        0,
        new PricingContext(OPENING, OPENING, Map.of(), List.of()));
  }

  @Test
  void discounts_of_the_latest_pricing_count_once_the_order_is_sold_and_stop_when_cancelled() {
    eightySoldInForty();
    List<String> two = List.of("ORCH-B-4", "ORCH-B-5");
    projection.on(new PlacesHeldEvent("ev-1", "o-5", "e", two, OPENING, "d"), 11);
    projection.on(
        priced(
            "o-5", Reason.ORDER_CREATED, ticket("ORCH-B-4", null, 0), ticket("ORCH-B-5", null, 0)),
        1);
    projection.on(
        priced(
            "o-5",
            Reason.RATES_CHOSEN,
            ticket("ORCH-B-4", "student.discount", 2000),
            ticket("ORCH-B-5", null, 0)),
        2);
    projection.on(
        priced(
            "o-5", Reason.ORDER_CREATED, ticket("ORCH-B-4", null, 0), ticket("ORCH-B-5", null, 0)),
        1);
    assertThat(dashboard().discounts()).isEmpty();
    projection.on(
        new HeldPlacesSoldEvent("ev-1", "o-5", "e", two, "p5"), 12, OPENING.plusSeconds(3000));
    projection.on(
        new HeldPlacesSoldEvent("ev-1", "o-5", "e", two, "p5"), 12, OPENING.plusSeconds(3000));
    assertThat(dashboard().discounts())
        .containsExactly(new DiscountUse("student.discount", 1, 2000));
    projection.on(new SaleCancelledEvent("ev-1", "o-5", "e", two, "litige"), 13);
    assertThat(dashboard().discounts()).isEmpty();
  }

  @Test
  void selling_80_percent_of_carre_or_shows_80_percent_and_the_time_it_took() {
    eightySoldInForty();
    CategoryDashboard carreOr = dashboard().categories().get(0);
    assertThat(carreOr.code()).isEqualTo("CARRE_OR");
    assertThat(carreOr.capacity()).isEqualTo(10);
    assertThat(carreOr.sold()).isEqualTo(8);
    assertThat(carreOr.free()).isEqualTo(2);
    assertThat(carreOr.fillRate()).isEqualTo(0.8);
    assertThat(carreOr.revenueCents()).isEqualTo(8 * 8000);
    assertThat(carreOr.milestones())
        .containsExactly(
            new Milestone(50, OPENING.plusSeconds(600), 600L),
            new Milestone(80, OPENING.plusSeconds(2400), 2400L),
            new Milestone(100, null, null));
    assertThat(carreOr.salesPerMinute())
        .containsExactly(
            new MinuteSales(OPENING.plusSeconds(600), 5),
            new MinuteSales(OPENING.plusSeconds(2400), 3));
  }

  @Test
  void totals_add_up_across_categories() {
    eightySoldInForty();
    EventDashboard dashboard = dashboard();
    assertThat(dashboard.capacity()).isEqualTo(24);
    assertThat(dashboard.sold()).isEqualTo(8);
    assertThat(dashboard.held()).isEqualTo(1);
    assertThat(dashboard.free()).isEqualTo(15);
    assertThat(dashboard.revenueCents()).isEqualTo(64_000);
    assertThat(dashboard.fillRate()).isEqualTo(0.3333);
    assertThat(dashboard.salesOpenedAt()).isEqualTo(OPENING);
    assertThat(dashboard.categories().get(2).held()).isEqualTo(1);
  }

  @Test
  void applying_every_event_twice_changes_nothing() {
    eightySoldInForty();
    List<Document> once = mongo.all("dashboard_events_g1");
    eightySoldInForty();
    assertThat(mongo.all("dashboard_events_g1")).isEqualTo(once);
  }

  @Test
  void season_totals_sum_every_event() {
    eightySoldInForty();
    projection.on(
        new EventCreatedEvent(
            "ev-2", "Tosca", "Bastille", Instant.parse("2027-05-01T20:00:00Z"), ""),
        0);
    projection.on(new SeatingPlanConfiguredEvent("ev-2", Plans.smallHall(), 24), 1);
    SeasonTotals season = projection.handle(new FindSeasonTotalsQuery(null, null)).join();
    assertThat(season.events()).isEqualTo(2);
    assertThat(season.capacity()).isEqualTo(48);
    assertThat(season.sold()).isEqualTo(8);
    assertThat(season.revenueCents()).isEqualTo(64_000);
    SeasonTotals spring =
        projection
            .handle(new FindSeasonTotalsQuery(Instant.parse("2027-04-01T00:00:00Z"), null))
            .join();
    assertThat(spring.events()).isEqualTo(1);
    assertThat(spring.sold()).isZero();
  }

  @Test
  void a_refunded_sale_frees_its_places_and_takes_back_its_revenue() {
    eightySoldInForty();
    projection.on(
        new SaleCancelledEvent(
            "ev-1", "o-2", "b", List.of("ORCH-B-1", "ORCH-B-2", "ORCH-B-3"), "refund"),
        11);
    CategoryDashboard carreOr = dashboard().categories().get(0);
    assertThat(carreOr.sold()).isEqualTo(5);
    assertThat(carreOr.free()).isEqualTo(5);
    assertThat(carreOr.revenueCents()).isEqualTo(5 * 8000);
    assertThat(dashboard().revenueCents()).isEqualTo(40_000);
  }

  @Test
  void a_late_payment_accepted_sells_free_places() {
    eightySoldInForty();
    projection.on(
        new LatePaymentAcceptedEvent("ev-1", "o-4", "d", List.of("FOSSE-2"), "p4"),
        11,
        OPENING.plusSeconds(3000));
    EventDashboard dashboard = dashboard();
    assertThat(dashboard.sold()).isEqualTo(9);
    assertThat(dashboard.held()).isEqualTo(1);
    assertThat(dashboard.free()).isEqualTo(14);
  }
}
