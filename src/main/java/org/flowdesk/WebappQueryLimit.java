package org.flowdesk;

import java.io.IOException;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Camunda's own webapps within the engine's query limit ({@code query-max-results-limit}): some of
 * Cockpit's look-ups ask for every result (a process's versions, for its version menu) and were
 * refused with "An unbound number of results is forbidden!". A query of Cockpit, Tasklist and
 * Admin without {@code maxResults} is asked for the limit's number of results instead, as an API
 * client is told to do; {@code /engine-rest} keeps refusing unbound queries.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 30)
class WebappQueryLimit extends OncePerRequestFilter {

  private final ProcessEngine engine;

  WebappQueryLimit(ProcessEngine engine) {
    this.engine = engine;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    String uri = request.getRequestURI().substring(request.getContextPath().length());
    return !(uri.startsWith("/camunda/api/engine/") || uri.startsWith("/camunda/api/cockpit/"))
        || uri.endsWith("/count") || hasMaxResults(request.getQueryString())
        || !("GET".equals(request.getMethod()) || "POST".equals(request.getMethod()));
  }

  /** Read from the query string: reading parameters would consume a form body meant for Camunda. */
  private static boolean hasMaxResults(String query) {
    return query != null && java.util.Arrays.stream(query.split("&")).anyMatch(p -> p.startsWith("maxResults="));
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    int limit = ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getQueryMaxResultsLimit();
    if (limit <= 0 || limit == Integer.MAX_VALUE) {
      chain.doFilter(request, response);
      return;
    }
    String bound = "maxResults=" + limit;
    chain.doFilter(new HttpServletRequestWrapper(request) {
      // Jersey reads the query from the query string; endpoints of one resource ignore the parameter.
      @Override
      public String getQueryString() {
        String query = super.getQueryString();
        return query == null || query.isEmpty() ? bound : query + "&" + bound;
      }
    }, response);
  }
}
