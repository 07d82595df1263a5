package org.flowdesk.identity;

import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.IdentityService;
import org.flowdesk.attachment.AttachmentProperties;
import org.flowdesk.cmdb.CmdbProperties;
import org.mockito.Mockito;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * What a {@code @WebMvcTest} of an API controller needs besides the controller and
 * {@code ApiErrorHandler}: FlowDesk's own security configuration, with a handful of people
 * (password = user id) in place of Camunda's identity service, which is a mock here.
 */
@TestConfiguration(proxyBeanMethods = false)
@Import(SecurityConfiguration.class)
@EnableConfigurationProperties({AttachmentProperties.class, CmdbProperties.class})
public class ApiSliceSecurity {

  /** Each person's groups, as Camunda's identity service would give them. */
  static final Map<String, List<String>> GROUPS = Map.of(
      "alice", List.of("requesters"),
      "nina", List.of("network"),
      "carl", List.of("change-managers"),
      "admin", List.of("camunda-admin"));

  @Bean
  IdentityService identityService() {
    return Mockito.mock(IdentityService.class, Mockito.RETURNS_DEEP_STUBS);
  }

  @Bean
  AuthenticationProvider slicePeople() {
    return new AuthenticationProvider() {
      @Override
      public Authentication authenticate(Authentication login) {
        String user = login.getName();
        if (!GROUPS.containsKey(user) || !user.equals(login.getCredentials())) {
          throw new BadCredentialsException("Wrong user or password");
        }
        return UsernamePasswordAuthenticationToken.authenticated(user, null, GROUPS.get(user).stream()
            .map(group -> new SimpleGrantedAuthority(CamundaIdentityAuthenticationProvider.GROUP_PREFIX + group))
            .toList());
      }

      @Override
      public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
      }
    };
  }

  /** HTTP Basic as an API client sends it, for {@link MockHttpServletRequestBuilder#with}. */
  public static RequestPostProcessor as(String user) {
    return request -> {
      request.addHeader(HttpHeaders.AUTHORIZATION,
          "Basic " + Base64.getEncoder().encodeToString((user + ":" + user).getBytes()));
      return request;
    };
  }

  /** The user as a controller sees them after the login. */
  public static CurrentUser user(String user) {
    return new CurrentUser(user, java.util.Set.copyOf(GROUPS.get(user)));
  }
}
