package fr.guichet.query.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.guichet.api.event.EventDomainEvent.EventCreatedEvent;
import fr.guichet.api.event.EventDomainEvent.EventDetailsChangedEvent;
import fr.guichet.api.event.EventDomainEvent.HeldPlacesSoldEvent;
import fr.guichet.api.event.EventDomainEvent.HoldReleasedEvent;
import fr.guichet.api.event.EventDomainEvent.PlacesBlockedEvent;
import fr.guichet.api.event.EventDomainEvent.PlacesHeldEvent;
import fr.guichet.api.event.EventDomainEvent.SalesApprovedEvent;
import fr.guichet.api.event.EventDomainEvent.SalesOpenedEvent;
import fr.guichet.api.event.EventDomainEvent.SeatingPlanConfiguredEvent;
import fr.guichet.api.event.EventDomainEvent.SoldPlacesCancelledEvent;
import fr.guichet.api.event.SalesState;
import fr.guichet.query.Plans;
import fr.guichet.query.support.BadQueryException;
import fr.guichet.query.support.EmbeddedMongo;
import fr.guichet.query.support.ViewGenerations;
import java.time.Instant;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CatalogProjectionTest {

  private static final Instant AT = Instant.parse("2026-11-26T15:00:00Z");
  private final EmbeddedMongo mongo = new EmbeddedMongo();
  private final CatalogProjection projection =
      new CatalogProjection(mongo.template(), new ViewGenerations(mongo.template()));

  @AfterEach
  void stop() {
    mongo.close();
  }

  private void carmenOnSale() {
    projection.on(
        new EventCreatedEvent(
            "ev-1", "Carmen", "Opéra Garnier", Instant.parse("2027-03-14T20:00:00Z"), "Bizet"),
        0);
    projection.on(new SeatingPlanConfiguredEvent("ev-1", Plans.smallHall(), 24), 1);
    projection.on(new SalesApprovedEvent("ev-1"), 2);
    projection.on(new SalesOpenedEvent("ev-1"), 3);
    projection.on(
        new PlacesHeldEvent("ev-1", "o-1", "c-1", List.of("ORCH-A-1", "ORCH-A-2"), AT, "d"), 4);
    projection.on(
        new HeldPlacesSoldEvent("ev-1", "o-1", "c-1", List.of("ORCH-A-1", "ORCH-A-2"), "p"), 5);
    projection.on(new PlacesHeldEvent("ev-1", "o-2", "c-2", List.of("FOSSE-1"), AT, "d"), 6);
    projection.on(new PlacesBlockedEvent("ev-1", List.of("BALC-A-1"), "camera"), 7);
    projection.on(new PlacesHeldEvent("ev-1", "o-3", "c-3", List.of("BALC-A-2"), AT, "d"), 8);
    projection.on(new HoldReleasedEvent("ev-1", "o-3", "c-3", List.of("BALC-A-2")), 9);
  }

  private CatalogEvent carmen() {
    return projection.handle(new FindCatalogEventQuery("ev-1")).join();
  }

  @Test
  void counts_free_held_sold_and_blocked_places_per_category() {
    carmenOnSale();
    CatalogEvent carmen = carmen();
    assertThat(carmen.salesState()).isEqualTo(SalesState.ON_SALE);
    assertThat(carmen.capacity()).isEqualTo(24);
    assertThat(carmen.sold()).isEqualTo(2);
    assertThat(carmen.held()).isEqualTo(1);
    assertThat(carmen.free()).isEqualTo(20);
    assertThat(carmen.categories())
        .containsExactly(
            new CatalogEvent.Category("CARRE_OR", "Carré Or", 6000, 8000, 10, 8, 0, 2, 0),
            new CatalogEvent.Category("CAT2", "Catégorie 2", 3500, 3500, 4, 3, 0, 0, 1),
            new CatalogEvent.Category("FOSSE", "Fosse", 2000, 2000, 10, 9, 1, 0, 0));
  }

  @Test
  void cancelled_places_of_a_sale_are_available_again_once() {
    carmenOnSale();
    SoldPlacesCancelledEvent cancelled =
        new SoldPlacesCancelledEvent(
            "ev-1", "o-1", "c-1", "x1", List.of("ORCH-A-2"), List.of("ORCH-A-1"), "broken", "m");
    projection.on(cancelled, 10);
    projection.on(cancelled, 10);
    CatalogEvent carmen = carmen();
    assertThat(carmen.sold()).isEqualTo(1);
    assertThat(carmen.free()).isEqualTo(21);
    assertThat(carmen.categories().get(0))
        .isEqualTo(new CatalogEvent.Category("CARRE_OR", "Carré Or", 6000, 8000, 10, 9, 0, 1, 0));
  }

  @Test
  void corrected_details_replace_the_title_venue_time_description_and_search_words() {
    carmenOnSale();
    Instant later = Instant.parse("2027-03-15T19:00:00Z");
    projection.on(
        new EventDetailsChangedEvent("ev-1", "Carmen (reprise)", "Bastille", later, "Bizet, 1875"),
        10);
    CatalogEvent carmen = carmen();
    assertThat(carmen.title()).isEqualTo("Carmen (reprise)");
    assertThat(carmen.venue()).isEqualTo("Bastille");
    assertThat(carmen.startsAt()).isEqualTo(later);
    assertThat(carmen.description()).isEqualTo("Bizet, 1875");
    assertThat(
            projection
                .handle(
                    new SearchCatalogQuery(
                        "reprise bastille", null, null, null, null, null, null, null, 0, 10))
                .join()
                .items())
        .extracting(CatalogEvent::eventId)
        .containsExactly("ev-1");
    assertThat(carmen().sold()).isEqualTo(2);
  }

  @Test
  void applying_every_event_twice_changes_nothing() {
    carmenOnSale();
    List<Document> once = mongo.all("catalog_events_g1");
    carmenOnSale();
    assertThat(mongo.all("catalog_events_g1")).isEqualTo(once);
    assertThat(carmen().sold()).isEqualTo(2);
  }

  @Test
  void a_new_plan_keeps_held_and_sold_counts_and_recounts_blocked_places() {
    carmenOnSale();
    projection.on(new SeatingPlanConfiguredEvent("ev-1", Plans.smallHall(), 24), 10);
    CatalogEvent carmen = carmen();
    assertThat(carmen.categories().get(0).sold()).isEqualTo(2);
    assertThat(carmen.categories().get(1).blocked()).isEqualTo(1);
    assertThat(carmen.free()).isEqualTo(20);
  }

  @Test
  void searches_by_text_dates_venue_category_and_availability() {
    carmenOnSale();
    projection.on(
        new EventCreatedEvent(
            "ev-2", "Tosca", "Bastille", Instant.parse("2027-05-01T19:30:00Z"), "Puccini"),
        0);
    projection.on(new SeatingPlanConfiguredEvent("ev-2", Plans.smallHall(), 24), 1);
    projection.on(new SalesApprovedEvent("ev-2"), 2);
    projection.on(
        new EventCreatedEvent(
            "ev-3", "Draft", "Bastille", Instant.parse("2027-06-01T19:30:00Z"), ""),
        0);

    assertThat(ids(search("bizet garnier", null, null, null, null, null, "startsAt")))
        .containsExactly("ev-1");
    assertThat(ids(search(null, null, null, null, null, null, "-startsAt")))
        .as("drafts stay out of the public catalog")
        .containsExactly("ev-2", "ev-1");
    assertThat(
            ids(
                search(
                    null,
                    Instant.parse("2027-04-01T00:00:00Z"),
                    Instant.parse("2027-12-31T00:00:00Z"),
                    null,
                    null,
                    null,
                    null)))
        .containsExactly("ev-2");
    assertThat(ids(search(null, null, null, "bastille", null, null, null))).containsExactly("ev-2");
    assertThat(ids(search(null, null, null, null, "FOSSE", true, null))).hasSize(2);
    assertThat(ids(search(null, null, null, null, "NOPE", null, null))).isEmpty();
    assertThat(ids(search(null, null, null, null, null, false, null))).isEmpty();
  }

  @Test
  void pages_through_results_with_the_total() {
    carmenOnSale();
    projection.on(
        new EventCreatedEvent(
            "ev-2", "Tosca", "Bastille", Instant.parse("2027-05-01T19:30:00Z"), ""),
        0);
    projection.on(new SalesApprovedEvent("ev-2"), 1);
    CatalogPage second =
        projection
            .handle(new SearchCatalogQuery(null, null, null, null, null, null, null, "title", 1, 1))
            .join();
    assertThat(second.total()).isEqualTo(2);
    assertThat(ids(second)).containsExactly("ev-2");
  }

  @Test
  void refuses_page_sizes_over_the_maximum_and_unknown_sorts() {
    assertThatThrownBy(
            () -> new SearchCatalogQuery(null, null, null, null, null, null, null, null, 0, 101))
        .isInstanceOf(BadQueryException.class)
        .hasMessageContaining("100");
    assertThatThrownBy(
            () -> new SearchCatalogQuery(null, null, null, null, null, null, null, "price", 0, 10))
        .isInstanceOf(BadQueryException.class);
    assertThatThrownBy(
            () -> new SearchCatalogQuery(null, null, null, null, "a.b", null, null, null, 0, 10))
        .isInstanceOf(BadQueryException.class);
  }

  private CatalogPage search(
      String text,
      Instant from,
      Instant to,
      String venue,
      String category,
      Boolean available,
      String sort) {
    return projection
        .handle(
            new SearchCatalogQuery(text, from, to, venue, category, available, null, sort, 0, 20))
        .join();
  }

  private static List<String> ids(CatalogPage page) {
    return page.items().stream().map(CatalogEvent::eventId).toList();
  }
}
