package org.flowdesk.portal;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.boot.autoconfigure.web.servlet.error.ErrorViewResolver;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.View;

import jakarta.servlet.http.HttpServletRequest;

/**
 * A page in words, in the person's language, for a browser that opened a page it may not see (403: Cockpit or Admin
 * without being an administrator, the measures without being a service owner) or one that does not exist (404), in
 * place of JSON or Spring's white error page. The pages are the portal's ({@code portal/src/403.html},
 * {@code 404.html}) with its stylesheet; their words are {@code portal} texts. API clients get problem answers as
 * before: this is only asked for a request that accepts HTML.
 */
@Component
class ErrorPages implements ErrorViewResolver, Ordered {

  private static final Set<Integer> PAGES = Set.of(403, 404);

  private final PageWords words;
  /** The pages as built, read once. */
  private final Map<Integer, String> built = new ConcurrentHashMap<>();

  ErrorPages(PageWords words) {
    this.words = words;
  }

  @Override
  public ModelAndView resolveErrorView(HttpServletRequest request, HttpStatus status, Map<String, Object> model) {
    if (!PAGES.contains(status.value())) {
      return null;
    }
    String page = words.translate(built.computeIfAbsent(status.value(), code -> PageWords.read("portal/" + code + ".html")),
        loggedIn());
    View view = (values, in, out) -> {
      out.setContentType(MediaType.TEXT_HTML_VALUE);
      out.setCharacterEncoding(StandardCharsets.UTF_8.name());
      out.getWriter().write(page);
    };
    ModelAndView answer = new ModelAndView(view);
    answer.setStatus(status);
    return answer;
  }

  /** The person logged in to FlowDesk, whose profile's language counts; none for Camunda's own sessions. */
  private static String loggedIn() {
    Authentication caller = SecurityContextHolder.getContext().getAuthentication();
    return caller == null || caller instanceof AnonymousAuthenticationToken || !caller.isAuthenticated() ? null
        : caller.getName();
  }

  @Override
  public int getOrder() {
    return Ordered.HIGHEST_PRECEDENCE;
  }
}
