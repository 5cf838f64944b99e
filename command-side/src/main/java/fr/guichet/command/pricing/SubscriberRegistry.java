package fr.guichet.command.pricing;

import java.time.LocalDate;
import java.util.Optional;

/** The subscription numbers managers registered, and their validity. */
public interface SubscriberRegistry {

  Optional<Subscription> find(String number);

  /** A subscription number, valid from {@code validFrom} to {@code validTo} included. */
  record Subscription(String number, LocalDate validFrom, LocalDate validTo, boolean revoked) {

    public boolean validOn(LocalDate day) {
      return !revoked && !day.isBefore(validFrom) && !day.isAfter(validTo);
    }
  }
}
