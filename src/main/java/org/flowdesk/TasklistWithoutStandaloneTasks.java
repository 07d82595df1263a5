package org.flowdesk;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Tasklist without "Create task": FlowDesk's work is done in the steps of its processes, a task
 * outside them belongs to no ticket, and only administrators may create one (everyone else who
 * tried got an error). Camunda's documented way to leave a plugin out is the
 * {@code cam-exclude-plugins} attribute on the page's base tag; Tasklist's page is Camunda's own
 * file, so the attribute is added as the page goes out, whatever version of it Camunda ships.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
class TasklistWithoutStandaloneTasks extends OncePerRequestFilter {

  static final String APP_NAME = "app-name=\"tasklist\"";
  static final String EXCLUDED = APP_NAME + " cam-exclude-plugins=\"tasklist.navbar.action:create-task-action\"";

  /** Only Tasklist's page itself (/camunda/app/tasklist/ and /camunda/app/tasklist/default/), not its scripts. */
  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    String uri = request.getRequestURI().substring(request.getContextPath().length());
    return !"GET".equals(request.getMethod()) || !uri.startsWith("/camunda/app/tasklist/") || !uri.endsWith("/");
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    ContentCachingResponseWrapper page = new ContentCachingResponseWrapper(response);
    chain.doFilter(request, page);
    String type = page.getContentType();
    if (type != null && type.startsWith("text/html")) {
      String html = new String(page.getContentAsByteArray(), StandardCharsets.UTF_8);
      if (html.contains(APP_NAME) && !html.contains("cam-exclude-plugins")) {
        page.resetBuffer();
        page.getOutputStream().write(html.replace(APP_NAME, EXCLUDED).getBytes(StandardCharsets.UTF_8));
      }
    }
    page.copyBodyToResponse();
  }
}
