package fr.guichet.command.event;

import fr.guichet.api.event.EventCommand.ApproveSalesCommand;
import fr.guichet.api.event.EventCommand.BlockPlacesCommand;
import fr.guichet.api.event.EventCommand.ChangeEventDetailsCommand;
import fr.guichet.api.event.EventCommand.CloseSalesCommand;
import fr.guichet.api.event.EventCommand.ConfigureSeatingPlanCommand;
import fr.guichet.api.event.EventCommand.CreateEventCommand;
import fr.guichet.api.event.EventCommand.OpenSalesCommand;
import fr.guichet.api.event.EventCommand.PauseSalesCommand;
import fr.guichet.api.event.EventCommand.RejectSalesCommand;
import fr.guichet.api.event.EventCommand.RequestSalesApprovalCommand;
import fr.guichet.api.event.EventCommand.ResumeSalesCommand;
import fr.guichet.api.event.EventCommand.SetSalesLimitsCommand;
import fr.guichet.api.event.EventCommand.UnblockPlacesCommand;
import fr.guichet.api.event.SalesLimits;
import fr.guichet.api.event.SeatingPlan;
import fr.guichet.command.web.Actor;
import fr.guichet.command.web.Actor.Role;
import fr.guichet.command.web.CommandSender;
import fr.guichet.command.web.IdempotencyKeys;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** The box office's and the director's commands on events. */
@RestController
@RequestMapping("/api/events")
@Tag(name = "Events", description = "Configure performances and run their sales lifecycle")
class EventCommandController {

  private final CommandSender sender;

  EventCommandController(CommandSender sender) {
    this.sender = sender;
  }

  record CreateEventRequest(
      @NotBlank @Size(max = 200) String title,
      @NotBlank @Size(max = 200) String venue,
      @NotNull Instant startsAt,
      @Size(max = 10_000) String description) {}

  record CreatedEvent(String eventId) {}

  record RejectionRequest(@NotBlank @Size(max = 500) String reason) {}

  record SalesLimitsRequest(
      @NotNull Integer maxPlacesPerOrder,
      @NotNull Integer maxPlacesPerCustomer,
      @NotNull Duration holdDuration,
      Boolean latePaymentAccepted,
      Duration waitingListOfferDuration) {}

  record OpenSalesRequest(Instant at) {}

  record PauseRequest(@Size(max = 500) String reason) {}

  record PlacesRequest(@NotEmpty @Size(max = 100_000) List<String> placeIds, String reason) {}

  @PostMapping
  @Operation(summary = "Draft a new event (manager). Retry with the same Idempotency-Key.")
  Mono<ResponseEntity<CreatedEvent>> create(
      @Valid @RequestBody CreateEventRequest body,
      @RequestHeader(name = CommandSender.IDEMPOTENCY_KEY, required = false) String key,
      ServerHttpRequest request) {
    Actor actor = Actor.from(request).require(Role.MANAGER);
    String eventId = IdempotencyKeys.idFor("event", actor.id(), key);
    CreatedEvent created = new CreatedEvent(eventId);
    ResponseEntity<CreatedEvent> response =
        ResponseEntity.created(URI.create("/api/events/" + eventId)).body(created);
    return sender
        .send(
            new CreateEventCommand(
                eventId, body.title(), body.venue(), body.startsAt(), body.description()),
            actor,
            request)
        .thenReturn(response)
        .onErrorResume(
            AggregateStreamCreationException.class, alreadyCreated -> Mono.just(response));
  }

  @PutMapping("/{eventId}")
  @Operation(summary = "Change the title, venue, start time and description (manager)")
  Mono<ResponseEntity<Void>> changeDetails(
      @PathVariable String eventId,
      @Valid @RequestBody CreateEventRequest body,
      ServerHttpRequest request) {
    Actor actor = Actor.from(request).require(Role.MANAGER);
    return done(
        sender.send(
            new ChangeEventDetailsCommand(
                eventId, body.title(), body.venue(), body.startsAt(), body.description()),
            actor,
            request));
  }

  @PutMapping("/{eventId}/seating-plan")
  @Operation(summary = "Set the whole seating plan and price categories (manager)")
  Mono<ResponseEntity<Void>> configurePlan(
      @PathVariable String eventId, @RequestBody SeatingPlan plan, ServerHttpRequest request) {
    Actor actor = Actor.from(request).require(Role.MANAGER);
    return done(sender.send(new ConfigureSeatingPlanCommand(eventId, plan), actor, request));
  }

