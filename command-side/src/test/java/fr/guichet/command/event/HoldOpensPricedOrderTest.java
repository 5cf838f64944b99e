package fr.guichet.command.event;

import static fr.guichet.command.event.EventFixtures.EVENT;
import static fr.guichet.command.event.EventFixtures.HOLD;
import static fr.guichet.command.event.EventFixtures.T0;
import static fr.guichet.command.event.EventFixtures.held;
import static fr.guichet.command.event.EventFixtures.onSale;
import static fr.guichet.command.event.EventFixtures.onSaleWith;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.axonframework.test.matchers.Matchers.exactSequenceOf;
import static org.axonframework.test.matchers.Matchers.messageWithPayload;
import static org.axonframework.test.matchers.Matchers.predicate;

import fr.guichet.api.event.EventCommand.HoldPlacesCommand;
import fr.guichet.api.event.EventDomainEvent.PlacesHeldEvent;
import fr.guichet.api.event.PlaceSelection;
import fr.guichet.api.order.OrderDomainEvent.OrderCreatedEvent;
import fr.guichet.api.order.OrderPricingEvent.OrderPricedEvent;
import fr.guichet.api.order.OrderPricingEvent.Reason;
import fr.guichet.api.order.PricedTicket;
import fr.guichet.api.order.PricingContext;
import fr.guichet.api.order.PricingContext.PlacePricing;
import fr.guichet.api.rejection.CommandRejectedException;
import fr.guichet.api.rejection.Rejection;
import fr.guichet.command.order.PricedOrderOpening;
import fr.guichet.command.pricing.ActiveRuleSet;
import fr.guichet.command.pricing.OrderPricing;
import fr.guichet.pricing.DefaultRuleFiles;
import fr.guichet.pricing.PriceCalculator;
import fr.guichet.pricing.drools.DroolsPricingRules;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.modelling.command.Repository;
import org.axonframework.modelling.command.RepositoryProvider;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A hold and its order are one decision: the held places, the new order and its full-rate price are
 * stored by the same command, with the real pricing rules; a basket that cannot be priced holds
 * nothing and opens no order.
 */
class HoldOpensPricedOrderTest {

  private static PriceCalculator shippedRules;

  private final AtomicReference<ActiveRuleSet.Version> inForce = new AtomicReference<>();
  // The fixture records the Event's events only; the new order's go to their own store.
  private final EventStore orderStore =
      EmbeddedEventStore.builder().storageEngine(new InMemoryEventStorageEngine()).build();
  private AggregateTestFixture<Event> fixture;
  private OrderOpening opening;

  @BeforeAll
  static void compileShippedRules() {
    shippedRules = new DroolsPricingRules().compile(DefaultRuleFiles.load()).calculator();
  }

  @BeforeEach
  void setUp() {
    inForce.set(new ActiveRuleSet.Version("pricing-rule-set", 3, "hash-v3", shippedRules));
    fixture = new AggregateTestFixture<>(Event.class);
    fixture.registerFieldFilter(field -> !field.getName().endsWith("eadlineId"));
    fixture.registerRepositoryProvider(
        new RepositoryProvider() {
          @Override
          public <T> Repository<T> repositoryFor(Class<T> aggregateType) {
            return EventSourcingRepository.builder(aggregateType).eventStore(orderStore).build();
          }
        });
    ActiveRuleSet rules =
        () -> {
          ActiveRuleSet.Version version = inForce.get();
          if (version == null) {
            throw new IllegalStateException("Pricing took too long; try again.");
          }
          return version;
        };
    opening = new PricedOrderOpening(new OrderPricing(rules, number -> Optional.empty()), () -> {});
    fixture.registerInjectableResource(opening);
  }

