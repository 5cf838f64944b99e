package fr.guichet.api.event;

/** A standing area (e.g. "Fosse") sold by quantity up to its capacity. */
public record StandingZone(String code, String name, int capacity, String category) {}
