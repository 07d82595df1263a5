package org.flowdesk.identity;

import static org.springframework.security.config.Customizer.withDefaults;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Groups;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

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
        .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
        .csrf(csrf -> csrf.disable())
        .headers(headers -> headers.disable())
        .requestCache(cache -> cache.disable())
        .build();
  }

  /** Camunda's REST API and FlowDesk's own: HTTP Basic, no session, no cookies. */
  @Bean
  @Order(2)
  SecurityFilterChain api(HttpSecurity http, IdentityService identityService) throws Exception {
    // Path matchers, not MVC ones: /engine-rest is Jersey's servlet, not Spring MVC's.
    return http.securityMatcher(new OrRequestMatcher(path("/api/**"), path("/engine-rest/**")))
        .authorizeHttpRequests(requests -> requests
            .requestMatchers("/api/openapi/**").permitAll()
            .requestMatchers("/api/admin/**").hasAuthority(ADMINISTRATORS)
            .anyRequest().authenticated())
        .httpBasic(withDefaults())
        .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .csrf(csrf -> csrf.disable())
        .addFilterAfter(new EngineAuthenticationFilter(identityService), BasicAuthenticationFilter.class)
        .build();
  }

  private static RequestMatcher path(String pattern) {
    return PathPatternRequestMatcher.withDefaults().matcher(pattern);
  }

  @Bean
  @Order(3)
  SecurityFilterChain everythingElse(HttpSecurity http) throws Exception {
    return http
        .authorizeHttpRequests(requests -> requests
            .requestMatchers("/", "/error", "/actuator/health/**", "/actuator/info").permitAll()
            .requestMatchers("/actuator/**").hasAuthority(ADMINISTRATORS)
            .anyRequest().authenticated())
        .httpBasic(withDefaults())
        .build();
  }
}
