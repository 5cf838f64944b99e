package fr.guichet.command.pricing;

import fr.guichet.pricing.Compilation;
import fr.guichet.pricing.PricingRulesCompiler;
import fr.guichet.pricing.RuleFile;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Remembers the last few successful compilations by content hash, so that publishing, activating
 * and trying the same files compiles them once.
 */
public class CachingRulesCompiler implements PricingRulesCompiler {

  private static final int SIZE = 8;

  private final PricingRulesCompiler compiler;
  private final Map<String, Compilation> cache =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Compilation> eldest) {
          return size() > SIZE;
        }
      };

  public CachingRulesCompiler(PricingRulesCompiler compiler) {
    this.compiler = compiler;
  }

  @Override
  public Compilation compile(List<RuleFile> files) {
    String hash = RuleSetContent.hash(RuleSetContent.fromRuleFiles(files));
    synchronized (cache) {
      Compilation known = cache.get(hash);
      if (known != null) {
        return known;
      }
    }
    Compilation compilation = compiler.compile(files);
    if (compilation.succeeded()) {
      synchronized (cache) {
        cache.put(hash, compilation);
      }
    }
    return compilation;
  }
}
