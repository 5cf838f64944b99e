package fr.guichet.pricing;

import java.util.List;

/** Turns rule files into a {@link PriceCalculator}, or into the compiler's messages and lines. */
public interface PricingRulesCompiler {

  /** Compiles the files together; never throws for a broken file, the errors are in the result. */
  Compilation compile(List<RuleFile> files);
}
