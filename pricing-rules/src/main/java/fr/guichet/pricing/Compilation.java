package fr.guichet.pricing;

import java.util.List;

/**
 * What compiling a rule set gave: a calculator and its rules, or errors (with lines).
 *
 * @param calculator null when {@code errors} is not empty
 * @param compileMillis wall time spent compiling and probing
 */
public record Compilation(
    PriceCalculator calculator,
    List<RuleDescription> rules,
    List<RuleMessage> errors,
    List<RuleMessage> warnings,
    long compileMillis) {

  public Compilation {
    rules = List.copyOf(rules);
    errors = List.copyOf(errors);
    warnings = List.copyOf(warnings);
  }

  public boolean succeeded() {
    return errors.isEmpty() && calculator != null;
  }

  public static Compilation failed(List<RuleMessage> errors, long millis) {
    return new Compilation(null, List.of(), errors, List.of(), millis);
  }
}
