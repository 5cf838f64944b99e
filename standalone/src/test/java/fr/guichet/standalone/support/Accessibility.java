package fr.guichet.standalone.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;

/**
 * Runs axe-core (vendored from npm, MPL-2.0, test resources only) in the page against WCAG 2.0-2.2
 * A and AA rules and returns the serious and critical violations, one line each.
 */
public final class Accessibility {

  private static final String AXE = load("/axe/axe-4.14.1.min.js");

  private Accessibility() {}

  @SuppressWarnings("unchecked")
  public static List<String> seriousViolations(WebDriver browser) {
    JavascriptExecutor js = (JavascriptExecutor) browser;
    js.executeScript(AXE);
    List<Map<String, Object>> violations =
        (List<Map<String, Object>>)
            js.executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                    + " axe.run(document, {runOnly: {type: 'tag', values:"
                    + " ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']}})"
                    + ".then(r => done(r.violations.map(v => ({id: v.id, impact: v.impact,"
                    + " help: v.help, targets: v.nodes.map(n => n.target.join(' ')).join(', ')}))))"
                    + ".catch(e => done([{id: 'axe-error', impact: 'critical', help: String(e),"
                    + " targets: ''}]));");
    return violations.stream()
        .filter(v -> List.of("serious", "critical").contains(v.get("impact")))
        .map(
            v ->
                v.get("id")
                    + " ("
                    + v.get("impact")
                    + "): "
                    + v.get("help")
                    + " @ "
                    + v.get("targets"))
        .toList();
  }

  private static String load(String resource) {
    try (InputStream in = Accessibility.class.getResourceAsStream(resource)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
