package org.flowdesk.identity;

import static org.springframework.security.config.Customizer.withDefaults;

import java.io.IOException;
import java.util.Set;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Groups;
import org.flowdesk.api.ProblemResponses;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.context.DelegatingSecurityContextRepository;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

  static final String ADMINISTRATORS = CamundaIdentityAuthenticationProvider.GROUP_PREFIX + Groups.CAMUNDA_ADMIN;

  /**
   * Cockpit, Tasklist and Admin log people in themselves, against the same identity service,
   * and bring their own CSRF protection and security headers.
   */
  @Bean
  @Order(1)
  SecurityFilterChain camundaWebapps(HttpSecurity http) throws Exception {
    return http.securityMatcher(path("/camunda/**"))
        .authorizeHttpRequests(requests -> requests
            // The administrators group is never empty; Camunda's first-admin set-up stays shut regardless.
            .requestMatchers(path("/camunda/api/admin/setup/**")).denyAll()
            .anyRequest().permitAll())
        .csrf(csrf -> csrf.disable())
        .headers(headers -> headers.disable())
        .requestCache(cache -> cache.disable())
        .build();
  }

  /**
   * Camunda's REST API and FlowDesk's own: HTTP Basic for API clients, without a session. The
   * portal's script calls the API with the session of its login instead; its writes must carry
   * the session's CSRF token, so a cross-site request cannot ride on the cookie.
   */
  @Bean
  @Order(2)
  SecurityFilterChain api(HttpSecurity http, IdentityService identityService) throws Exception {
    // Path matchers, not MVC ones: /engine-rest is Jersey's servlet, not Spring MVC's.
    return http.securityMatcher(new OrRequestMatcher(path("/api/**"), path("/engine-rest/**")))
        .authorizeHttpRequests(requests -> requests
            .requestMatchers("/api/openapi/**").permitAll()
            .requestMatchers("/api/admin/**").hasAuthority(ADMINISTRATORS)
            .anyRequest().authenticated())
        .httpBasic(basic -> basic.authenticationEntryPoint(SecurityConfiguration::unauthorized))
        .exceptionHandling(errors -> errors.authenticationEntryPoint(SecurityConfiguration::unauthorized)
            .accessDeniedHandler(SecurityConfiguration::forbidden))
        .securityContext(context -> context.securityContextRepository(new DelegatingSecurityContextRepository(
            new RequestAttributeSecurityContextRepository(), new HttpSessionSecurityContextRepository())))
        .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.NEVER))
        .requestCache(cache -> cache.disable())
        .csrf(csrf -> csrf.requireCsrfProtectionMatcher(SecurityConfiguration::writeWithSession))
        .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives("default-src 'none'; "
            + "frame-ancestors 'none'")))
        .addFilterAfter(new EngineAuthenticationFilter(identityService), BasicAuthenticationFilter.class)
        .build();
  }

  /**
   * A write that carries a live session, which would vouch for it: it must carry the session's
   * CSRF token whatever else it carries. An Authorization header does not make a request safe
   * that a browser sent with the session cookie; API clients with HTTP Basic have no session.
   */
  private static boolean writeWithSession(HttpServletRequest request) {
    return !SAFE_METHODS.contains(request.getMethod()) && request.getRequestedSessionId() != null
        && request.isRequestedSessionIdValid();
  }

  private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

  /** Requests the firewall refuses (encoded slashes, "..", odd characters) are 400 problems. */
  @Bean
  RequestRejectedHandler requestRejectedHandler() {
    return (request, response, rejected) -> ProblemResponses.write(request, response, HttpStatus.BAD_REQUEST,
        "Request rejected", "The request's address contains characters or sequences that are not allowed.");
  }

  /**
   * API clients are asked for HTTP Basic. The portal's script (it says so with
   * {@code X-Requested-With: XMLHttpRequest}, as Spring Security's own entry points read it) is not:
   * the challenge would make the browser ask for a password in a dialog of its own, while the
   * portal sends the person to the login page, keeping what they typed.
   */
  private static void unauthorized(HttpServletRequest request, HttpServletResponse response,
      AuthenticationException e) throws IOException {
    if ("XMLHttpRequest".equals(request.getHeader("X-Requested-With"))) {
      ProblemResponses.write(request, response, HttpStatus.UNAUTHORIZED, "Unauthorized",
          "Your session has ended; log in again.");
      return;
    }
    response.setHeader("WWW-Authenticate", "Basic realm=\"FlowDesk\"");
    ProblemResponses.write(request, response, HttpStatus.UNAUTHORIZED, "Unauthorized",
        "Log in with HTTP Basic: a FlowDesk user id and password.");
  }

  private static void forbidden(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
      throws IOException {
    ProblemResponses.write(request, response, HttpStatus.FORBIDDEN, "Forbidden",
        "You are logged in but may not do this.");
  }

  private static RequestMatcher path(String pattern) {
    return PathPatternRequestMatcher.withDefaults().matcher(pattern);
  }

  /**
   * FlowDesk's own pages: a login page, a session, CSRF protection and a strict CSP. The portal
   * ({@code /}) needs the login; its script and styles ({@code /portal/**}) do not.
   */
  @Bean
  @Order(3)
  SecurityFilterChain pages(HttpSecurity http) throws Exception {
    return http
        .authorizeHttpRequests(requests -> requests
            .requestMatchers("/error", "/login", "/portal/**", "/actuator/health/**", "/actuator/info").permitAll()
            .requestMatchers("/actuator/**").hasAuthority(ADMINISTRATORS)
            .anyRequest().authenticated())
        // FlowDesk's own login page (PortalController); Spring Security checks what it posts.
        .formLogin(form -> form.loginPage("/login").failureUrl(LoginThrottleFilter.FORM_LOGIN_FAILED))
        // Prometheus and other scrapers of /actuator authenticate with HTTP Basic.
        .httpBasic(withDefaults())
        .logout(withDefaults())
        .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY)))
        .build();
  }

  static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self' "
      + "'unsafe-inline'; img-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'; "
      + "frame-ancestors 'none'";
}
