package fr.guichet.pricing.facts;

/** A fact a rule inserts; the engine records which rule inserted it. */
public abstract class RuleOutcome {

  private String rule;

  /** The rule that inserted this fact; set by the engine. */
  public String getRule() {
    return rule;
  }

  public void recordRule(String name) {
    if (rule == null) {
      rule = name;
    }
  }
}
