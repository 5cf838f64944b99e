package fr.guichet.command.pricing;

import java.time.LocalDate;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Managers keep the subscription registry. */
public final class SubscriptionCommands {

  private SubscriptionCommands() {}

  static String aggregateId(String number) {
    return "subscription:" + number;
  }

  /** Registers a number, or changes its validity. */
  public record RegisterSubscriptionCommand(
      @TargetAggregateIdentifier String subscriptionId,
      String number,
      LocalDate validFrom,
      LocalDate validTo,
      String note) {
    public static RegisterSubscriptionCommand of(
        String number, LocalDate validFrom, LocalDate validTo, String note) {
      return new RegisterSubscriptionCommand(aggregateId(number), number, validFrom, validTo, note);
    }
  }

  public record RevokeSubscriptionCommand(
      @TargetAggregateIdentifier String subscriptionId, String number, String reason) {
    public static RevokeSubscriptionCommand of(String number, String reason) {
      return new RevokeSubscriptionCommand(aggregateId(number), number, reason);
    }
  }
}
