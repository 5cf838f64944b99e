package fr.guichet.pricing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The rule files shipped with this module, published as the first version of a rule set. */
public final class DefaultRuleFiles {

  public static final List<String> NAMES =
      List.of("full-prices.drl", "discounts.drl", "exclusions.drl");
  private static final String FOLDER = "/fr/guichet/pricing/rules/";

  private DefaultRuleFiles() {}

  public static List<RuleFile> load() {
    List<RuleFile> files = new ArrayList<>();
    for (String name : NAMES) {
      try (InputStream in = DefaultRuleFiles.class.getResourceAsStream(FOLDER + name)) {
        if (in == null) {
          throw new IllegalStateException("Missing default rule file " + name);
        }
        files.add(new RuleFile(name, new String(in.readAllBytes(), StandardCharsets.UTF_8)));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return List.copyOf(files);
  }
}
