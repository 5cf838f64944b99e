package fr.guichet.command.pricing;

import fr.guichet.api.rejection.CommandRejectedException;
import fr.guichet.api.rejection.Rejection;
import fr.guichet.command.pricing.SubscriptionCommands.RegisterSubscriptionCommand;
import fr.guichet.command.pricing.SubscriptionCommands.RevokeSubscriptionCommand;
import fr.guichet.command.web.Actor;
import fr.guichet.command.web.Actor.Role;
import fr.guichet.command.web.CommandSender;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.Locale;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** Managers keep the registry of subscription numbers that give the subscriber rate. */
@RestController
@RequestMapping("/api/pricing/subscriptions/{number}")
@Tag(name = "Subscriptions", description = "Subscription numbers and their validity")
class SubscriptionController {

  private final CommandSender sender;
  private final SubscriberRegistry registry;

  SubscriptionController(CommandSender sender, SubscriberRegistry registry) {
    this.sender = sender;
    this.registry = registry;
  }

  record SubscriptionRequest(
      @NotNull LocalDate validFrom, @NotNull LocalDate validTo, @Size(max = 200) String note) {}

  @PutMapping
  @Operation(summary = "Register a number or change its validity (manager)")
  Mono<ResponseEntity<Void>> register(
      @PathVariable String number,
      @Valid @RequestBody SubscriptionRequest body,
      ServerHttpRequest request) {
    Actor actor = Actor.from(request).require(Role.MANAGER);
    return sender
        .send(
            RegisterSubscriptionCommand.of(
                normalised(number), body.validFrom(), body.validTo(), body.note()),
            actor,
            request)
        .then(Mono.just(ResponseEntity.noContent().<Void>build()));
  }

  @DeleteMapping
  @Operation(summary = "Cancel a number (manager)")
  Mono<ResponseEntity<Void>> revoke(@PathVariable String number, ServerHttpRequest request) {
    Actor actor = Actor.from(request).require(Role.MANAGER);
    String n = normalised(number);
    return Mono.fromCallable(() -> registry.find(n))
        .subscribeOn(Schedulers.boundedElastic())
        .flatMap(
            found -> {
              if (found.isEmpty()) {
                return Mono.error(unknown(n));
              }
              return sender
                  .send(
                      RevokeSubscriptionCommand.of(n, "cancelled by " + actor.id()), actor, request)
                  .then(Mono.just(ResponseEntity.noContent().<Void>build()));
            });
  }

  @GetMapping
  @Operation(summary = "A number's validity (manager, box office)")
  Mono<SubscriberRegistry.Subscription> find(
      @PathVariable String number, ServerHttpRequest request) {
    Actor.from(request).require(Role.MANAGER, Role.DOOR, Role.AUDITOR);
    String n = normalised(number);
    return Mono.fromCallable(() -> registry.find(n).orElseThrow(() -> unknown(n)))
        .subscribeOn(Schedulers.boundedElastic());
  }

  private static String normalised(String number) {
    return number == null ? "" : number.strip().toUpperCase(Locale.ROOT);
  }

  private static CommandRejectedException unknown(String number) {
    return new CommandRejectedException(
        Rejection.notFound("unknown-subscription", "No subscription number " + number + "."));
  }
}
