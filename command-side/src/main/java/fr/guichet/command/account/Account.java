package fr.guichet.command.account;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import fr.guichet.api.account.AccountDomainEvent.AccountEmailVerifiedEvent;
import fr.guichet.api.account.AccountDomainEvent.AccountPasswordChangedEvent;
import fr.guichet.api.account.AccountDomainEvent.AccountRegisteredEvent;
import fr.guichet.api.account.AccountDomainEvent.AccountSignInLockedEvent;
import fr.guichet.api.rejection.CommandRejectedException;
import fr.guichet.api.rejection.Rejection;
import fr.guichet.command.account.AccountCommands.LockSignInCommand;
import fr.guichet.command.account.AccountCommands.RecordPasswordChangeCommand;
import fr.guichet.command.account.AccountCommands.RegisterAccountCommand;
import fr.guichet.command.account.AccountCommands.VerifyAccountEmailCommand;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * The non-secret history of one account: who registered (and as which role), when the e-mail was
 * verified, when the password changed, when sign-in was locked. Credentials themselves stay in the
 * credential table.
 */
@Aggregate
class Account {

  static final Set<String> ROLES = Set.of("SPECTATOR", "DIRECTOR", "MANAGER", "AUDITOR", "DOOR");

  @AggregateIdentifier private String accountId;
  private boolean emailVerified;

  Account() {}

  @CommandHandler
  Account(RegisterAccountCommand command) {
    if (!ROLES.contains(command.role())) {
      throw new CommandRejectedException(
          Rejection.invalid("account-role", "Unknown role " + command.role() + "."));
    }
    if ("SPECTATOR".equals(command.role()) == command.staff()) {
      throw new CommandRejectedException(
          Rejection.invalid(
              "account-role", "Spectators sign up themselves; staff roles are for staff only."));
    }
    apply(
        new AccountRegisteredEvent(
            command.accountId(), command.email(), command.role(), command.staff()));
  }

  @CommandHandler
  void handle(VerifyAccountEmailCommand command) {
    if (!emailVerified) {
      apply(new AccountEmailVerifiedEvent(accountId));
    }
  }

  @CommandHandler
  void handle(RecordPasswordChangeCommand command) {
    apply(new AccountPasswordChangedEvent(accountId, command.reason()));
  }

  @CommandHandler
  void handle(LockSignInCommand command) {
    apply(new AccountSignInLockedEvent(accountId, command.failedAttempts(), command.until()));
  }

  @EventSourcingHandler
  void on(AccountRegisteredEvent event) {
    accountId = event.accountId();
    emailVerified = event.staff();
  }

  @EventSourcingHandler
  void on(AccountEmailVerifiedEvent event) {
    emailVerified = true;
  }
}
