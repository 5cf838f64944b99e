package fr.guichet.command.event;

import static fr.guichet.command.event.EventFixtures.EVENT;
import static fr.guichet.command.event.EventFixtures.HOLD;
import static fr.guichet.command.event.EventFixtures.T0;
import static fr.guichet.command.event.EventFixtures.held;
import static fr.guichet.command.event.EventFixtures.onSale;

import fr.guichet.api.event.EventCommand.CancelSaleCommand;
import fr.guichet.api.event.EventCommand.SellHeldPlacesCommand;
import fr.guichet.api.event.EventDomainEvent.HeldPlacesSoldEvent;
import fr.guichet.api.event.EventDomainEvent.HoldExpiredEvent;
import fr.guichet.api.event.EventDomainEvent.HoldReleasedEvent;
import fr.guichet.api.event.EventDomainEvent.PurchaseCap;
import fr.guichet.api.event.EventDomainEvent.PurchaseCapExceededEvent;
import fr.guichet.api.event.EventDomainEvent.SaleCancelledEvent;
import fr.guichet.api.event.HoldOutcome;
import fr.guichet.api.event.HoldOutcome.HoldStatus;
import fr.guichet.api.event.SalesLimits;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The per-buyer cap (here 4 places per event) binds the card that pays and the buyer's verified
 * mailbox as well as the account: accounts sharing a card, or aliases of one mailbox, share one
 * allowance, decided when the places are sold.
 */
class PurchaseCapTest {

  private static final String CARD = "fp_card";
  private static final String OTHER_CARD = "fp_other";
  private static final String MAILBOX = "mb_ann";
  private static final List<String> ALICE_SEATS = List.of("ORCH-A-1", "ORCH-A-2", "ORCH-A-3");
  private static final List<String> BOB_SEATS = List.of("ORCH-B-1", "ORCH-B-2");
  private FixtureConfiguration<Event> fixture;

  @BeforeEach
  void setUp() {
    fixture = new AggregateTestFixture<>(Event.class);
    fixture.registerInjectableResource((OrderOpening) (order, basket) -> () -> {});
    fixture.registerFieldFilter(field -> !field.getName().endsWith("eadlineId"));
  }

  private static List<Object> capOfFourWith(Object... more) {
    List<Object> history = new ArrayList<>(onSale(new SalesLimits(4, 4, HOLD)));
    history.addAll(List.of(more));
    return history;
  }

  private static HeldPlacesSoldEvent aliceBoughtThreeWith(String card, String mailbox) {
    return new HeldPlacesSoldEvent(EVENT, "o1", "alice", ALICE_SEATS, "pay-1", card, mailbox);
  }

  @Test
  void a_second_account_paying_with_the_same_card_over_the_cap_is_refused_and_its_hold_released() {
    fixture
        .given(
            capOfFourWith(
                held("o1", "alice", T0, "ORCH-A-1", "ORCH-A-2", "ORCH-A-3"),
                aliceBoughtThreeWith(CARD, "mb_alice"),
                held("o2", "bob", T0, "ORCH-B-1", "ORCH-B-2")))
        .andGivenCurrentTime(T0.plus(Duration.ofMinutes(2)))
        .when(new SellHeldPlacesCommand(EVENT, "o2", "pay-2", CARD, "mb_bob"))
        .expectEvents(
            new PurchaseCapExceededEvent(
                EVENT, "o2", "bob", BOB_SEATS, "pay-2", PurchaseCap.CARD, 4, 3),
            new HoldReleasedEvent(EVENT, "o2", "bob", BOB_SEATS))
        .expectResultMessagePayload(
            new HoldOutcome(EVENT, "o2", BOB_SEATS, T0.plus(HOLD), HoldStatus.REFUSED));
  }

