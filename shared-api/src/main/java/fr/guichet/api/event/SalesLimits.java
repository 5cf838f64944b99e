package fr.guichet.api.event;

import java.time.Duration;

/**
 * Per-event sales settings.
 *
 * @param maxPlacesPerOrder the most places one hold (one order) may take
 * @param maxPlacesPerCustomer the most places one customer may hold or own for this event, across
 *     all their orders
 * @param holdDuration how long held places stay reserved while the buyer pays
 * @param latePaymentAccepted whether a payment that arrives after its hold expired may still buy
 *     the places when every one of them is still free (pretix's rule); otherwise it is refunded.
 *     Absent from events stored before it existed, where it reads as false.
 * @param waitingListOfferDuration how long places that came back stay held for the buyer of the
 *     waiting list they were offered to (who may be away: they are e-mailed); absent from events
 *     stored before it existed, where it reads as {@link #DEFAULT_OFFER_DURATION}
 */
public record SalesLimits(
    int maxPlacesPerOrder,
    int maxPlacesPerCustomer,
    Duration holdDuration,
    boolean latePaymentAccepted,
    Duration waitingListOfferDuration) {

  public static final Duration DEFAULT_OFFER_DURATION = Duration.ofMinutes(30);

  public static final SalesLimits DEFAULT = new SalesLimits(10, 10, Duration.ofMinutes(10));

  public SalesLimits {
    if (waitingListOfferDuration == null) {
      waitingListOfferDuration = DEFAULT_OFFER_DURATION;
    }
  }

  public SalesLimits(
      int maxPlacesPerOrder,
      int maxPlacesPerCustomer,
      Duration holdDuration,
      boolean latePaymentAccepted) {
    this(maxPlacesPerOrder, maxPlacesPerCustomer, holdDuration, latePaymentAccepted, null);
  }

  public SalesLimits(int maxPlacesPerOrder, int maxPlacesPerCustomer, Duration holdDuration) {
    this(maxPlacesPerOrder, maxPlacesPerCustomer, holdDuration, false, null);
  }
}
