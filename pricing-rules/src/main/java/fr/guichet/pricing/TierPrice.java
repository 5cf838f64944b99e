package fr.guichet.pricing;

/** One price tier of a category, in euro cents; its code is what rules choose (e.g. EARLY). */
public record TierPrice(String code, String name, long priceCents) {}
