package fr.guichet.api.event;

import java.time.Duration;

/**
 * Per-event sales settings.
 *
 * @param maxPlacesPerOrder the most places one hold (one order) may take
 * @param maxPlacesPerCustomer the most places one customer may hold or own for this event, across
 *     all their orders
 * @param holdDuration how long held places stay reserved while the buyer pays
 */
public record SalesLimits(int maxPlacesPerOrder, int maxPlacesPerCustomer, Duration holdDuration) {

  public static final SalesLimits DEFAULT = new SalesLimits(10, 10, Duration.ofMinutes(10));
}
