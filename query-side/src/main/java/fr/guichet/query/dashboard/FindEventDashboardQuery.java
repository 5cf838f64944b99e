package fr.guichet.query.dashboard;

/** The dashboard of one event; answers an {@link EventDashboard}. */
public record FindEventDashboardQuery(String eventId) {}
