package fr.guichet.query.setup;

import fr.guichet.api.event.SeatingPlan;
import java.time.Instant;
import java.util.List;
import org.springframework.data.annotation.Id;

/**
 * One event as the box office configures it. {@code holdDuration} is kept as ISO-8601 text.
 *
 * @param version sequence number of the last event of this Event applied here
 */
record EventSetupDocument(
    @Id String eventId,
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
    Integer maxPlacesPerOrder,
    Integer maxPlacesPerCustomer,
    String holdDuration,
    String waitingListOfferDuration,
    Boolean latePaymentAccepted,
    List<BlockedPlace> blocked,
    Instant updatedAt) {

  record BlockedPlace(String placeId, String reason) {}

  EventSetupDocument {
    blocked = blocked == null ? List.of() : blocked;
  }
}
