package fr.guichet.command.waitinglist;

import fr.guichet.api.event.EventCommand.JoinWaitingListCommand;
import fr.guichet.api.event.EventCommand.LeaveWaitingListCommand;
import fr.guichet.api.event.PlaceSelection;
import fr.guichet.api.event.WaitingListPlace;
import fr.guichet.api.rejection.CommandRejectedException;
import fr.guichet.api.rejection.Rejection;
import fr.guichet.command.web.Actor;
import fr.guichet.command.web.Actor.Role;
import fr.guichet.command.web.CommandSender;
import fr.guichet.command.web.IdempotencyKeys;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * A buyer who finds no free place joins the Event's waiting list, or leaves it. The Event holds the
 * places that come back for the buyers on its list, in turn, and e-mails them; the buyer's place in
 * the list is read on the query side (GET /api/events/{eventId}/waiting-list/me). Joining is
 * guarded like holding: admission token and proof-of-work while the waiting room is on, the hold's
 * rate limits.
 */
@RestController
@RequestMapping("/api/events/{eventId}/waiting-list")
@Tag(
    name = "Waiting list",
    description = "Wait for places to come back when none is free; they are held for you in turn")
class WaitingListController {

  private final CommandSender sender;

  WaitingListController(CommandSender sender) {
    this.sender = sender;
  }

  /**
   * Exactly one of {@code zone} or {@code category}, with {@code quantity}: the same choice as a
   * hold's, without given seats.
   *
   * @param locale the language of the e-mail that tells of places held for the buyer (fr, en)
   */
  record JoinRequest(
      @Size(max = 100) String zone,
      @Size(max = 100) String category,
      @Min(1) @Max(100) Integer quantity,
      Boolean accessibleOnly,
      @Pattern(regexp = "fr|en") String locale) {

    PlaceSelection wanted() {
      if ((zone == null) == (category == null)) {
        throw new CommandRejectedException(
            Rejection.invalid(
                "wanted",
                "Say where you want places: a category, or a standing zone (one of the two)."));
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

  @PostMapping
  @Operation(
      summary =
          "Join the waiting list for a number of places in a category or zone (buyer): 409"
              + " places-available while they are free (hold them instead). One place per buyer:"
              + " asking again answers the place you have. Retry with the same Idempotency-Key.")
  Mono<ResponseEntity<WaitingListPlace>> join(
      @PathVariable String eventId,
      @Valid @RequestBody JoinRequest body,
      @RequestHeader(name = CommandSender.IDEMPOTENCY_KEY, required = false) String key,
      ServerHttpRequest request) {
    Actor actor = Actor.from(request).require(Role.SPECTATOR);
    String orderId = IdempotencyKeys.idFor("order:" + eventId, actor.id(), key);
    JoinWaitingListCommand command =
        new JoinWaitingListCommand(
            eventId,
            orderId,
            actor.id(),
            body.wanted(),
            body.locale() == null ? "fr" : body.locale());
    return sender
        .<WaitingListPlace>send(command, actor, request)
        .map(
            place ->
                ResponseEntity.created(URI.create("/api/events/" + eventId + "/waiting-list/me"))
                    .body(place));
  }

  @PostMapping("/leave")
  @Operation(summary = "Leave the waiting list (buyer); 404 not-waiting if you never joined")
  Mono<WaitingListPlace> leave(@PathVariable String eventId, ServerHttpRequest request) {
    Actor actor = Actor.from(request).require(Role.SPECTATOR);
    return sender.send(new LeaveWaitingListCommand(eventId, actor.id()), actor, request);
  }
}
