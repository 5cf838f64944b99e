package fr.guichet.api.account;

import fr.guichet.api.privacy.DataSubject;
import fr.guichet.api.privacy.PersonalData;
import org.axonframework.serialization.Revision;

/**
 * What happened to an account. Only non-secret facts: password hashes, reset and refresh tokens
 * live in the credential table, never in the event store. The e-mail address is personal data of
 * the account's holder and is marked so that it can be crypto-shredded.
 */
public sealed interface AccountDomainEvent {

  String accountId();

  /** An account exists; {@code role} is SPECTATOR for sign-ups, a staff role otherwise. */
  @Revision("1")
  record AccountRegisteredEvent(
      @DataSubject String accountId, @PersonalData String email, String role, boolean staff)
      implements AccountDomainEvent {}

  /** The holder proved they read the mailbox the account was registered with. */
  @Revision("1")
  record AccountEmailVerifiedEvent(@DataSubject String accountId) implements AccountDomainEvent {}

  /** The password changed ({@code reason}: RESET by e-mail link, or CHANGED while signed in). */
  @Revision("1")
  record AccountPasswordChangedEvent(@DataSubject String accountId, String reason)
      implements AccountDomainEvent {}

  /** Too many failed sign-ins in a row: the account refuses sign-in until {@code until}. */
  @Revision("1")
  record AccountSignInLockedEvent(
      @DataSubject String accountId, int failedAttempts, java.time.Instant until)
      implements AccountDomainEvent {}

  /**
   * A manager (or the director) blocked the account: its active holds are released, and it may
   * neither hold nor pay until unblocked.
   *
   * @param blockedBy the staff account that decided it
   */
  @Revision("1")
  record AccountBlockedEvent(@DataSubject String accountId, String reason, String blockedBy)
      implements AccountDomainEvent {}

  /** The account may hold and pay again. */
  @Revision("1")
  record AccountUnblockedEvent(@DataSubject String accountId, String reason, String unblockedBy)
      implements AccountDomainEvent {}
}
