package fr.guichet.query.setup;

import static org.assertj.core.api.Assertions.assertThat;

import fr.guichet.api.event.EventDomainEvent.EventCreatedEvent;
import fr.guichet.api.event.EventDomainEvent.EventDetailsChangedEvent;
import fr.guichet.api.event.EventDomainEvent.PlacesBlockedEvent;
import fr.guichet.api.event.EventDomainEvent.PlacesUnblockedEvent;
import fr.guichet.api.event.EventDomainEvent.SalesApprovalRequestedEvent;
import fr.guichet.api.event.EventDomainEvent.SalesApprovedEvent;
import fr.guichet.api.event.EventDomainEvent.SalesLimitsSetEvent;
import fr.guichet.api.event.EventDomainEvent.SalesOpenedEvent;
import fr.guichet.api.event.EventDomainEvent.SalesPausedEvent;
import fr.guichet.api.event.EventDomainEvent.SalesRejectedEvent;
import fr.guichet.api.event.EventDomainEvent.SalesResumedEvent;
import fr.guichet.api.event.EventDomainEvent.SeatingPlanConfiguredEvent;
import fr.guichet.api.event.SalesLimits;
import fr.guichet.query.Plans;
import fr.guichet.query.support.EmbeddedMongo;
import fr.guichet.query.support.ViewGenerations;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EventSetupProjectionTest {

  private static final Instant AT = Instant.parse("2026-11-26T15:00:00Z");
  private static final Instant SHOW = Instant.parse("2027-07-14T19:30:00Z");
  private final EmbeddedMongo mongo = new EmbeddedMongo();
  private final EventSetupProjection projection =
      new EventSetupProjection(mongo.template(), new ViewGenerations(mongo.template()));

  @AfterEach
  void stop() {
    mongo.close();
  }

  private void festivalSubmitted() {
    projection.on(new EventCreatedEvent("ev-1", "Festival", "Halle", SHOW, ""), 0, AT);
    projection.on(new SeatingPlanConfiguredEvent("ev-1", Plans.smallHall(), 24), 1, AT);
    projection.on(
        new SalesLimitsSetEvent("ev-1", new SalesLimits(4, 6, Duration.ofMinutes(10))), 2, AT);
    projection.on(new PlacesBlockedEvent("ev-1", List.of("ORCH-A-1", "ORCH-A-2"), "régie"), 3, AT);
    projection.on(new SalesApprovalRequestedEvent("ev-1"), 4, AT.plusSeconds(60));
  }

  private EventSetup festival() {
    return projection.handle(new FindEventSetupQuery("ev-1")).join();
  }

  private List<String> idsAt(SetupStage... stages) {
    return projection
        .handle(new ListEventSetupsQuery(List.of(stages), 0, 20))
        .join()
        .items()
        .stream()
        .map(EventSetup::eventId)
        .toList();
  }

  @Test
  void a_submitted_draft_awaits_approval_with_its_plan_limits_and_blocked_places() {
    festivalSubmitted();
    EventSetup festival = festival();
    assertThat(festival.stage()).isEqualTo(SetupStage.AWAITING_APPROVAL);
    assertThat(festival.submittedAt()).isEqualTo(AT.plusSeconds(60));
    assertThat(festival.plan()).isEqualTo(Plans.smallHall());
    assertThat(festival.capacity()).isEqualTo(24);
    assertThat(festival.limits()).isEqualTo(new EventSetup.Limits(4, 6, "PT10M", "PT30M", false));
    assertThat(festival.blocked())
        .containsExactly(
            new EventSetup.BlockedPlace("ORCH-A-1", "régie"),
            new EventSetup.BlockedPlace("ORCH-A-2", "régie"));
    assertThat(idsAt(SetupStage.AWAITING_APPROVAL)).containsExactly("ev-1");
    assertThat(idsAt(SetupStage.DRAFT)).isEmpty();
  }

  @Test
  void a_new_event_has_the_default_limits_until_the_manager_sets_them() {
    projection.on(new EventCreatedEvent("ev-2", "Carmen", "Opéra", SHOW, "Bizet"), 0, AT);
    EventSetup carmen = projection.handle(new FindEventSetupQuery("ev-2")).join();
    assertThat(carmen.stage()).isEqualTo(SetupStage.DRAFT);
    assertThat(carmen.limits()).isEqualTo(new EventSetup.Limits(10, 10, "PT10M", "PT30M", false));
    assertThat(carmen.plan()).isNull();
  }

  @Test
  void the_page_shows_late_payments_accepted_as_the_manager_last_set_it() {
    festivalSubmitted();
    projection.on(
        new SalesLimitsSetEvent(
            "ev-1", new SalesLimits(4, 6, Duration.ofMinutes(10), true, Duration.ofMinutes(20))),
        5,
        AT);
    assertThat(festival().limits()).isEqualTo(new EventSetup.Limits(4, 6, "PT10M", "PT20M", true));

    projection.on(
        new SalesLimitsSetEvent("ev-1", new SalesLimits(4, 6, Duration.ofMinutes(10))), 6, AT);
    assertThat(festival().limits().latePaymentAccepted()).isFalse();
  }

  @Test
  void a_rejection_sends_the_event_back_to_draft_with_its_reason_until_resubmitted() {
    festivalSubmitted();
    projection.on(new SalesRejectedEvent("ev-1", "Tarifs trop élevés"), 5, AT);
    assertThat(festival().stage()).isEqualTo(SetupStage.DRAFT);
    assertThat(festival().rejectionReason()).isEqualTo("Tarifs trop élevés");
    projection.on(new SalesApprovalRequestedEvent("ev-1"), 6, AT);
    assertThat(festival().stage()).isEqualTo(SetupStage.AWAITING_APPROVAL);
    assertThat(festival().rejectionReason()).isNull();
  }

  @Test
  void a_pause_shows_its_reason_until_sales_resume() {
    festivalSubmitted();
    projection.on(new SalesApprovedEvent("ev-1"), 5, AT);
    projection.on(new SalesOpenedEvent("ev-1"), 6, AT);
    projection.on(new SalesPausedEvent("ev-1", "alerte orage"), 7, AT);
    assertThat(festival().stage()).isEqualTo(SetupStage.PAUSED);
    assertThat(festival().pauseReason()).isEqualTo("alerte orage");
    projection.on(new SalesResumedEvent("ev-1"), 8, AT);
    assertThat(festival().stage()).isEqualTo(SetupStage.ON_SALE);
    assertThat(festival().pauseReason()).isNull();
  }

  @Test
  void approval_opening_and_corrected_details_show_at_once() {
    festivalSubmitted();
    projection.on(new SalesApprovedEvent("ev-1"), 5, AT);
    projection.on(
        new EventDetailsChangedEvent("ev-1", "Festival des Nuits", "Grande Halle", SHOW, "3 nuits"),
        6,
        AT);
    projection.on(new SalesOpenedEvent("ev-1"), 7, AT.plusSeconds(120));
    EventSetup festival = festival();
    assertThat(festival.stage()).isEqualTo(SetupStage.ON_SALE);
    assertThat(festival.opensAt()).isEqualTo(AT.plusSeconds(120));
    assertThat(festival.title()).isEqualTo("Festival des Nuits");
    assertThat(festival.venue()).isEqualTo("Grande Halle");
    assertThat(festival.description()).isEqualTo("3 nuits");
    assertThat(idsAt(SetupStage.ON_SALE, SetupStage.PAUSED)).containsExactly("ev-1");
  }

  @Test
  void unblocking_and_a_new_plan_forget_places_no_longer_blocked_or_no_longer_there() {
    festivalSubmitted();
    projection.on(new PlacesUnblockedEvent("ev-1", List.of("ORCH-A-1")), 5, AT);
    assertThat(festival().blocked())
        .containsExactly(new EventSetup.BlockedPlace("ORCH-A-2", "régie"));
  }

  @Test
  void applying_every_event_twice_changes_nothing() {
    festivalSubmitted();
    List<Document> once = mongo.all("event_setups_g1");
    festivalSubmitted();
    assertThat(mongo.all("event_setups_g1")).isEqualTo(once);
    assertThat(festival().blocked()).hasSize(2);
  }

  @Test
  void the_list_leaves_plans_out() {
    festivalSubmitted();
    EventSetupPage page = projection.handle(new ListEventSetupsQuery(null, 0, 20)).join();
    assertThat(page.total()).isEqualTo(1);
    assertThat(page.items().get(0).plan()).isNull();
    assertThat(page.items().get(0).title()).isEqualTo("Festival");
  }
}
