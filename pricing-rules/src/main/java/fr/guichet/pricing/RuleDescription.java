package fr.guichet.pricing;

/**
 * A rule of a compiled set, as shown to buyers and auditors.
 *
 * @param name the stable rule name, e.g. {@code student-discount}
 * @param file the rule file that defines it
 * @param line the line of its {@code rule} keyword
 */
public record RuleDescription(
    String name, String file, int line, String descriptionFr, String descriptionEn) {

  /** The description in the asked language ("fr" or "en"), falling back on the other one. */
  public String description(String language) {
    boolean english = "en".equalsIgnoreCase(language);
    String preferred = english ? descriptionEn : descriptionFr;
    return preferred != null ? preferred : english ? descriptionFr : descriptionEn;
  }
}
