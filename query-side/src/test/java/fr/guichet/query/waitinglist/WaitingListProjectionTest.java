package fr.guichet.query.waitinglist;

import static org.assertj.core.api.Assertions.assertThat;

import fr.guichet.api.event.EventDomainEvent.SalesClosedEvent;
import fr.guichet.api.event.EventDomainEvent.WaitingListExit;
import fr.guichet.api.event.EventDomainEvent.WaitingListJoinedEvent;
import fr.guichet.api.event.EventDomainEvent.WaitingListLeftEvent;
import fr.guichet.api.event.EventDomainEvent.WaitingListOfferMadeEvent;
import fr.guichet.api.event.PlaceSelection;
import fr.guichet.query.support.EmbeddedMongo;
import fr.guichet.query.support.ViewGenerations;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WaitingListProjectionTest {

  private static final Instant T0 = Instant.parse("2026-11-27T18:00:00Z");
  private final EmbeddedMongo mongo = new EmbeddedMongo();
  private final WaitingListProjection projection =
      new WaitingListProjection(mongo.template(), new ViewGenerations(mongo.template()));

  @AfterEach
  void stop() {
    mongo.close();
  }

  private void join(String customer, String area, int quantity, long seq) {
    projection.on(
        new WaitingListJoinedEvent(
            "ev-1",
            customer,
            "o-" + customer,
            PlaceSelection.bestAvailable(area, quantity, false),
            "fr"),
        seq,
        T0.plusSeconds(seq));
  }

  private WaitingListView placeOf(String customer) {
    return projection.handle(new FindWaitingListPlaceQuery("ev-1", customer)).join();
  }

  private WaitingListSummary summary() {
    return projection.handle(new FindWaitingListSummaryQuery("ev-1")).join();
  }

  private void threeBuyersJoin() {
    join("alice", "OR", 2, 10);
    join("bob", "OR", 1, 11);
    projection.on(
        new WaitingListJoinedEvent(
            "ev-1", "carol", "o-carol", PlaceSelection.standing("FOSSE", 3), "en"),
        12,
        T0.plusSeconds(12));
  }

  @Test
  void buyers_are_placed_in_the_order_they_joined() {
    threeBuyersJoin();

    WaitingListView carol = placeOf("carol");
    assertThat(carol.status()).isEqualTo(WaitingListStatus.WAITING);
    assertThat(carol.position()).isEqualTo(3);
    assertThat(carol.waiting()).isEqualTo(3);
    assertThat(carol.orderId()).isEqualTo("o-carol");
    assertThat(carol.joinedAt()).isEqualTo(T0.plusSeconds(12));
    assertThat(carol.wanted())
        .isEqualTo(new WaitingListView.Wanted(PlaceSelection.Kind.STANDING, "FOSSE", 3));
    assertThat(placeOf("alice").position()).isEqualTo(1);
    assertThat(placeOf("bob").position()).isEqualTo(2);
  }

  @Test
  void a_buyer_who_never_joined_has_no_place() {
    threeBuyersJoin();

    assertThat(placeOf("dave")).isNull();
    assertThat(projection.handle(new FindWaitingListPlaceQuery("ev-2", "alice")).join()).isNull();
  }

  @Test
  void an_offer_holds_places_for_the_buyer_and_moves_the_others_up() {
    threeBuyersJoin();
    projection.on(
        new WaitingListOfferMadeEvent(
            "ev-1",
            "alice",
            "o-alice",
            List.of("ORCH-A-1", "ORCH-A-2"),
            T0.plusSeconds(1800),
            "fr"),
        14,
        T0.plusSeconds(14));

    WaitingListView alice = placeOf("alice");
    assertThat(alice.status()).isEqualTo(WaitingListStatus.OFFERED);
    assertThat(alice.position()).isZero();
    assertThat(alice.placeIds()).containsExactly("ORCH-A-1", "ORCH-A-2");
    assertThat(alice.heldUntil()).isEqualTo(T0.plusSeconds(1800));
    assertThat(alice.orderId()).isEqualTo("o-alice");
    assertThat(placeOf("bob").position()).isEqualTo(1);
    assertThat(placeOf("carol").position()).isEqualTo(2);
    assertThat(placeOf("carol").waiting()).isEqualTo(2);
  }

  @Test
  void a_buyer_who_leaves_is_no_longer_counted_and_may_join_again_at_the_end() {
    threeBuyersJoin();
    projection.on(
        new WaitingListLeftEvent("ev-1", "alice", "o-alice", WaitingListExit.LEFT),
        13,
        T0.plusSeconds(13));

    assertThat(placeOf("alice").status()).isEqualTo(WaitingListStatus.LEFT);
    assertThat(placeOf("alice").position()).isZero();
    assertThat(placeOf("bob").position()).isEqualTo(1);

    join("alice", "OR", 1, 20);
    assertThat(placeOf("alice").status()).isEqualTo(WaitingListStatus.WAITING);
    assertThat(placeOf("alice").position()).isEqualTo(3);
    assertThat(placeOf("alice").wanted().quantity()).isEqualTo(1);
  }

  @Test
  void a_buyer_at_their_purchase_limit_leaves_the_list_with_that_reason() {
    threeBuyersJoin();
    projection.on(
        new WaitingListLeftEvent("ev-1", "bob", "o-bob", WaitingListExit.CUSTOMER_LIMIT),
        13,
        T0.plusSeconds(13));

    assertThat(placeOf("bob").status()).isEqualTo(WaitingListStatus.CUSTOMER_LIMIT);
    assertThat(placeOf("carol").position()).isEqualTo(2);
    assertThat(summary().customerLimit()).isEqualTo(1);
  }

  @Test
  void closing_the_sales_voids_the_list_but_keeps_the_offers() {
    threeBuyersJoin();
    projection.on(
        new WaitingListOfferMadeEvent(
            "ev-1", "alice", "o-alice", List.of("ORCH-A-1"), T0.plusSeconds(1800), "fr"),
        13,
        T0.plusSeconds(13));
    UnitOfWork<?> batch = DefaultUnitOfWork.startAndGet(null);
    join("dave", "OR", 1, 14);
    projection.on(new SalesClosedEvent("ev-1"), 15, T0.plusSeconds(15));
    batch.commit();

    assertThat(placeOf("alice").status()).isEqualTo(WaitingListStatus.OFFERED);
    assertThat(placeOf("bob").status()).isEqualTo(WaitingListStatus.CLOSED);
    assertThat(placeOf("dave").status()).isEqualTo(WaitingListStatus.CLOSED);
    assertThat(placeOf("carol").position()).isZero();
    assertThat(summary()).isEqualTo(new WaitingListSummary("ev-1", 0, 1, 0, 0, 3, Map.of()));
  }

  @Test
  void the_staff_summary_counts_each_status_and_the_places_wanted_by_area() {
    threeBuyersJoin();
    join("dave", "OR", 4, 13);
    projection.on(
        new WaitingListLeftEvent("ev-1", "bob", "o-bob", WaitingListExit.LEFT),
        14,
        T0.plusSeconds(14));

    assertThat(summary())
        .isEqualTo(new WaitingListSummary("ev-1", 3, 0, 1, 0, 0, Map.of("OR", 6L, "FOSSE", 3L)));
  }

  @Test
  void replaying_the_history_in_one_batch_or_again_gives_the_same_list() {
    UnitOfWork<?> batch = DefaultUnitOfWork.startAndGet(null);
    threeBuyersJoin();
    projection.on(
        new WaitingListLeftEvent("ev-1", "alice", "o-alice", WaitingListExit.LEFT),
        13,
        T0.plusSeconds(13));
    batch.commit();
    List<Document> once = mongo.all("waiting_list_g1");

    threeBuyersJoin();
    projection.on(
        new WaitingListLeftEvent("ev-1", "alice", "o-alice", WaitingListExit.LEFT),
        13,
        T0.plusSeconds(13));

    assertThat(mongo.all("waiting_list_g1")).isEqualTo(once);
    assertThat(placeOf("alice").status()).isEqualTo(WaitingListStatus.LEFT);
    assertThat(placeOf("bob").position()).isEqualTo(1);
  }
}