  @Test
  void another_card_and_another_mailbox_buy_within_their_own_allowance() {
    fixture
        .given(
            capOfFourWith(
                held("o1", "alice", T0, "ORCH-A-1", "ORCH-A-2", "ORCH-A-3"),
                aliceBoughtThreeWith(CARD, "mb_alice"),
                held("o2", "bob", T0, "ORCH-B-1", "ORCH-B-2")))
        .andGivenCurrentTime(T0.plus(Duration.ofMinutes(2)))
        .when(new SellHeldPlacesCommand(EVENT, "o2", "pay-2", OTHER_CARD, "mb_bob"))
        .expectEvents(
            new HeldPlacesSoldEvent(EVENT, "o2", "bob", BOB_SEATS, "pay-2", OTHER_CARD, "mb_bob"))
        .expectResultMessagePayload(
            new HoldOutcome(EVENT, "o2", BOB_SEATS, T0.plus(HOLD), HoldStatus.SOLD));
  }

  @Test
  void two_accounts_of_one_mailbox_share_one_allowance_whatever_the_cards() {
    fixture
        .given(
            capOfFourWith(
                held("o1", "ann-1", T0, "ORCH-A-1", "ORCH-A-2", "ORCH-A-3"),
                new HeldPlacesSoldEvent(EVENT, "o1", "ann-1", ALICE_SEATS, "pay-1", CARD, MAILBOX),
                held("o2", "ann-2", T0, "ORCH-B-1", "ORCH-B-2")))
        .andGivenCurrentTime(T0.plus(Duration.ofMinutes(2)))
        .when(new SellHeldPlacesCommand(EVENT, "o2", "pay-2", OTHER_CARD, MAILBOX))
        .expectEvents(
            new PurchaseCapExceededEvent(
                EVENT, "o2", "ann-2", BOB_SEATS, "pay-2", PurchaseCap.MAILBOX, 4, 3),
            new HoldReleasedEvent(EVENT, "o2", "ann-2", BOB_SEATS));
  }

  @Test
  void reaching_the_cap_exactly_is_allowed() {
    fixture
        .given(
            capOfFourWith(
                held("o1", "alice", T0, "ORCH-A-1", "ORCH-A-2", "ORCH-A-3"),
                aliceBoughtThreeWith(CARD, "mb_alice"),
                held("o2", "bob", T0, "ORCH-B-1")))
        .andGivenCurrentTime(T0.plus(Duration.ofMinutes(2)))
        .when(new SellHeldPlacesCommand(EVENT, "o2", "pay-2", CARD, "mb_bob"))
        .expectEvents(
            new HeldPlacesSoldEvent(
                EVENT, "o2", "bob", List.of("ORCH-B-1"), "pay-2", CARD, "mb_bob"));
  }

  @Test
  void the_second_of_two_payments_racing_on_one_card_is_refused_after_the_first_is_sold() {
    fixture
        .given(
            capOfFourWith(
                held("o1", "alice", T0, "ORCH-A-1", "ORCH-A-2", "ORCH-A-3"),
                held("o2", "bob", T0, "ORCH-B-1", "ORCH-B-2")))
        .andGivenCurrentTime(T0.plus(Duration.ofMinutes(2)))
        .andGivenCommands(new SellHeldPlacesCommand(EVENT, "o1", "pay-1", CARD, "mb_alice"))
        .when(new SellHeldPlacesCommand(EVENT, "o2", "pay-2", CARD, "mb_bob"))
        .expectEvents(
            new PurchaseCapExceededEvent(
                EVENT, "o2", "bob", BOB_SEATS, "pay-2", PurchaseCap.CARD, 4, 3),
            new HoldReleasedEvent(EVENT, "o2", "bob", BOB_SEATS));
  }

  @Test
  void a_refused_payment_delivered_again_is_refused_again_without_new_events() {
    fixture
        .given(
            capOfFourWith(
                held("o1", "alice", T0, "ORCH-A-1", "ORCH-A-2", "ORCH-A-3"),
                aliceBoughtThreeWith(CARD, "mb_alice"),
                held("o2", "bob", T0, "ORCH-B-1", "ORCH-B-2"),
                new PurchaseCapExceededEvent(
                    EVENT, "o2", "bob", BOB_SEATS, "pay-2", PurchaseCap.CARD, 4, 3),
                new HoldReleasedEvent(EVENT, "o2", "bob", BOB_SEATS)))
        .andGivenCurrentTime(T0.plus(Duration.ofMinutes(3)))
        .when(new SellHeldPlacesCommand(EVENT, "o2", "pay-2", CARD, "mb_bob"))
        .expectNoEvents()
        .expectResultMessagePayload(
            new HoldOutcome(EVENT, "o2", BOB_SEATS, T0.plus(HOLD), HoldStatus.REFUSED));
  }

