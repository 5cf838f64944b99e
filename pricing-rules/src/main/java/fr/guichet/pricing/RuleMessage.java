package fr.guichet.pricing;

/**
 * A compiler message about a rule file.
 *
 * @param file the file concerned, null when the message is about the whole set
 * @param line 1-based line in that file, 0 when unknown
 * @param column 1-based column, 0 when unknown
 */
public record RuleMessage(String file, int line, int column, Severity severity, String text) {

  public enum Severity {
    ERROR,
    WARNING
  }

  public static RuleMessage error(String file, int line, String text) {
    return new RuleMessage(file, line, 0, Severity.ERROR, text);
  }

  @Override
  public String toString() {
    return (file == null ? "" : file + (line > 0 ? ":" + line : "") + ": ") + text;
  }
}
