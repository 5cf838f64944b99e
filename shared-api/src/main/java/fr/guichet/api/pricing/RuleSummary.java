package fr.guichet.api.pricing;

/**
 * A rule of a published version, as buyers and auditors read it.
 *
 * @param name the stable rule name, e.g. {@code student-discount}
 * @param line the line of the rule in {@code file}
 */
public record RuleSummary(
    String name, String file, int line, String descriptionFr, String descriptionEn) {}
