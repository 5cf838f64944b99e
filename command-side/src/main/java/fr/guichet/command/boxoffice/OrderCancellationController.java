package fr.guichet.command.boxoffice;

import fr.guichet.api.event.EventCommand.CancelSaleCommand;
import fr.guichet.api.event.HoldOutcome;
import fr.guichet.api.payment.PaymentEvent.RefundReason;
import fr.guichet.command.order.BoxOfficeSale;
import fr.guichet.command.payment.PaymentCommands.RequestRefundCommand;
import fr.guichet.command.payment.PaymentDetails.PaymentStatus;
import fr.guichet.command.ticket.TicketCommands.DescribeTicketsCommand;
import fr.guichet.command.ticket.TicketCommands.IssuedTickets;
import fr.guichet.command.ticket.TicketCommands.RevokeTicketsCommand;
import fr.guichet.command.web.Actor;
import fr.guichet.command.web.Actor.Role;
import fr.guichet.command.web.CommandSender;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * The box office cancels a paid order (dispute, cancellation): the places go back on sale at once,
 * the tickets are revoked, the payment is refunded through its provider and the buyer is e-mailed.
 * Every step is an event carrying the manager's identity (metadata) and reason; each step is
 * idempotent, so a manager may repeat the request after a failure.
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
