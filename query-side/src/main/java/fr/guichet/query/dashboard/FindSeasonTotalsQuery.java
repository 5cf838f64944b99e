package fr.guichet.query.dashboard;

import java.time.Instant;

/**
 * Totals across events starting in [from, to) (open-ended when null); answers {@link SeasonTotals}.
 */
public record FindSeasonTotalsQuery(Instant from, Instant to) {}
