package fr.guichet.api.event;

/** One price level of a category, in euro cents. */
public record PriceTier(String code, String name, long priceCents) {}
