package fr.guichet.api.pricing;

import java.time.LocalDate;
import org.axonframework.serialization.Revision;

/** The manager-maintained registry of subscription numbers that give the subscriber rate. */
public sealed interface SubscriptionEvent {

  String subscriptionNumber();

  /** The number gives the subscriber rate from {@code validFrom} to {@code validTo} included. */
  @Revision("1")
  record SubscriptionRegisteredEvent(
      String subscriptionNumber, LocalDate validFrom, LocalDate validTo, String note)
      implements SubscriptionEvent {}

  @Revision("1")
  record SubscriptionRevokedEvent(String subscriptionNumber, String reason)
      implements SubscriptionEvent {}
}
