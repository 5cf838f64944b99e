package fr.guichet.command.order;

import fr.guichet.api.event.EventCommand.HoldPlacesCommand;
import fr.guichet.api.event.EventCommand.ReleaseHoldCommand;
import fr.guichet.api.event.EventCommand.SellHeldPlacesCommand;
import fr.guichet.api.event.HoldOutcome;
import fr.guichet.api.event.HoldOutcome.HoldStatus;
import fr.guichet.api.event.PlaceSelection;
import fr.guichet.api.order.OrderDomainEvent.BoxOfficePaymentMethod;
import fr.guichet.api.order.OrderDomainEvent.TicketHolder;
import fr.guichet.api.rejection.CommandRejectedException;
import fr.guichet.api.rejection.Rejection;
import fr.guichet.command.web.Actor;
import fr.guichet.command.web.Actor.Role;
import fr.guichet.command.web.CommandSender;
import fr.guichet.command.web.IdempotencyKeys;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * A buyer holds places (which starts an order) or releases them; the box office may take the
 * payment at its counter. Online buyers pay through the bank (PaymentController).
 */
@RestController
@RequestMapping("/api/events/{eventId}/holds")
@Tag(
    name = "Holds and orders",
    description = "Hold places for 10 minutes, release, pay at the box office")
class HoldController {

  /** Spectators buy for themselves; the box office sells at the counter. Orders stay their own. */
  private static final Role[] BUYERS = {Role.SPECTATOR, Role.MANAGER};

  private final CommandSender sender;

  HoldController(CommandSender sender) {
    this.sender = sender;
  }

  /**
   * Exactly one way of choosing: {@code placeIds}; or {@code zone} + {@code quantity}; or {@code
   * category} + {@code quantity} for the best available seats.
   */
  record HoldRequest(
      @Size(max = 100) List<String> placeIds,
      String zone,
      String category,
      @Min(1) @Max(100) Integer quantity,
      Boolean accessibleOnly) {

    PlaceSelection selection() {
      boolean specific = placeIds != null && !placeIds.isEmpty();
      int ways = (specific ? 1 : 0) + (zone != null ? 1 : 0) + (category != null ? 1 : 0);
      if (ways != 1) {
        throw new CommandRejectedException(
            Rejection.invalid(
                "selection",
                "Choose places in exactly one way: placeIds, or zone and quantity, or category"
                    + " and quantity."));
      }
      if (specific) {
        return PlaceSelection.specific(placeIds);
      }
      if (quantity == null) {
        throw new CommandRejectedException(
            Rejection.invalid("quantity", "Say how many places you want (quantity)."));
      }
      return zone != null
          ? PlaceSelection.standing(zone, quantity)
          : PlaceSelection.bestAvailable(category, quantity, Boolean.TRUE.equals(accessibleOnly));
    }
  }

  /**
   * Money taken at the box office's counter.
   *
   * @param reference the card terminal's receipt or the cheque's number (not needed for cash)
   * @param note why it was paid at the counter, or anything worth keeping with it
   * @param holderName optionally, the buyer's name, printed on the tickets {@code holders} does not
   *     name
   * @param holders optionally, the person each ticket is for (one per place of the order at most)
   * @param email optionally, where the tickets are e-mailed; without it the box office prints them
   * @param locale the e-mail's language: fr (default) or en
   */
  record BoxOfficePaymentRequest(
      @NotNull BoxOfficePaymentMethod method,
      @Size(max = 100) String reference,
      @Size(max = 300) String note,
      @Size(max = 120) String holderName,
      @Valid @Size(max = 100) List<TicketHolderRequest> holders,
      @Email @Size(max = 200) String email,
      @Pattern(regexp = "fr|en") String locale) {

    List<TicketHolder> ticketHolders() {
      return holders == null
          ? List.of()
          : holders.stream()
              .map(
                  h ->
                      h == null
                          ? new TicketHolder(null, null)
                          : new TicketHolder(h.placeId(), h.name()))
              .toList();
    }
  }

  record TicketHolderRequest(
      @NotBlank @Size(max = 40) String placeId, @NotBlank @Size(max = 120) String name) {}

