package fr.guichet.command.order;

import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * A manager cancels some places of a confirmed order, after its Event freed them. Answers the
 * order's {@link PlacesCancellation}: what those places were paid by the order's recorded pricing.
 * Repeating it with the same {@code cancellationId} changes nothing and answers the same.
 *
 * @param cancellationId the manager's request (from its Idempotency-Key)
 * @param cancelledBy the manager
 */
public record CancelOrderPlacesCommand(
    @TargetAggregateIdentifier String orderId,
    String cancellationId,
    List<String> placeIds,
    String reason,
    String cancelledBy) {}
