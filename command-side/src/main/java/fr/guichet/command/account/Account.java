package fr.guichet.command.account;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import fr.guichet.api.account.AccountDomainEvent.AccountBlockedEvent;
import fr.guichet.api.account.AccountDomainEvent.AccountEmailVerifiedEvent;
import fr.guichet.api.account.AccountDomainEvent.AccountPasswordChangedEvent;
import fr.guichet.api.account.AccountDomainEvent.AccountRegisteredEvent;
import fr.guichet.api.account.AccountDomainEvent.AccountSignInLockedEvent;
import fr.guichet.api.account.AccountDomainEvent.AccountUnblockedEvent;
import fr.guichet.api.rejection.CommandRejectedException;
import fr.guichet.api.rejection.Rejection;
import fr.guichet.command.account.AccountBlockCommands.BlockAccountCommand;
import fr.guichet.command.account.AccountBlockCommands.UnblockAccountCommand;
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

  static final int MAX_BLOCK_REASON = 500;

  @AggregateIdentifier private String accountId;
  private boolean emailVerified;
  private boolean staff;
  private boolean blocked;

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

  /**
   * Only buyers' accounts are blocked: a staff account that misbehaves loses its role instead (the
   * director's business, not the box office's).
   */
  @CommandHandler
  void handle(BlockAccountCommand command) {
    String reason = command.reason() == null ? "" : command.reason().strip();
    if (reason.isEmpty() || reason.length() > MAX_BLOCK_REASON) {
      throw new CommandRejectedException(
          Rejection.invalid(
              "block-reason",
              "Say why the account is blocked (1 to " + MAX_BLOCK_REASON + " characters)."));
    }
    if (staff) {
      throw new CommandRejectedException(
          Rejection.rule("staff-account", "Staff accounts are not blocked; change their role."));
    }
    if (!blocked) {
      apply(new AccountBlockedEvent(accountId, reason, command.blockedBy()));
    }
  }

  @CommandHandler
  void handle(UnblockAccountCommand command) {
    String reason = command.reason() == null ? "" : command.reason().strip();
    if (reason.length() > MAX_BLOCK_REASON) {
      throw new CommandRejectedException(
          Rejection.invalid(
              "block-reason", "Keep the reason under " + MAX_BLOCK_REASON + " characters."));
    }
    if (blocked) {
      apply(new AccountUnblockedEvent(accountId, reason, command.unblockedBy()));
    }
  }

  @EventSourcingHandler
  void on(AccountRegisteredEvent event) {
    accountId = event.accountId();
    emailVerified = event.staff();
    staff = event.staff();
  }

  @EventSourcingHandler
  void on(AccountBlockedEvent event) {
    blocked = true;
  }

  @EventSourcingHandler
  void on(AccountUnblockedEvent event) {
    blocked = false;
  }

  @EventSourcingHandler
  void on(AccountEmailVerifiedEvent event) {
    emailVerified = true;
  }
}