  @PostMapping
  @Operation(
      summary = "Hold places for the caller; all or none. Retry with the same Idempotency-Key.")
  Mono<ResponseEntity<HoldOutcome>> hold(
      @PathVariable String eventId,
      @Valid @RequestBody HoldRequest body,
      @RequestHeader(name = CommandSender.IDEMPOTENCY_KEY, required = false) String key,
      ServerHttpRequest request) {
    Actor actor = Actor.from(request).require(BUYERS);
    String orderId = IdempotencyKeys.idFor("order:" + eventId, actor.id(), key);
    HoldPlacesCommand command =
        new HoldPlacesCommand(eventId, orderId, actor.id(), body.selection());
    return sender
        .<HoldOutcome>send(command, actor, request)
        .map(
            outcome ->
                ResponseEntity.created(
                        URI.create("/api/events/" + eventId + "/holds/" + outcome.orderId()))
                    .body(outcome));
  }

  @PostMapping("/{orderId}/release")
  @Operation(summary = "Give the held places back before paying")
  Mono<HoldOutcome> release(
      @PathVariable String eventId, @PathVariable String orderId, ServerHttpRequest request) {
    Actor actor = Actor.from(request).require(BUYERS);
    return sender.send(new ReleaseHoldCommand(eventId, orderId, actor.id()), actor, request);
  }

  @PostMapping("/{orderId}/box-office-payment")
  @Operation(
      summary =
          "The box office took the order's recorded price at its counter (manager; CASH,"
              + " CARD_TERMINAL or CHEQUE with its reference): recorded on the order with the"
              + " manager, then the held places are sold (409 hold-ended if the hold had ended)"
              + " and their tickets issued; optionally names each ticket's holder and e-mails"
              + " the tickets (fr or en). The tickets PDF is GET /api/orders/{orderId}/tickets.pdf")
  Mono<HoldOutcome> boxOfficePayment(
      @PathVariable String eventId,
      @PathVariable String orderId,
      @Valid @RequestBody BoxOfficePaymentRequest body,
      ServerHttpRequest request) {
    Actor actor = Actor.from(request).require(Role.MANAGER);
    RecordBoxOfficePaymentCommand record =
        new RecordBoxOfficePaymentCommand(
            orderId,
            eventId,
            body.method(),
            body.reference(),
            body.note(),
            actor.id(),
            body.holderName(),
            body.ticketHolders(),
            body.email(),
            body.locale());
    return sender
        .<Long>send(record, actor, request)
        // The order is opened and priced by processes just after its hold: give them a moment.
        .retryWhen(
            Retry.backoff(20, Duration.ofMillis(100))
                .maxBackoff(Duration.ofSeconds(1))
                .filter(HoldController::orderNotReadyYet)
                .onRetryExhaustedThrow((spec, signal) -> signal.failure()))
        .then(
            sender.<HoldOutcome>send(
                new SellHeldPlacesCommand(eventId, orderId, Order.boxOfficeReference(orderId)),
                actor,
                request))
        .map(
            outcome -> {
              if (outcome.status() == HoldStatus.SOLD_TO_OTHER_PAYMENT) {
                throw new CommandRejectedException(
                    Rejection.conflict(
                        "order-already-paid",
                        "A bank payment bought this order's places first: give the money back"
                            + " at the counter (the order records the refund due).",
                        outcome.placeIds()));
              }
              if (outcome.status() != HoldStatus.SOLD) {
                throw new CommandRejectedException(
                    Rejection.conflict(
                        "hold-ended",
                        "Too late: this order's hold ended ("
                            + outcome.status()
                            + " at "
                            + outcome.heldUntil()
                            + "); its places were not sold to it. Give the money back at the"
                            + " counter; the order is marked for refund.",
                        outcome.placeIds()));
              }
              return outcome;
            });
  }

  /** The order's process has not opened or priced it yet (it does within moments of the hold). */
  private static boolean orderNotReadyYet(Throwable error) {
    for (Throwable e = error; e != null; e = e.getCause() == e ? null : e.getCause()) {
      if (e instanceof AggregateNotFoundException
          || (e instanceof CommandRejectedException rejected
              && "order-not-priced-yet".equals(rejected.rejection().code()))) {
        return true;
      }
    }
    return false;
  }
}
