package org.flowdesk.identity;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;

import org.flowdesk.api.ProblemResponses;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

/**
 * Every door where a password is checked: HTTP Basic on any path ({@code /api}, {@code /engine-rest},
 * {@code /actuator}), the login page's form and Camunda's webapp login. A failed login (401, or the
 * login page sent back with an error) counts against the request's address; while the address
 * is blocked, its logins are answered 429 with {@code Retry-After} before any password is checked.
 * Behind a proxy the address is the client's, from {@code X-Forwarded-For} (prod profile).
 * Logins sent at the same moment are all checked before any of them fails, so a client that
 * sends many at once gets that many tries beyond the limit, once.
 */
class LoginThrottleFilter extends OncePerRequestFilter {

  /** Where the login page sends a failed login back to (see SecurityConfiguration). */
  static final String FORM_LOGIN_FAILED = "/login?error";

  private final LoginThrottle throttle;
  private final Pattern camundaLogin;

  LoginThrottleFilter(LoginThrottle throttle, String camundaPath) {
    this.throttle = throttle;
    this.camundaLogin = Pattern.compile(Pattern.quote(camundaPath) + "/api/admin/auth/user/[^/]+/login/[^/]+/?");
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !basic(request) && !formLogin(request) && !camundaLogin(request);
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String address = request.getRemoteAddr();
    Optional<Duration> wait = throttle.waitFor(address);
    if (wait.isPresent()) {
      long seconds = Math.max(1, (wait.get().toMillis() + 999) / 1000);
      response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
      ProblemResponses.write(request, response, HttpStatus.TOO_MANY_REQUESTS, "Too many failed logins",
          "Too many failed logins came from your address. Try again in " + seconds + " seconds.");
      return;
    }
    chain.doFilter(request, new Outcome(request, response, address));
  }

  /**
   * Counts the failure the moment the answer is decided, before the client can see it and try
   * again: a 401, or the login page's redirect back with an error.
   */
  private final class Outcome extends HttpServletResponseWrapper {

    private final HttpServletRequest request;
    private final String address;
    private boolean counted;

    Outcome(HttpServletRequest request, HttpServletResponse response, String address) {
      super(response);
      this.request = request;
      this.address = address;
    }

    @Override
    public void setStatus(int status) {
      countIf(status == SC_UNAUTHORIZED);
      super.setStatus(status);
    }

    @Override
    public void sendError(int status) throws IOException {
      countIf(status == SC_UNAUTHORIZED);
      super.sendError(status);
    }

    @Override
    public void sendError(int status, String message) throws IOException {
      countIf(status == SC_UNAUTHORIZED);
      super.sendError(status, message);
    }

    @Override
    public void sendRedirect(String location) throws IOException {
      countIf(formLogin(request) && location.endsWith(FORM_LOGIN_FAILED));
      super.sendRedirect(location);
    }

    private void countIf(boolean failed) {
      if (failed && !counted) {
        counted = true;
        throttle.failed(address);
      }
    }
  }

  private static boolean basic(HttpServletRequest request) {
    String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
    return authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6);
  }

  private static boolean formLogin(HttpServletRequest request) {
    return "POST".equals(request.getMethod()) && path(request).equals("/login");
  }

  private boolean camundaLogin(HttpServletRequest request) {
    return "POST".equals(request.getMethod()) && camundaLogin.matcher(path(request)).matches();
  }

  /** Decoded and normalized, as the servlets see it (the raw URI could spell the same path otherwise). */
  private static String path(HttpServletRequest request) {
    String pathInfo = request.getPathInfo();
    return request.getServletPath() + (pathInfo == null ? "" : pathInfo);
  }

  @Configuration(proxyBeanMethods = false)
  static class Registration {

    @Bean
    FilterRegistrationBean<LoginThrottleFilter> loginThrottleFilter(LoginThrottle throttle,
        @Value("${camunda.bpm.webapp.application-path:/camunda}") String camundaPath) {
      FilterRegistrationBean<LoginThrottleFilter> registration =
          new FilterRegistrationBean<>(new LoginThrottleFilter(throttle, camundaPath));
      // Before Spring Security, which checks the passwords.
      registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER - 10);
      return registration;
    }
  }
}
