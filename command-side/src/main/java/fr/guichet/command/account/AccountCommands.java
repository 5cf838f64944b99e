package fr.guichet.command.account;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Commands on accounts; only the account service sends them, so they stay in this package. */
final class AccountCommands {

  private AccountCommands() {}

  record RegisterAccountCommand(
      @TargetAggregateIdentifier String accountId, String email, String role, boolean staff) {}

  record VerifyAccountEmailCommand(@TargetAggregateIdentifier String accountId) {}

  record RecordPasswordChangeCommand(@TargetAggregateIdentifier String accountId, String reason) {}

  record LockSignInCommand(
      @TargetAggregateIdentifier String accountId, int failedAttempts, Instant until) {}
}
