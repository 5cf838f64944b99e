package fr.guichet.command.boxoffice;

import fr.guichet.api.event.EventCommand.CancelSaleCommand;
import fr.guichet.api.event.EventCommand.CancelSoldPlacesCommand;
import fr.guichet.api.event.HoldOutcome;
import fr.guichet.api.payment.PaymentEvent.RefundReason;
import fr.guichet.command.order.BoxOfficeSale;
import fr.guichet.command.order.CancelOrderPlacesCommand;
import fr.guichet.command.order.PlacesCancellation;
import fr.guichet.command.payment.PaymentCommands.RequestPartialRefundCommand;
import fr.guichet.command.payment.PaymentCommands.RequestRefundCommand;
import fr.guichet.command.payment.PaymentDetails.PaymentStatus;
import fr.guichet.command.ticket.TicketCommands.DescribeTicketsCommand;
import fr.guichet.command.ticket.TicketCommands.IssuedTickets;
import fr.guichet.command.ticket.TicketCommands.RevokePlaceTicketsCommand;
import fr.guichet.command.ticket.TicketCommands.RevokeTicketsCommand;
import fr.guichet.command.web.Actor;
import fr.guichet.command.web.Actor.Role;
import fr.guichet.command.web.CommandSender;
import fr.guichet.command.web.IdempotencyKeys;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * The box office cancels a paid order (dispute, cancellation), in whole or some of its places: the
 * places go back on sale at once, their tickets are revoked, what they were paid is refunded
 * through the payment's provider (or owed at the counter for a box-office sale) and the buyer is
 * e-mailed. Every step is an event carrying the manager's identity (metadata, and the events of a
 * partial cancellation name the manager too) and reason; each step is idempotent, so a manager may
 * repeat the request after a failure.
 */
@RestController
@Tag(name = "Box office", description = "Cancel and refund a paid order")
class OrderCancellationController {

  static final String REFUND_AT_BOX_OFFICE = "REFUND_AT_BOX_OFFICE";

  private final CommandSender sender;

  OrderCancellationController(CommandSender sender) {
    this.sender = sender;
  }

  record CancellationRequest(@NotBlank @Size(max = 500) String reason) {}

  record CancellationResult(
      String orderId, List<String> freedPlaces, String paymentId, String paymentStatus) {}

  record PlacesCancellationRequest(
      @NotEmpty @Size(max = 100) List<@NotBlank String> placeIds,
      @NotBlank @Size(max = 500) String reason) {}

  /**
   * @param refundCents what the cancelled places were paid, given back
   * @param remainingCents what the places the order keeps were paid
   * @param orderCancelled true when no place is left (the order is cancelled)
   * @param paymentStatus the bank payment's status after the refund request, or {@value
   *     #REFUND_AT_BOX_OFFICE} for a sale paid at the counter (the cash desk gives the money back)
   * @param refundId the bank's refund, or the cash desk's
   */
  record PlacesCancellationResult(
      String orderId,
      List<String> cancelledPlaces,
      List<String> remainingPlaces,
      long refundCents,
      long remainingCents,
      boolean orderCancelled,
      String paymentId,
      String paymentStatus,
      String refundId) {}

  @PostMapping("/api/orders/{orderId}/places-cancellation")
  @Operation(
      summary =
          "Cancel some places of a paid order (manager; Idempotency-Key): those places go back on"
              + " sale, their tickets are revoked, what they were paid is refunded (bank) or owed"
              + " at the counter (box-office sale), the buyer is e-mailed. The last places cancel"
              + " the order. 422 places-not-in-order, 409 places-already-cancelled: nothing"
              + " changes.")
  Mono<PlacesCancellationResult> cancelPlaces(
      @PathVariable String orderId,
      @RequestHeader(name = CommandSender.IDEMPOTENCY_KEY, required = false) String key,
      @Valid @RequestBody PlacesCancellationRequest body,
      ServerHttpRequest request) {
    Actor actor = Actor.from(request).require(Role.MANAGER);
    String cancellationId =
        IdempotencyKeys.idFor("places-cancellation:" + orderId, actor.id(), key);
    String reason = body.reason().strip();
    return sender
        .<IssuedTickets>send(new DescribeTicketsCommand(orderId), actor, request)
        .flatMap(
            tickets ->
                sender
                    .<HoldOutcome>send(
                        new CancelSoldPlacesCommand(
                            tickets.eventId(),
                            orderId,
                            cancellationId,
                            body.placeIds(),
                            reason,
                            actor.id()),
                        actor,
                        request)
                    .then(
                        sender.<PlacesCancellation>send(
                            new CancelOrderPlacesCommand(
                                orderId, cancellationId, body.placeIds(), reason, actor.id()),
                            actor,
                            request))
                    .flatMap(
                        cancelled ->
                            sender
                                .send(
                                    new RevokePlaceTicketsCommand(
                                        orderId, cancelled.placeIds(), reason, actor.id()),
                                    actor,
                                    request)
                                .then(
                                    refundPlaces(
                                        tickets.paymentId(), cancelled, reason, actor, request))));
  }

