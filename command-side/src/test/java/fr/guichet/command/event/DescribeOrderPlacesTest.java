package fr.guichet.command.event;

import static org.axonframework.test.matchers.Matchers.predicate;

import fr.guichet.api.event.EventDomainEvent.EventCreatedEvent;
import fr.guichet.api.event.EventDomainEvent.PlacesHeldEvent;
import fr.guichet.api.event.EventDomainEvent.SalesApprovedEvent;
import fr.guichet.api.event.EventDomainEvent.SalesOpenedEvent;
import fr.guichet.api.event.EventDomainEvent.SeatingPlanConfiguredEvent;
import fr.guichet.api.event.PriceCategory;
import fr.guichet.api.event.PriceTier;
import fr.guichet.api.event.SeatBlock;
import fr.guichet.api.event.SeatingPlan;
import fr.guichet.api.event.Section;
import fr.guichet.api.event.StandingZone;
import fr.guichet.api.order.PricingContext;
import fr.guichet.api.rejection.CommandRejectedException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** An Event tells pricing what it needs about an order's places, without changing anything. */
class DescribeOrderPlacesTest {

  static final String EVENT = "event-1";
  static final Instant SALE = Instant.parse("2026-10-01T12:00:00Z");
  static final List<PriceTier> OR_TIERS =
      List.of(new PriceTier("STANDARD", "Plein", 9000), new PriceTier("EARLY", "Lève-tôt", 7500));
  static final SeatingPlan PLAN =
      new SeatingPlan(
          List.of(
              new PriceCategory("CARRE_OR", "Carré Or", OR_TIERS),
              new PriceCategory(
                  "FOSSE", "Fosse", List.of(new PriceTier("STANDARD", "Fosse", 3000)))),
          List.of(
              new Section(
                  "ORCH", "Orchestre", List.of(new SeatBlock("A-B", 1, 5, "CARRE_OR", null)))),
          List.of(new StandingZone("PIT", "Fosse", 20, "FOSSE")));

  private AggregateTestFixture<Event> fixture;

  @BeforeEach
  void setUp() {
    fixture = new AggregateTestFixture<>(Event.class);
    fixture.registerInjectableResource((HoldPricing) places -> {});
  }

  @Test
  void describes_categories_tiers_opening_and_places_taken_by_other_orders() {
    fixture
        .given(
            new EventCreatedEvent(EVENT, "Carmen", "Grande salle", SALE.plusSeconds(86_400), ""),
            new SeatingPlanConfiguredEvent(EVENT, PLAN, 30),
            new SalesApprovedEvent(EVENT),
            new SalesOpenedEvent(EVENT),
            new PlacesHeldEvent(
                EVENT,
                "order-0",
                "anna",
                List.of("ORCH-A-1", "ORCH-A-2"),
                SALE.plusSeconds(600),
                "d0"),
            new PlacesHeldEvent(
                EVENT, "order-1", "bea", List.of("ORCH-A-3", "PIT-1"), SALE.plusSeconds(600), "d1"))
        .when(new DescribeOrderPlacesCommand(EVENT, "order-1", SALE))
        .expectNoEvents()
        .expectResultMessagePayloadMatching(
            predicate(
                (Predicate<PricingContext>)
                    context ->
                        context.saleTime().equals(SALE)
                            && context.salesOpenedAt() != null
                            && context
                                .takenBeforeByCategory()
                                .equals(Map.of("CARRE_OR", 2, "FOSSE", 0))
                            && context.places().size() == 2
                            && context.places().get(0).placeId().equals("ORCH-A-3")
                            && context.places().get(0).categoryName().equals("Carré Or")
                            && context.places().get(0).tiers().equals(OR_TIERS)
                            && context.places().get(1).category().equals("FOSSE")));
  }

  @Test
  void an_unknown_order_is_not_described() {
    fixture
        .given(
            new EventCreatedEvent(EVENT, "Carmen", "Grande salle", SALE, ""),
            new SeatingPlanConfiguredEvent(EVENT, PLAN, 30))
        .when(new DescribeOrderPlacesCommand(EVENT, "nope", SALE))
        .expectNoEvents()
        .expectException(CommandRejectedException.class);
  }
}
