package fr.guichet.command.account;

import fr.guichet.command.web.Actor;
import fr.guichet.command.web.Actor.Role;
import fr.guichet.command.web.CommandSender;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.net.URI;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** The director opens staff accounts; the generated password is shown once, in the answer. */
@RestController
@RequestMapping("/api/staff")
@Tag(name = "Accounts")
class StaffController {

  private final AccountService accounts;

  StaffController(AccountService accounts) {
    this.accounts = accounts;
  }

  record StaffRequest(@NotBlank @Size(max = 64) String login, @NotNull Role role) {}

  record StaffCreated(String accountId, String login, Role role, String initialPassword) {}

  @PostMapping
  @Operation(summary = "Open a staff account (director); the initial password is shown once")
  Mono<ResponseEntity<StaffCreated>> create(
      @Valid @RequestBody StaffRequest body, ServerHttpRequest request) {
    Actor actor = Actor.from(request).require(Role.DIRECTOR);
    if (body.role() == Role.SPECTATOR) {
      throw new fr.guichet.api.rejection.CommandRejectedException(
          fr.guichet.api.rejection.Rejection.invalid(
              "staff-role", "Spectators sign up themselves; choose a staff role."));
    }
    String login = body.login().trim().toLowerCase(java.util.Locale.ROOT);
    String password = AccountService.generatedPassword();
    return Mono.fromCallable(
            () -> {
              accounts.createAccount(
                  login, login, body.role(), password, CommandSender.metaData(actor, request));
              return ResponseEntity.created(URI.create("/api/staff/" + login))
                  .body(new StaffCreated(login, login, body.role(), password));
            })
        .subscribeOn(Schedulers.boundedElastic());
  }
}