  @PutMapping("/{eventId}/sales-limits")
  @Operation(
      summary =
          "Set places per order, per customer, the hold duration, and whether a payment arriving"
              + " after its hold expired may still buy places that are all still free, and how long"
              + " places offered to the waiting list stay held (default PT30M) (manager)")
  Mono<ResponseEntity<Void>> setLimits(
      @PathVariable String eventId,
      @Valid @RequestBody SalesLimitsRequest body,
      ServerHttpRequest request) {
    Actor actor = Actor.from(request).require(Role.MANAGER);
    SalesLimits limits =
        new SalesLimits(
            body.maxPlacesPerOrder(),
            body.maxPlacesPerCustomer(),
            body.holdDuration(),
            Boolean.TRUE.equals(body.latePaymentAccepted()),
            body.waitingListOfferDuration());
    return done(sender.send(new SetSalesLimitsCommand(eventId, limits), actor, request));
  }

  @PostMapping("/{eventId}/approval-request")
  @Operation(summary = "Submit a draft to the programming director for approval (manager)")
  Mono<ResponseEntity<Void>> requestApproval(
      @PathVariable String eventId, ServerHttpRequest request) {
    Actor actor = Actor.from(request).require(Role.MANAGER);
    return done(sender.send(new RequestSalesApprovalCommand(eventId), actor, request));
  }

  @PostMapping("/{eventId}/rejection")
  @Operation(summary = "Send a submitted draft back to the manager, with a reason (director)")
  Mono<ResponseEntity<Void>> reject(
      @PathVariable String eventId,
      @Valid @RequestBody RejectionRequest body,
      ServerHttpRequest request) {
    Actor actor = Actor.from(request).require(Role.DIRECTOR);
    return done(sender.send(new RejectSalesCommand(eventId, body.reason()), actor, request));
  }

  @PostMapping("/{eventId}/approval")
  @Operation(summary = "Approve opening the sales (programming director)")
  Mono<ResponseEntity<Void>> approve(@PathVariable String eventId, ServerHttpRequest request) {
    Actor actor = Actor.from(request).require(Role.DIRECTOR);
    return done(sender.send(new ApproveSalesCommand(eventId), actor, request));
  }

  @PostMapping("/{eventId}/opening")
  @Operation(summary = "Open sales now, or at the time given (manager)")
  Mono<ResponseEntity<Void>> open(
      @PathVariable String eventId,
      @RequestBody(required = false) OpenSalesRequest body,
      ServerHttpRequest request) {
    Actor actor = Actor.from(request).require(Role.MANAGER);
    Instant at = body == null ? null : body.at();
    return done(sender.send(new OpenSalesCommand(eventId, at), actor, request));
  }

  @PostMapping("/{eventId}/pause")
  @Operation(summary = "Pause sales, optionally saying why (manager)")
  Mono<ResponseEntity<Void>> pause(
      @PathVariable String eventId,
      @Valid @RequestBody(required = false) PauseRequest body,
      ServerHttpRequest request) {
    Actor actor = Actor.from(request).require(Role.MANAGER);
    String reason = body == null ? null : body.reason();
    return done(sender.send(new PauseSalesCommand(eventId, reason), actor, request));
  }

  @PostMapping("/{eventId}/resumption")
  @Operation(summary = "Resume paused sales (manager)")
  Mono<ResponseEntity<Void>> resume(@PathVariable String eventId, ServerHttpRequest request) {
    Actor actor = Actor.from(request).require(Role.MANAGER);
    return done(sender.send(new ResumeSalesCommand(eventId), actor, request));
  }

  @PostMapping("/{eventId}/closing")
  @Operation(summary = "Close sales for good (manager)")
  Mono<ResponseEntity<Void>> close(@PathVariable String eventId, ServerHttpRequest request) {
    Actor actor = Actor.from(request).require(Role.MANAGER);
    return done(sender.send(new CloseSalesCommand(eventId), actor, request));
  }

  @PostMapping("/{eventId}/blocked-places")
  @Operation(summary = "Take free places out of sale: house seats, technical kills (manager)")
  Mono<ResponseEntity<Void>> block(
      @PathVariable String eventId,
      @Valid @RequestBody PlacesRequest body,
      ServerHttpRequest request) {
    Actor actor = Actor.from(request).require(Role.MANAGER);
    return done(
        sender.send(
            new BlockPlacesCommand(eventId, body.placeIds(), body.reason()), actor, request));
  }

  @PostMapping("/{eventId}/unblocked-places")
  @Operation(summary = "Put blocked places back on sale (manager)")
  Mono<ResponseEntity<Void>> unblock(
      @PathVariable String eventId,
      @Valid @RequestBody PlacesRequest body,
      ServerHttpRequest request) {
    Actor actor = Actor.from(request).require(Role.MANAGER);
    return done(sender.send(new UnblockPlacesCommand(eventId, body.placeIds()), actor, request));
  }

  private static Mono<ResponseEntity<Void>> done(Mono<Object> sent) {
    return sent.then(Mono.just(ResponseEntity.noContent().build()));
  }
}
