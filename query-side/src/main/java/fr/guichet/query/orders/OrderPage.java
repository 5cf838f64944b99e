package fr.guichet.query.orders;

import java.util.List;

/** One page of orders, newest first; {@code total} counts every match. */
public record OrderPage(List<OrderView> items, int page, int size, long total) {}
