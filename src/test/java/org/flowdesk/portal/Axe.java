package org.flowdesk.portal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.microsoft.playwright.Page;

/**
 * axe-core (the portal's npm dev dependency) run in the page as it is on screen: the serious and
 * critical violations of WCAG 2.1 A and AA, each with the rule and the elements it found.
 */
final class Axe {

  private static final Path SCRIPT = Path.of("portal", "node_modules", "axe-core", "axe.min.js");
  private static String script;

  private Axe() {
  }

  private static String script() {
    if (script == null) {
      try {
        script = Files.readString(SCRIPT, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException("axe-core is missing: run npm ci in portal/ (the Maven build does)", e);
      }
    }
    return script;
  }

  /** "rule (impact): help — element, element" for each serious or critical violation; empty when there is none. */
  static List<String> seriousViolations(Page page) {
    return seriousViolations(page, null);
  }

  /**
   * As {@link #seriousViolations(Page)}, leaving out what a selector names: a third-party editor (bpmn-js, dmn-js)
   * whose inside is the library's.
   */
  @SuppressWarnings("unchecked")
  static List<String> seriousViolations(Page page, String leftOut) {
    // A page being redrawn (a refresh, a route still loading) is shown dimmed after 150 ms, which a slow machine
    // reaches: axe would measure the dimmed colours. It is checked as the person reads it, once drawn.
    page.waitForFunction("() => !document.querySelector('main[aria-busy=\"true\"]')");
    if (!(Boolean) page.evaluate("() => typeof window.axe !== 'undefined'")) {
      // Evaluated, not added as a script tag: the portal's Content-Security-Policy allows no inline script.
      page.evaluate(script() + "\n;undefined");
    }
    List<Map<String, Object>> violations = (List<Map<String, Object>>) page.evaluate("""
        async leftOut => (await axe.run(leftOut ? { exclude: [[leftOut]] } : document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
          resultTypes: ['violations'] })).violations
          .filter(v => v.impact === 'serious' || v.impact === 'critical')
          .map(v => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 5).map(n => n.target.join(' ')) }))
        """, leftOut);
    List<String> found = new ArrayList<>();
    for (Map<String, Object> v : violations) {
      found.add(v.get("id") + " (" + v.get("impact") + "): " + v.get("help") + " — " + v.get("nodes"));
    }
    return found;
  }
}
