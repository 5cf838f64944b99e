package fr.guichet.pricing.facts;

/**
 * Lets the discounts of two named rules add up on the same ticket: the larger percentage first, the
 * other on what remains.
 */
public class AllowStacking extends RuleOutcome {

  private final String firstRule;
  private final String secondRule;

  public AllowStacking(String firstRule, String secondRule) {
    this.firstRule = firstRule;
    this.secondRule = secondRule;
  }

  public String getFirstRule() {
    return firstRule;
  }

  public String getSecondRule() {
    return secondRule;
  }

  public boolean allows(String a, String b) {
    return (firstRule.equals(a) && secondRule.equals(b))
        || (firstRule.equals(b) && secondRule.equals(a));
  }
}
