package fr.guichet.query.orders;

/**
 * One order by id; answers an {@link OrderView}. As a subscription query it is updated at each
 * change of that order, so a buyer can wait until the order they just started is visible.
 */
public record FindOrderQuery(String orderId) {}
