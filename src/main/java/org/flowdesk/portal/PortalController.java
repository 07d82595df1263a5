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
import org.springframework.web.bind.annotation.RequestParam;
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
  private static final String LOGIN = "portal/login.html";

  private volatile String page;
  private volatile String login;

  @GetMapping(value = "/", produces = MediaType.TEXT_HTML_VALUE)
  @ResponseBody
  String portal(CsrfToken csrf) {
    return page().replace("{{csrfHeader}}", HtmlUtils.htmlEscape(csrf.getHeaderName()))
        .replace("{{csrfToken}}", HtmlUtils.htmlEscape(csrf.getToken()));
  }

  /**
   * FlowDesk's login page, in FlowDesk's colours: a failed login comes back with {@code ?error}, a
   * logout with {@code ?logout}; the form posts to Spring Security's login with the CSRF token.
   */
  @GetMapping(value = "/login", produces = MediaType.TEXT_HTML_VALUE)
  @ResponseBody
  String login(CsrfToken csrf, @RequestParam(required = false) String error, @RequestParam(required = false) String logout) {
    if (login == null) {
      login = read(LOGIN);
    }
    String message = error != null ? "<p class=\"note error\" role=\"alert\">Wrong username or password, or the account is "
        + "locked for a moment after failed tries.</p>"
        : logout != null ? "<p class=\"note ok\" role=\"status\">You have logged out.</p>" : "";
    return login.replace("{{message}}", message).replace("{{csrfToken}}", HtmlUtils.htmlEscape(csrf.getToken()));
  }

  private String page() {
    if (page == null) {
      page = read(PAGE);
    }
    return page;
  }

  private static String read(String name) {
    try (InputStream in = new ClassPathResource(name).getInputStream()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("The portal is not built: " + name + " is missing (run mvn package)", e);
    }
  }
}
