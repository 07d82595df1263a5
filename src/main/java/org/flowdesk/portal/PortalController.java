package org.flowdesk.portal;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.util.HtmlUtils;
import org.springframework.web.util.UriUtils;

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
  private final PageWords words;

  PortalController(PageWords words) {
    this.words = words;
  }

  @GetMapping(value = "/", produces = MediaType.TEXT_HTML_VALUE)
  @ResponseBody
  String portal(CsrfToken csrf) {
    return page().replace("{{csrfHeader}}", HtmlUtils.htmlEscape(csrf.getHeaderName()))
        .replace("{{csrfToken}}", HtmlUtils.htmlEscape(csrf.getToken()));
  }

  /**
   * A ticket's address for people, as mails link to it: the portal's page of the ticket. An address with a
   * fragment would lose it at the login (the browser does not send it, and the login's form post drops it), so
   * mails link here; the login brings the person back to this address, which opens the page in the portal.
   */
  @GetMapping("/tickets/{number}")
  ResponseEntity<Void> ticket(@PathVariable String number) {
    return redirect("/#/tickets/" + UriUtils.encodePathSegment(number, StandardCharsets.UTF_8));
  }

  /**
   * A ticket's file, as mails link to it: after the login, the API's download with the person's session (which
   * checks that they may see the ticket and the file).
   */
  @GetMapping("/tickets/{number}/attachments/{id}")
  ResponseEntity<Void> attachment(@PathVariable String number, @PathVariable String id) {
    return redirect("/api/tickets/" + UriUtils.encodePathSegment(number, StandardCharsets.UTF_8) + "/attachments/"
        + UriUtils.encodePathSegment(id, StandardCharsets.UTF_8));
  }

  private static ResponseEntity<Void> redirect(String path) {
    return ResponseEntity.status(HttpStatus.FOUND).location(URI.create(path)).build();
  }

  /**
   * FlowDesk's login page, in FlowDesk's colours and in the browser's language (the words of {@code i18n/<lang>.json}'s
   * {@code portal} section, as the portal's own): a failed login comes back with {@code ?error}, a logout with
   * {@code ?logout}, each showing its note of the page ({@code data-when}); the form posts to Spring Security's login
   * with the CSRF token.
   */
  @GetMapping(value = "/login", produces = MediaType.TEXT_HTML_VALUE)
  @ResponseBody
  String login(CsrfToken csrf, @RequestParam(required = false) String error, @RequestParam(required = false) String logout) {
    if (login == null) {
      login = PageWords.read(LOGIN);
    }
    String shown = error != null ? "error" : logout != null ? "logout" : null;
    String page = NOTE.matcher(login).replaceAll(note -> note.group(1).equals(shown) ? "$0" : "");
    return words.translate(page, null).replace("{{csrfToken}}", HtmlUtils.htmlEscape(csrf.getToken()));
  }

  /** A note of the login page shown only in one state: {@code <p … data-when="error" …>…</p>}. */
  private static final Pattern NOTE = Pattern.compile("[ \\t]*<p [^>]*data-when=\"(\\w+)\"[^>]*>[^<]*</p>\\R?");

  private String page() {
    if (page == null) {
      page = PageWords.read(PAGE);
    }
    return page;
  }
}
