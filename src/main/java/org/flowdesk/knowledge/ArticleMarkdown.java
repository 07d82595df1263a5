package org.flowdesk.knowledge;

import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.commonmark.renderer.text.TextContentRenderer;
import org.owasp.html.HtmlPolicyBuilder;
import org.owasp.html.PolicyFactory;
import org.owasp.html.Sanitizers;

/**
 * An article's Markdown as HTML that is safe to put into a page: commonmark renders it (raw HTML
 * in the Markdown is shown as text, link and image addresses other than http, https and mailto are
 * dropped), and OWASP's sanitizer keeps only formatting, blocks, tables, links and images whatever
 * the renderer produced. For the search, the same Markdown as the plain text it reads as (commonmark's text renderer).
 */
final class ArticleMarkdown {

  private static final Parser PARSER = Parser.builder().build();
  private static final HtmlRenderer RENDERER = HtmlRenderer.builder().escapeHtml(true).sanitizeUrls(true).build();
  private static final TextContentRenderer TEXT = TextContentRenderer.builder().build();
  private static final PolicyFactory POLICY = Sanitizers.FORMATTING.and(Sanitizers.BLOCKS).and(Sanitizers.LINKS)
      .and(Sanitizers.TABLES).and(Sanitizers.IMAGES)
      .and(new HtmlPolicyBuilder().allowElements("pre", "code", "hr").allowAttributes("class").matching(
          (element, attribute, value) -> value.matches("language-[a-zA-Z0-9_+-]{1,30}") ? value : null)
          .onElements("code").requireRelNofollowOnLinks().toFactory());

  private ArticleMarkdown() {
  }

  /**
   * An article's Markdown as the plain text it reads as, for the search's index and excerpts: "choose the TCP
   * profile", not "choose the **TCP** profile".
   */
  static String toText(String markdown) {
    return TEXT.render(PARSER.parse(markdown == null ? "" : markdown)).strip();
  }

  static String toHtml(String markdown) {
    return POLICY.sanitize(RENDERER.render(PARSER.parse(markdown == null ? "" : markdown)));
  }
}