  /** The bank gives back what the places were paid; the counter does for a box-office sale. */
  private Mono<PlacesCancellationResult> refundPlaces(
      String paymentId,
      PlacesCancellation cancelled,
      String reason,
      Actor actor,
      ServerHttpRequest request) {
    if (cancelled.boxOfficeRefundId() != null
        || BoxOfficeSale.isReference(cancelled.orderId(), paymentId)) {
      return Mono.just(
          result(cancelled, paymentId, REFUND_AT_BOX_OFFICE, cancelled.boxOfficeRefundId()));
    }
    String refundId = paymentId + ":refund:" + cancelled.cancellationId();
    if (cancelled.refundCents() <= 0) {
      return Mono.just(result(cancelled, paymentId, "NOTHING_TO_REFUND", null));
    }
    return sender
        .<PaymentStatus>send(
            new RequestPartialRefundCommand(
                paymentId,
                refundId,
                cancelled.refundCents(),
                cancelled.placeIds(),
                actor.id(),
                reason),
            actor,
            request)
        .map(status -> result(cancelled, paymentId, status.name(), refundId));
  }

  private static PlacesCancellationResult result(
      PlacesCancellation c, String paymentId, String paymentStatus, String refundId) {
    return new PlacesCancellationResult(
        c.orderId(),
        c.placeIds(),
        c.remainingPlaceIds(),
        c.refundCents(),
        c.remainingCents(),
        c.orderCancelled(),
        paymentId,
        paymentStatus,
        refundId);
  }

  @PostMapping("/api/orders/{orderId}/cancellation")
  @Operation(
      summary = "Cancel a paid order in whole (manager): places freed, tickets revoked, refund")
  Mono<CancellationResult> cancel(
      @PathVariable String orderId,
      @Valid @RequestBody CancellationRequest body,
      ServerHttpRequest request) {
    Actor actor = Actor.from(request).require(Role.MANAGER);
    return sender
        .<IssuedTickets>send(new DescribeTicketsCommand(orderId), actor, request)
        .flatMap(
            tickets ->
                sender
                    .<HoldOutcome>send(
                        new CancelSaleCommand(tickets.eventId(), orderId, body.reason()),
                        actor,
                        request)
                    .flatMap(
                        outcome ->
                            sender
                                .send(
                                    new RevokeTicketsCommand(orderId, body.reason(), actor.id()),
                                    actor,
                                    request)
                                .then(refund(orderId, tickets.paymentId(), body, actor, request))
                                .map(
                                    status ->
                                        new CancellationResult(
                                            orderId,
                                            outcome.placeIds(),
                                            tickets.paymentId(),
                                            status))));
  }

  /**
   * The bank refunds what it took; money taken at the box office's counter is given back there
   * ({@value #REFUND_AT_BOX_OFFICE}): there is no bank payment to refund.
   */
  private Mono<String> refund(
      String orderId,
      String paymentId,
      CancellationRequest body,
      Actor actor,
      ServerHttpRequest request) {
    if (BoxOfficeSale.isReference(orderId, paymentId)) {
      return Mono.just(REFUND_AT_BOX_OFFICE);
    }
    return sender
        .<PaymentStatus>send(
            new RequestRefundCommand(
                paymentId, RefundReason.ORDER_CANCELLED, actor.id(), body.reason()),
            actor,
            request)
        .map(PaymentStatus::name);
  }
}
