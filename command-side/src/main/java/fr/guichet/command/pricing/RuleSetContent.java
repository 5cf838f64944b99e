package fr.guichet.command.pricing;

import fr.guichet.api.pricing.RuleFileContent;
import fr.guichet.api.pricing.RuleSummary;
import fr.guichet.pricing.RuleDescription;
import fr.guichet.pricing.RuleFile;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/** Conversions between published rule files and the pricing port, and the content hash. */
public final class RuleSetContent {

  private RuleSetContent() {}

  /** SHA-256 in hex over each file's name and content, in the given order. */
  public static String hash(List<RuleFileContent> files) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      for (RuleFileContent file : files) {
        digest.update(String.valueOf(file.name()).getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
        digest.update(String.valueOf(file.content()).getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  public static List<RuleFile> toRuleFiles(List<RuleFileContent> files) {
    return files.stream().map(f -> new RuleFile(f.name(), f.content())).toList();
  }

  public static List<RuleFileContent> fromRuleFiles(List<RuleFile> files) {
    return files.stream().map(f -> new RuleFileContent(f.name(), f.content())).toList();
  }

  public static List<RuleSummary> summaries(List<RuleDescription> rules) {
    return rules.stream()
        .map(
            r ->
                new RuleSummary(r.name(), r.file(), r.line(), r.descriptionFr(), r.descriptionEn()))
        .toList();
  }
}
