package fr.guichet.query.orders;

import fr.guichet.api.order.OrderStatus;
import fr.guichet.query.support.BadQueryException;

/**
 * Orders of a buyer, of an event, or holding a place of an event (box office); newest first. At
 * least a buyer or an event is needed; a place needs its event.
 */
public record FindOrdersQuery(
    String customerId, String eventId, String placeId, OrderStatus status, int page, int size) {

  public static final int MAX_PAGE_SIZE = 100;

  public FindOrdersQuery {
    if (isBlank(customerId) && isBlank(eventId)) {
      throw new BadQueryException(
          "missing-filter", "Say whose orders (customerId) or which event's (eventId).");
    }
    if (!isBlank(placeId) && isBlank(eventId)) {
      throw new BadQueryException(
          "missing-event", "A place id is looked up within an event: add eventId.");
    }
    if (page < 0) {
      throw new BadQueryException("invalid-page", "page must be 0 or more.");
    }
    if (size < 1 || size > MAX_PAGE_SIZE) {
      throw new BadQueryException(
          "invalid-page-size", "size must be between 1 and " + MAX_PAGE_SIZE + ".");
    }
  }

  private static boolean isBlank(String value) {
    return value == null || value.isBlank();
  }
}