  @Test
  void a_cancelled_sale_gives_its_places_back_to_the_cards_allowance() {
    fixture
        .given(
            capOfFourWith(
                held("o1", "alice", T0, "ORCH-A-1", "ORCH-A-2", "ORCH-A-3"),
                aliceBoughtThreeWith(CARD, "mb_alice"),
                new SaleCancelledEvent(EVENT, "o1", "alice", ALICE_SEATS, "dispute"),
                held("o2", "bob", T0, "ORCH-B-1", "ORCH-B-2")))
        .andGivenCurrentTime(T0.plus(Duration.ofMinutes(2)))
        .when(new SellHeldPlacesCommand(EVENT, "o2", "pay-2", CARD, "mb_bob"))
        .expectEvents(
            new HeldPlacesSoldEvent(EVENT, "o2", "bob", BOB_SEATS, "pay-2", CARD, "mb_bob"));
  }

  @Test
  void a_late_payment_over_the_cap_is_refused_and_sells_nothing() {
    List<Object> history =
        new ArrayList<>(onSale(new SalesLimits(4, 4, HOLD, /* latePaymentAccepted= */ true)));
    history.addAll(
        List.of(
            held("o1", "alice", T0, "ORCH-A-1", "ORCH-A-2", "ORCH-A-3"),
            aliceBoughtThreeWith(CARD, "mb_alice"),
            held("o2", "bob", T0, "ORCH-B-1", "ORCH-B-2"),
            new HoldExpiredEvent(EVENT, "o2", "bob", BOB_SEATS)));
    fixture
        .given(history)
        .andGivenCurrentTime(T0.plus(HOLD).plusSeconds(30))
        .when(new SellHeldPlacesCommand(EVENT, "o2", "pay-2", CARD, "mb_bob"))
        .expectEvents(
            new PurchaseCapExceededEvent(
                EVENT, "o2", "bob", BOB_SEATS, "pay-2", PurchaseCap.CARD, 4, 3))
        .expectResultMessagePayload(
            new HoldOutcome(EVENT, "o2", BOB_SEATS, T0.plus(HOLD), HoldStatus.REFUSED));
  }

  @Test
  void a_sale_without_fingerprints_is_bound_by_the_account_cap_only() {
    fixture
        .given(
            capOfFourWith(
                held("o1", "alice", T0, "ORCH-A-1", "ORCH-A-2", "ORCH-A-3"),
                aliceBoughtThreeWith(CARD, MAILBOX),
                held("o2", "bob", T0, "ORCH-B-1", "ORCH-B-2")))
        .andGivenCurrentTime(T0.plus(Duration.ofMinutes(2)))
        .when(new SellHeldPlacesCommand(EVENT, "o2", "pay-2"))
        .expectEvents(new HeldPlacesSoldEvent(EVENT, "o2", "bob", BOB_SEATS, "pay-2"));
  }

  @Test
  void cancelling_a_sale_of_a_capped_card_still_works() {
    fixture
        .given(
            capOfFourWith(
                held("o1", "alice", T0, "ORCH-A-1", "ORCH-A-2", "ORCH-A-3"),
                aliceBoughtThreeWith(CARD, MAILBOX)))
        .andGivenCurrentTime(T0.plus(Duration.ofMinutes(2)))
        .when(new CancelSaleCommand(EVENT, "o1", "dispute"))
        .expectEvents(new SaleCancelledEvent(EVENT, "o1", "alice", ALICE_SEATS, "dispute"));
  }
}
