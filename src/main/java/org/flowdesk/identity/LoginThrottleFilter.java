package org.flowdesk.identity;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;

import org.flowdesk.ProblemResponses;
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

/**
 * Every door where a password is checked: HTTP Basic on any path ({@code /api}, {@code /engine-rest},
 * {@code /actuator}), the login page's form and Camunda's webapp login. A failed login (401, or the
 * login page sent back with an error) counts against the request's address; while the address
 * is blocked, its logins are answered 429 with {@code Retry-After} before any password is checked.
 * Behind a proxy the address is the client's, from {@code X-Forwarded-For} (prod profile).
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
    chain.doFilter(request, response);
    if (failed(request, response)) {
      throttle.failed(address);
    }
  }

  private boolean failed(HttpServletRequest request, HttpServletResponse response) {
    if (response.getStatus() == HttpServletResponse.SC_UNAUTHORIZED) {
      return true;
    }
    String location = response.getHeader(HttpHeaders.LOCATION);
    return formLogin(request) && location != null && location.endsWith(FORM_LOGIN_FAILED);
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

  private static String path(HttpServletRequest request) {
    return request.getRequestURI().substring(request.getContextPath().length());
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
