package fr.guichet.command.blocking;

import fr.guichet.api.rejection.CommandRejectedException;
import fr.guichet.api.rejection.Rejection;
import fr.guichet.command.account.AccountBlockCommands.BlockAccountCommand;
import fr.guichet.command.account.AccountBlockCommands.UnblockAccountCommand;
import fr.guichet.command.blocking.BlockedAccounts.Block;
import fr.guichet.command.web.Actor;
import fr.guichet.command.web.Actor.Role;
import fr.guichet.command.web.CommandSender;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The box office blocks a buyer's account (scalping, abuse, fraud): its holds are released at once
 * and it may neither hold nor pay until unblocked. The manager and the director decide; the
 * auditors read the list. Every block and unblock is an event with the deciding actor.
 */
@RestController
@Tag(name = "Blocked accounts", description = "Block a buyer's account with a reason; unblock")
class AccountBlockController {

  private static final Role[] DECIDERS = {Role.MANAGER, Role.DIRECTOR};

  private final CommandSender sender;
  private final BlockedAccounts blocked;

  AccountBlockController(CommandSender sender, BlockedAccounts blocked) {
    this.sender = sender;
    this.blocked = blocked;
  }

  record BlockRequest(@Size(max = 500) String reason) {}

  @PutMapping("/api/blocked-accounts/{accountId}")
  @Operation(
      summary =
          "Block a buyer's account with a reason (manager, director): its holds are released,"
              + " its holds and payments refused with 403")
  Mono<ResponseEntity<Void>> block(
      @PathVariable String accountId,
      @Valid @RequestBody BlockRequest body,
      ServerHttpRequest request) {
    Actor actor = Actor.from(request).require(DECIDERS);
    return sender
        .send(
            new BlockAccountCommand(accountId, body == null ? null : body.reason(), actor.id()),
            actor,
            request)
        .then(Mono.just(ResponseEntity.noContent().build()));
  }

  @DeleteMapping("/api/blocked-accounts/{accountId}")
  @Operation(summary = "Lift a block (manager, director), optionally saying why")
  Mono<ResponseEntity<Void>> unblock(
      @PathVariable String accountId,
      @RequestParam(required = false) String reason,
      ServerHttpRequest request) {
    Actor actor = Actor.from(request).require(DECIDERS);
    return sender
        .send(new UnblockAccountCommand(accountId, reason, actor.id()), actor, request)
        .then(Mono.just(ResponseEntity.noContent().build()));
  }

  @GetMapping("/api/blocked-accounts")
  @Operation(summary = "The accounts blocked now, newest first (manager, director, auditor)")
  Mono<List<Block>> list(@RequestParam(defaultValue = "100") int limit, ServerHttpRequest request) {
    Actor.from(request).require(Role.MANAGER, Role.DIRECTOR, Role.AUDITOR);
    int bounded = Math.max(1, Math.min(limit, 1000));
    return Mono.fromCallable(() -> blocked.all(bounded)).subscribeOn(Schedulers.boundedElastic());
  }

  @GetMapping("/api/blocked-accounts/{accountId}")
  @Operation(
      summary = "Whether an account is blocked, why and by whom (manager, director, auditor)")
  Mono<Block> one(@PathVariable String accountId, ServerHttpRequest request) {
    Actor.from(request).require(Role.MANAGER, Role.DIRECTOR, Role.AUDITOR);
    return Mono.fromCallable(
            () ->
                blocked
                    .find(accountId)
                    .orElseThrow(
                        () ->
                            new CommandRejectedException(
                                Rejection.notFound(
                                    "not-blocked", "Account " + accountId + " is not blocked."))))
        .subscribeOn(Schedulers.boundedElastic());
  }
}
