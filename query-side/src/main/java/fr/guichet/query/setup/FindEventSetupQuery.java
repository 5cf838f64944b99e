package fr.guichet.query.setup;

/** One event's configuration, answered with an {@link EventSetup} (null when unknown). */
public record FindEventSetupQuery(String eventId) {}
