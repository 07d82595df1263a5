package org.flowdesk.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Markdown that tries to run script, in every way an author could write it, renders harmless. */
class ArticleMarkdownTest {

  @Test
  void markdownBecomesFormattedHtml() {
    String html = Articles.html("# Printer\n\nPress **Reset**, then see [the guide](https://example.org/guide).\n\n"
        + "- one\n- two\n\n```\nlpstat -p\n```");
    assertThat(html).contains("<h1>Printer</h1>", "<strong>Reset</strong>", "<li>one</li>", "<code>lpstat -p",
        "href=\"https://example.org/guide\"");
  }

  @Test
  void scriptRawHtmlAndEventAttributesAreShownAsTextOrDropped() {
    String html = Articles.html("<script>alert(1)</script>\n\nHello <img src=x onerror=alert(2)> "
        + "<a href=\"https://example.org\" onclick=\"alert(3)\">x</a>\n\n<iframe src=\"https://evil.example\"></iframe>"
        + "\n\n<div style=\"background:url(javascript:alert(4))\">styled</div>");
    assertThat(html).doesNotContain("<script", "<img", "<iframe", "<div", "onerror=", "onclick=", "style=");
    // What was HTML is text a reader sees, escaped.
    assertThat(html).contains("&lt;script&gt;alert(1)&lt;/script&gt;");
  }

  @Test
  void javascriptAndDataLinksLoseTheirAddress() {
    String html = Articles.html("[click](javascript:alert(1)) [data](data:text/html;base64,PHNjcmlwdD4=) "
        + "[vb](vbscript:msgbox) ![img](javascript:alert(2)) [JaVaScRiPt](JAVASCRIPT:alert(3)) "
        + "<javascript:alert(4)> [ok](https://example.org)");
    assertThat(html.toLowerCase()).doesNotContain("href=\"javascript", "src=\"javascript", "href=\"data:",
        "href=\"vbscript");
    // An autolink's text stays as the reader sees it; its address is gone.
    assertThat(html).contains("<a href=\"\" rel=\"nofollow\">javascript:alert(4)</a>");
    assertThat(html).contains("href=\"https://example.org\"");
  }

  @Test
  void linksGetRelNofollowAndNothingElseSurvives() {
    String html = Articles.html("[x](https://example.org \"t\" ) <svg onload=alert(1)><use href=\"#x\"/></svg>");
    assertThat(html).contains("rel=\"nofollow\"").doesNotContain("<svg", "<use")
        .contains("&lt;svg onload&#61;alert(1)&gt;");
  }
}
