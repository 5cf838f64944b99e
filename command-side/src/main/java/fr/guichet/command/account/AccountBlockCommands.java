package fr.guichet.command.account;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The box office blocks a buyer's account, or lifts the block. */
public final class AccountBlockCommands {

  private AccountBlockCommands() {}

  /** Blocks a spectator's account; blocking a blocked account again changes nothing. */
  public record BlockAccountCommand(
      @TargetAggregateIdentifier String accountId, String reason, String blockedBy) {}

  /** Lifts a block; lifting it from an account that is not blocked changes nothing. */
  public record UnblockAccountCommand(
      @TargetAggregateIdentifier String accountId, String reason, String unblockedBy) {}
}
