package org.flowdesk.portal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import org.springframework.core.io.ClassPathResource;
import org.springframework.http.MediaType;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.util.HtmlUtils;

/**
 * The self-service portal: one page, behind the login, whose script (built from portal/ into
 * static/portal/) calls FlowDesk's API with the session. The page carries the session's CSRF
 * token for the script's writes; the Content-Security-Policy allows no inline script. The page is
 * never cached (Spring Security's no-store), so a new build's script names reach every browser.
 */
@Controller
class PortalController {

  /** Built by portal/build.mjs, naming the current script and stylesheet; outside static/, served only here. */
  private static final String PAGE = "portal/index.html";

  private volatile String page;

  @GetMapping(value = "/", produces = MediaType.TEXT_HTML_VALUE)
  @ResponseBody
  String portal(CsrfToken csrf) {
    return page().replace("{{csrfHeader}}", HtmlUtils.htmlEscape(csrf.getHeaderName()))
        .replace("{{csrfToken}}", HtmlUtils.htmlEscape(csrf.getToken()));
  }

  private String page() {
    if (page == null) {
      try (InputStream in = new ClassPathResource(PAGE).getInputStream()) {
        page = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException("The portal is not built: " + PAGE + " is missing (run mvn package)", e);
      }
    }
    return page;
  }
}
