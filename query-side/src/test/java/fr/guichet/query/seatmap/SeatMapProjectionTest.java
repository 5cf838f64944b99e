package fr.guichet.query.seatmap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;

import fr.guichet.api.event.EventDomainEvent.HeldPlacesSoldEvent;
import fr.guichet.api.event.EventDomainEvent.HoldExpiredEvent;
import fr.guichet.api.event.EventDomainEvent.LatePaymentAcceptedEvent;
import fr.guichet.api.event.EventDomainEvent.PlacesBlockedEvent;
import fr.guichet.api.event.EventDomainEvent.PlacesHeldEvent;
import fr.guichet.api.event.EventDomainEvent.SaleCancelledEvent;
import fr.guichet.api.event.EventDomainEvent.SeatingPlanConfiguredEvent;
import fr.guichet.api.event.EventDomainEvent.SoldPlacesCancelledEvent;
import fr.guichet.api.event.PriceCategory;
import fr.guichet.api.event.PriceTier;
import fr.guichet.api.event.SeatBlock;
import fr.guichet.api.event.SeatingPlan;
import fr.guichet.api.event.Section;
import fr.guichet.api.query.FindPlaceAvailabilityQuery;
import fr.guichet.api.query.PlaceState;
import fr.guichet.query.Plans;
import fr.guichet.query.support.EmbeddedMongo;
import fr.guichet.query.support.NotFoundException;
import fr.guichet.query.support.ViewGenerations;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SeatMapProjectionTest {

  private final EmbeddedMongo mongo = new EmbeddedMongo();
  private final ViewGenerations generations = new ViewGenerations(mongo.template());
  private final SeatMapStore store = new SeatMapStore(mongo.template(), generations);
  private AvailabilityBoard board = new AvailabilityBoard(store);
  private SeatMapProjection projection = projection();

  private SeatMapProjection projection() {
    return new SeatMapProjection(store, board, mock(QueryUpdateEmitter.class), generations);
  }

  @AfterEach
  void stop() {
    mongo.close();
  }

  private static final Instant AT = Instant.parse("2026-11-26T15:00:00Z");

  private void history() {
    projection.on(new SeatingPlanConfiguredEvent("ev-1", Plans.smallHall(), 24), 1);
    projection.on(
        new PlacesHeldEvent("ev-1", "o-1", "c-1", List.of("ORCH-A-1", "ORCH-A-2"), AT, "d-1"), 5);
    projection.on(new PlacesBlockedEvent("ev-1", List.of("BALC-A-1"), "camera"), 6);
    projection.on(
        new HeldPlacesSoldEvent("ev-1", "o-1", "c-1", List.of("ORCH-A-1", "ORCH-A-2"), "pay-1"), 7);
    projection.on(new PlacesHeldEvent("ev-1", "o-2", "c-2", List.of("FOSSE-1"), AT, "d-2"), 8);
    projection.on(new HoldExpiredEvent("ev-1", "o-2", "c-2", List.of("FOSSE-1")), 9);
  }

  @Test
  void stores_the_places_that_are_not_free_with_the_version_of_the_last_event() {
    history();
    Document availability = mongo.all("seatmap_availability_g1").get(0);
    assertThat(availability.getLong("version")).isEqualTo(9);
    assertThat(availability.get("states", Document.class))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("ORCH-A-1", "SOLD", "ORCH-A-2", "SOLD", "BALC-A-1", "BLOCKED"));
    assertThat(board.get("ev-1").snapshot().states()).startsWith("SSFFF").contains("B");
  }

  @Test
  void a_refund_frees_its_seats_and_a_late_payment_sells_free_ones() {
    history();
    projection.on(
        new SaleCancelledEvent("ev-1", "o-1", "c-1", List.of("ORCH-A-1", "ORCH-A-2"), "refund"),
        10);
    projection.on(new LatePaymentAcceptedEvent("ev-1", "o-2", "c-2", List.of("FOSSE-1"), "p2"), 11);
    Document availability = mongo.all("seatmap_availability_g1").get(0);
    assertThat(availability.getLong("version")).isEqualTo(11);
    assertThat(availability.get("states", Document.class))
        .containsExactlyInAnyOrderEntriesOf(Map.of("BALC-A-1", "BLOCKED", "FOSSE-1", "SOLD"));
    assertThat(board.get("ev-1").snapshot().states()).startsWith("FFFFF");
  }

  @Test
  void cancelled_places_of_a_sale_are_free_at_once_and_the_kept_ones_stay_sold() {
    history();
    SoldPlacesCancelledEvent cancelled =
        new SoldPlacesCancelledEvent(
            "ev-1",
            "o-1",
            "c-1",
            "cancel-1",
            List.of("ORCH-A-2"),
            List.of("ORCH-A-1"),
            "seat broken",
            "manager-1");
    projection.on(cancelled, 10);
    projection.on(cancelled, 10);
    Document availability = mongo.all("seatmap_availability_g1").get(0);
    assertThat(availability.getLong("version")).isEqualTo(10);
    assertThat(availability.get("states", Document.class))
        .containsExactlyInAnyOrderEntriesOf(Map.of("ORCH-A-1", "SOLD", "BALC-A-1", "BLOCKED"));
    assertThat(board.get("ev-1").snapshot().states()).startsWith("SFFFF");
  }

  @Test
  void applying_every_event_twice_changes_nothing() {
    history();
    List<Document> once = mongo.all("seatmap_availability_g1");
    List<Document> layoutsOnce = mongo.all("seatmap_layouts_g1");
    String snapshotOnce = board.get("ev-1").snapshot().states();
    history();
    assertThat(mongo.all("seatmap_availability_g1")).isEqualTo(once);
    assertThat(mongo.all("seatmap_layouts_g1")).isEqualTo(layoutsOnce);
    assertThat(board.get("ev-1").snapshot().states()).isEqualTo(snapshotOnce);
    assertThat(board.get("ev-1").version()).isEqualTo(9);
  }

  @Test
  void a_batch_is_written_once_at_commit_and_equals_event_by_event_writes() {
    projection.on(new SeatingPlanConfiguredEvent("ev-1", Plans.smallHall(), 24), 1);
    List<Document> before = mongo.all("seatmap_availability_g1");
    UnitOfWork<?> batch = DefaultUnitOfWork.startAndGet(null);
    projection.on(
        new PlacesHeldEvent("ev-1", "o-1", "c-1", List.of("ORCH-A-1", "ORCH-A-2"), AT, "d-1"), 5);
    projection.on(new PlacesBlockedEvent("ev-1", List.of("BALC-A-1"), "camera"), 6);
    projection.on(
        new HeldPlacesSoldEvent("ev-1", "o-1", "c-1", List.of("ORCH-A-1", "ORCH-A-2"), "pay-1"), 7);
    projection.on(new PlacesHeldEvent("ev-1", "o-2", "c-2", List.of("FOSSE-1"), AT, "d-2"), 8);
    projection.on(new HoldExpiredEvent("ev-1", "o-2", "c-2", List.of("FOSSE-1")), 9);
    assertThat(mongo.all("seatmap_availability_g1")).as("nothing written yet").isEqualTo(before);
    assertThat(board.get("ev-1").version()).as("the board is live at once").isEqualTo(9);
    batch.commit();
    List<Document> batched = mongo.all("seatmap_availability_g1");

    UnitOfWork<?> replayed = DefaultUnitOfWork.startAndGet(null);
    history();
    replayed.commit();
    assertThat(mongo.all("seatmap_availability_g1")).isEqualTo(batched);
    assertThat(batched.get(0).getLong("version")).isEqualTo(9);
    assertThat(batched.get(0).get("states", Document.class))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("ORCH-A-1", "SOLD", "ORCH-A-2", "SOLD", "BALC-A-1", "BLOCKED"));
  }

  @Test
  void a_new_plan_inside_a_batch_sees_the_marks_before_it() {
    projection.on(new SeatingPlanConfiguredEvent("ev-1", Plans.smallHall(), 24), 1);
    UnitOfWork<?> batch = DefaultUnitOfWork.startAndGet(null);
    projection.on(new PlacesHeldEvent("ev-1", "o-1", "c-1", List.of("ORCH-A-1"), AT, "d-1"), 2);
    projection.on(new SeatingPlanConfiguredEvent("ev-1", Plans.smallHall(), 24), 3);
    projection.on(new PlacesHeldEvent("ev-1", "o-2", "c-2", List.of("ORCH-A-2"), AT, "d-2"), 4);
    batch.commit();
    Document availability = mongo.all("seatmap_availability_g1").get(0);
    assertThat(availability.getLong("version")).isEqualTo(4);
    assertThat(availability.get("states", Document.class)).containsOnlyKeys("ORCH-A-1", "ORCH-A-2");
    assertThat(board.get("ev-1").snapshot().states()).startsWith("HHF");
  }

  @Test
  void a_replayed_old_event_does_not_undo_a_newer_one() {
    history();
    projection.on(
        new PlacesHeldEvent("ev-1", "o-1", "c-1", List.of("ORCH-A-1", "ORCH-A-2"), AT, "d-1"), 5);
    assertThat(board.get("ev-1").statesOf(List.of("ORCH-A-1")).states())
        .containsEntry("ORCH-A-1", PlaceState.SOLD);
    assertThat(mongo.all("seatmap_availability_g1").get(0).get("states", Document.class))
        .containsEntry("ORCH-A-1", "SOLD");
  }

  @Test
  void a_restarted_board_resumes_from_mongodb() {
    history();
    board = new AvailabilityBoard(store);
    assertThat(board.get("ev-1").version()).isEqualTo(9);
    assertThat(board.get("ev-1").snapshot().states()).startsWith("SSFFF");
  }

  @Test
  void a_new_plan_keeps_the_states_of_the_places_it_keeps() {
    history();
    SeatingPlan smaller =
        new SeatingPlan(
            List.of(new PriceCategory("CARRE_OR", "Carré Or", List.of(new PriceTier("F", "F", 1)))),
            List.of(
                new Section(
                    "ORCH", "Orchestre", List.of(new SeatBlock("A", 1, 3, "CARRE_OR", Set.of())))),
            List.of());
    projection.on(new SeatingPlanConfiguredEvent("ev-1", smaller, 3), 10);
    assertThat(board.get("ev-1").snapshot().states()).isEqualTo("SSF");
    assertThat(board.get("ev-1").layout().placeCount()).isEqualTo(3);
    assertThat(mongo.all("seatmap_availability_g1").get(0).get("states", Document.class))
        .containsOnlyKeys("ORCH-A-1", "ORCH-A-2");
  }

  @Test
  void the_query_handler_answers_place_states_and_404_for_an_unknown_event() {
    history();
    var answer =
        projection.handle(new FindPlaceAvailabilityQuery("ev-1", List.of("ORCH-A-1", "ORCH-B-1")));
    assertThat(answer.version()).isEqualTo(9);
    assertThat(answer.states())
        .containsEntry("ORCH-A-1", PlaceState.SOLD)
        .containsEntry("ORCH-B-1", PlaceState.FREE);
    assertThatThrownBy(() -> projection.handle(new FindPlaceAvailabilityQuery("nope", List.of())))
        .isInstanceOf(NotFoundException.class);
  }
}
