package fr.guichet.query.setup;

import fr.guichet.api.event.SalesLimits;
import fr.guichet.api.event.SeatingPlan;
import java.time.Instant;
import java.util.List;

/**
 * An event's whole configuration for the manager's and the director's pages: details, stage, the
 * last rejection's reason, why sales are paused (while they are), seating plan, sales limits (the
 * defaults until the manager sets them), scheduled opening and blocked places with their reasons.
 */
public record EventSetup(
    String eventId,
    long version,
    String title,
    String venue,
    Instant startsAt,
    String description,
    SetupStage stage,
    String rejectionReason,
    String pauseReason,
    Instant submittedAt,
    Instant opensAt,
    SeatingPlan plan,
    long capacity,
    Limits limits,
    List<BlockedPlace> blocked,
    Instant updatedAt) {

  /**
   * Sales limits; {@code holdDuration} and {@code waitingListOfferDuration} (how long places
   * offered to the waiting list stay held) in ISO-8601 (e.g. PT10M); {@code latePaymentAccepted}:
   * whether a payment arriving after its hold expired still buys places that are all still free.
   */
  public record Limits(
      int maxPlacesPerOrder,
      int maxPlacesPerCustomer,
      String holdDuration,
      String waitingListOfferDuration,
      boolean latePaymentAccepted) {}

  public record BlockedPlace(String placeId, String reason) {}

  static EventSetup of(EventSetupDocument doc) {
    SalesLimits d = SalesLimits.DEFAULT;
    Limits limits =
        new Limits(
            doc.maxPlacesPerOrder() == null ? d.maxPlacesPerOrder() : doc.maxPlacesPerOrder(),
            doc.maxPlacesPerCustomer() == null
                ? d.maxPlacesPerCustomer()
                : doc.maxPlacesPerCustomer(),
            doc.holdDuration() == null ? d.holdDuration().toString() : doc.holdDuration(),
            doc.waitingListOfferDuration() == null
                ? d.waitingListOfferDuration().toString()
                : doc.waitingListOfferDuration(),
            doc.latePaymentAccepted() == null
                ? d.latePaymentAccepted()
                : doc.latePaymentAccepted());
    return new EventSetup(
        doc.eventId(),
        doc.version(),
        doc.title(),
        doc.venue(),
        doc.startsAt(),
        doc.description(),
        doc.stage(),
        doc.rejectionReason(),
        doc.pauseReason(),
        doc.submittedAt(),
        doc.opensAt(),
        doc.plan(),
        doc.capacity(),
        limits,
        doc.blocked().stream().map(b -> new BlockedPlace(b.placeId(), b.reason())).toList(),
        doc.updatedAt());
  }

  /** The same without the plan and blocked places, for lists. */
  EventSetup summary() {
    return new EventSetup(
        eventId,
        version,
        title,
        venue,
        startsAt,
        description,
        stage,
        rejectionReason,
        pauseReason,
        submittedAt,
        opensAt,
        null,
        capacity,
        limits,
        List.of(),
        updatedAt);
  }
}
