package fr.guichet.command.abuse;

import fr.guichet.command.abuse.AbuseSignalStore.AbuseSignal;
import fr.guichet.command.web.Actor;
import fr.guichet.command.web.Actor.Role;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** The box office reviews what the abuse monitor saw. */
@RestController
@Tag(name = "Abuse signals", description = "Scalping and denial-of-inventory patterns seen")
class AbuseSignalController {

  private final AbuseSignalStore store;

  AbuseSignalController(AbuseSignalStore store) {
    this.store = store;
  }

  @GetMapping("/api/abuse-signals")
  @Operation(summary = "The latest abuse signals, newest first, for one event or all (manager)")
  Mono<List<AbuseSignal>> latest(
      @RequestParam(required = false) String eventId,
      @RequestParam(defaultValue = "100") int limit,
      ServerHttpRequest request) {
    Actor.from(request).require(Role.MANAGER, Role.DIRECTOR, Role.AUDITOR);
    int bounded = Math.max(1, Math.min(limit, 1000));
    return Mono.fromCallable(() -> store.latest(eventId, bounded))
        .subscribeOn(Schedulers.boundedElastic());
  }
}
