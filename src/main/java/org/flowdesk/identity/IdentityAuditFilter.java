package org.flowdesk.identity;

import java.io.IOException;
import java.util.regex.Pattern;

import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

/**
 * Writes user, group, membership and authorization changes to the audit log, whether they come
 * through Camunda Admin or through {@code /engine-rest}: every changing request to those
 * resources that succeeded, with who made it.
 */
class IdentityAuditFilter extends OncePerRequestFilter {

  private static final Pattern IDENTITY = Pattern.compile(".*/(user|group|authorization|tenant)(/.*)?$");

  private final AuditLog audit;

  IdentityAuditFilter(AuditLog audit) {
    this.audit = audit;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    String method = request.getMethod();
    return "GET".equals(method) || "HEAD".equals(method) || "OPTIONS".equals(method)
        || !IDENTITY.matcher(request.getRequestURI()).matches()
        || request.getRequestURI().endsWith("/count");
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String actor = actor(request);
    chain.doFilter(request, response);
    if (response.getStatus() < 400) {
      audit.record(actor, "identity." + request.getMethod().toLowerCase(), request.getRequestURI(), null);
    }
  }

  private static String actor(HttpServletRequest request) {
    Authentication spring = SecurityContextHolder.getContext().getAuthentication();
    if (spring != null && spring.isAuthenticated() && !"anonymousUser".equals(spring.getName())) {
      return spring.getName();
    }
    HttpSession session = request.getSession(false);
    if (session != null) {
      Authentications webapp = AuthenticationUtil.getAuthsFromSession(session);
      if (webapp != null) {
        return webapp.getAuthentications().stream().map(UserAuthentication::getIdentityId).findFirst()
            .orElse("anonymous");
      }
    }
    return "anonymous";
  }

  @Configuration(proxyBeanMethods = false)
  static class Registration {

    @Bean
    FilterRegistrationBean<IdentityAuditFilter> identityAudit(AuditLog audit) {
      FilterRegistrationBean<IdentityAuditFilter> registration = new FilterRegistrationBean<>(new IdentityAuditFilter(audit));
      registration.addUrlPatterns("/engine-rest/*", "/camunda/api/*");
      // Inside Spring Security's chain, so the REST caller is known.
      registration.setOrder(0);
      return registration;
    }
  }
}
