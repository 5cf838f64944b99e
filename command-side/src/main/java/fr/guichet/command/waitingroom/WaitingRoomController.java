package fr.guichet.command.waitingroom;

import fr.guichet.api.rejection.CommandRejectedException;
import fr.guichet.api.rejection.Rejection;
import fr.guichet.command.abuse.ProofOfWork;
import fr.guichet.command.web.Actor;
import fr.guichet.command.web.Actor.Role;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.time.Instant;
import org.altcha.altcha.Altcha.Challenge;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** The manager sets up an event's waiting room; visitors join it and follow their place. */
@RestController
@RequestMapping("/api/events/{eventId}")
@Tag(name = "Waiting room", description = "Fair onsale: pre-queue, queue, admission tokens")
class WaitingRoomController {

  static final String CHALLENGE_HEADER = "X-Altcha";
  private static final Duration LOOK_EVERY = Duration.ofSeconds(1);
  private static final Duration LONGEST_STREAM = Duration.ofMinutes(30);

  private final WaitingRooms rooms;
  private final ProofOfWork proofOfWork;

  WaitingRoomController(WaitingRooms rooms, ProofOfWork proofOfWork) {
    this.rooms = rooms;
    this.proofOfWork = proofOfWork;
  }

  record SettingsRequest(
      @NotNull Boolean enabled,
      @NotNull @Min(1) @Max(1_000_000) Integer admitPerMinute,
      Instant opensAt,
      @Min(10) @Max(86_400) Integer graceSeconds,
      Boolean challengeRequired,
      @Min(1_000) @Max(100_000_000) Long challengeDifficulty) {

    RoomSettings settings() {
      return new RoomSettings(
          enabled,
          admitPerMinute,
          opensAt,
          graceSeconds == null ? RoomSettings.OFF.graceSeconds() : graceSeconds,
          Boolean.TRUE.equals(challengeRequired),
          challengeDifficulty == null
              ? RoomSettings.OFF.challengeDifficulty()
              : challengeDifficulty);
    }
  }

  @PutMapping("/waiting-room")
  @Operation(
      summary =
          "Switch the waiting room and the proof-of-work challenge on or off, set the admission"
              + " rate, the opening time and the challenge difficulty (manager)")
  Mono<WaitingRooms.RoomView> configure(
      @PathVariable String eventId,
      @Valid @RequestBody SettingsRequest body,
      ServerHttpRequest request) {
    Actor.from(request).require(Role.MANAGER);
    return Mono.fromCallable(() -> rooms.configure(eventId, body.settings()))
        .subscribeOn(Schedulers.boundedElastic());
  }

  @GetMapping("/waiting-room")
  @Operation(summary = "The room's settings and how many wait, were admitted or dropped")
  WaitingRooms.RoomView room(@PathVariable String eventId) {
    return rooms.view(eventId);
  }

  @PostMapping("/waiting-room/visitors")
  @Operation(
      summary =
          "Join the queue (one place per account; send X-Altcha when the challenge is on). Joining"
              + " again returns the same place.")
  Mono<VisitorView> join(
      @PathVariable String eventId,
      @RequestHeader(name = CHALLENGE_HEADER, required = false) String solution,
      ServerHttpRequest request) {
    // A place in the queue leads to holding: only those who may hold (spectators, the box office).
    Actor actor = Actor.from(request).require(Role.SPECTATOR, Role.MANAGER);
    RoomSettings settings = rooms.settings(eventId);
    if (settings.challengeRequired()) {
      requireSolved(proofOfWork.verify(solution, eventId, "join", settings.challengeDifficulty()));
    }
    // Joining writes to the database: off the event loop.
    return Mono.fromCallable(() -> rooms.join(eventId, actor.id()))
        .subscribeOn(Schedulers.boundedElastic());
  }

  @GetMapping("/waiting-room/visitors/me")
  @Operation(summary = "My position, the estimated wait and, once admitted, my admission token")
  VisitorView me(@PathVariable String eventId, ServerHttpRequest request) {
    // From memory only, never waiting on I/O: served on the event loop.
    return rooms.status(eventId, Actor.from(request).id());
  }

  @GetMapping(
      path = "/waiting-room/visitors/me/updates",
      produces = MediaType.TEXT_EVENT_STREAM_VALUE)
  @Operation(
      summary =
          "Live updates of my place (server-sent events: at once on admission, otherwise at the"
              + " pace of pollAfterSeconds)")
  Flux<ServerSentEvent<VisitorView>> updates(
      @PathVariable String eventId, ServerHttpRequest request) {
    String visitorId = Actor.from(request).id();
    return Flux.defer(
        () -> {
          UpdatePace pace = new UpdatePace();
          return Flux.interval(Duration.ZERO, LOOK_EVERY)
              .take(LONGEST_STREAM.dividedBy(LOOK_EVERY))
              .map(tick -> rooms.status(eventId, visitorId))
              .filter(view -> pace.send(System.nanoTime(), view))
              .takeUntil(view -> !UpdatePace.waiting(view))
              .map(view -> ServerSentEvent.builder(view).event(view.state().name()).build());
        });
  }

  @GetMapping("/challenge")
  @Operation(
      summary =
          "A proof-of-work challenge (ALTCHA) for joining the queue (purpose=join) or holding"
              + " (purpose=hold); send the solution in the X-Altcha header")
  Challenge challenge(
      @PathVariable String eventId, @RequestParam(defaultValue = "hold") String purpose) {
    if (!purpose.equals("join") && !purpose.equals("hold")) {
      throw new CommandRejectedException(
          Rejection.invalid("purpose", "The purpose is join or hold."));
    }
    return proofOfWork.challenge(eventId, purpose, rooms.settings(eventId).challengeDifficulty());
  }

  static void requireSolved(ProofOfWork.Verdict verdict) {
    String message =
        switch (verdict) {
          case VALID -> null;
          case MISSING ->
              "Solve the challenge from GET /api/events/{eventId}/challenge and send the solution"
                  + " in the X-Altcha header.";
          case INVALID -> "The challenge solution is wrong, expired or not ours.";
          case OTHER_EVENT -> "This challenge was issued for another event or purpose.";
          case TOO_EASY -> "The difficulty was raised: solve a new challenge.";
          case REPLAYED -> "This challenge solution was already used: solve a new one.";
        };
    if (message != null) {
      throw new CommandRejectedException(
          Rejection.forbidden(
              "challenge-" + verdict.name().toLowerCase().replace('_', '-'), message));
    }
  }
}
