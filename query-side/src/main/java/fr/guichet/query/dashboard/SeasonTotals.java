package fr.guichet.query.dashboard;

/**
 * Totals across every event of the season (or of a date range).
 *
 * @param revenueCents what the buyers paid (discounts deducted, refunds taken back)
 */
public record SeasonTotals(
    long events,
    long capacity,
    long held,
    long sold,
    long free,
    long revenueCents,
    double fillRate) {}