  @Test
  void a_hold_stores_its_places_its_order_and_the_orders_full_price_together() {
    fixture
        .given(onSale())
        .andGivenCurrentTime(T0)
        .when(hold("o1", "alice", PlaceSelection.specific(List.of("ORCH-A-1", "ORCH-A-2"))))
        .expectEventsMatching(
            exactSequenceOf(
                messageWithPayload(
                    matches(
                        PlacesHeldEvent.class,
                        e -> e.orderId().equals("o1") && e.heldUntil().equals(T0.plus(HOLD))))));

    List<Object> order =
        orderStore.readEvents("o1").asStream().map(m -> (Object) m.getPayload()).toList();
    assertThat(order).hasSize(2);
    assertThat(order.get(0))
        .isEqualTo(
            new OrderCreatedEvent(
                "o1", EVENT, "alice", List.of("ORCH-A-1", "ORCH-A-2"), T0.plus(HOLD)));
    assertThat(order.get(1))
        .isInstanceOfSatisfying(
            OrderPricedEvent.class,
            priced -> {
              assertThat(priced.orderId()).isEqualTo("o1");
              assertThat(priced.eventId()).isEqualTo(EVENT);
              assertThat(priced.reason()).isEqualTo(Reason.ORDER_CREATED);
              assertThat(priced.ruleSetVersion()).isEqualTo(3);
              assertThat(priced.ruleSetHash()).isEqualTo("hash-v3");
              assertThat(priced.tickets())
                  .extracting(PricedTicket::placeId, PricedTicket::finalCents)
                  .containsExactly(tuple("ORCH-A-1", 9000L), tuple("ORCH-A-2", 9000L));
              assertThat(priced.totalCents()).isEqualTo(18000);
              assertThat(priced.context().places())
                  .extracting(PlacePricing::categoryName)
                  .containsOnly("Carré Or");
            });
  }

  @Test
  void a_repeated_hold_opens_no_second_order() {
    fixture
        .given(onSaleWith(held("o1", "alice", T0, "ORCH-A-1")))
        .andGivenCurrentTime(T0.plusSeconds(1))
        .when(hold("o1", "alice", PlaceSelection.specific(List.of("ORCH-A-1"))))
        .expectSuccessfulHandlerExecution()
        .expectNoEvents();
    assertThat(orderStore.readEvents("o1").asStream()).isEmpty();
  }

  @Test
  void when_prices_cannot_be_computed_nothing_is_held_and_the_buyer_may_try_again() {
    inForce.set(null);
    fixture
        .given(onSale())
        .andGivenCurrentTime(T0)
        .when(hold("o1", "alice", PlaceSelection.specific(List.of("ORCH-A-1"))))
        .expectException(
            predicate(
                e ->
                    e instanceof CommandRejectedException r
                        && r.rejection().kind() == Rejection.Kind.UNAVAILABLE
                        && r.rejection().code().equals("pricing-unavailable")))
        .expectNoEvents()
        .expectNoScheduledDeadlines();
    assertThat(orderStore.readEvents("o1").asStream()).isEmpty();
  }

  @Test
  void a_basket_no_rule_prices_is_refused_with_the_places_named() {
    PricingContext unpriceable =
        new PricingContext(
            T0, T0, Map.of(), List.of(new PlacePricing("LOGE-1", "LOGE", "Loge", List.of())));
    OrderOpening.NewOrder order =
        new OrderOpening.NewOrder("o1", EVENT, "alice", List.of("LOGE-1"), T0.plus(HOLD));

    assertThatThrownBy(() -> opening.price(order, unpriceable))
        .isInstanceOfSatisfying(
            CommandRejectedException.class,
            e -> {
              assertThat(e.rejection().kind()).isEqualTo(Rejection.Kind.RULE);
              assertThat(e.rejection().code()).isEqualTo("no-full-price");
              assertThat(e.rejection().places()).containsExactly("LOGE-1");
            });
  }

  private static HoldPlacesCommand hold(String orderId, String customer, PlaceSelection selection) {
    return new HoldPlacesCommand(EVENT, orderId, customer, selection);
  }

  private static <T> org.hamcrest.Matcher<T> matches(Class<T> type, Predicate<T> condition) {
    return predicate(value -> type.isInstance(value) && condition.test(type.cast(value)));
  }
}
