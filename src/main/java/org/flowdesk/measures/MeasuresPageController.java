package org.flowdesk.measures;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import org.flowdesk.identity.AccessProperties;
import org.flowdesk.identity.CurrentUser;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ResponseBody;

import jakarta.servlet.http.HttpServletResponse;

/** The measures in pictures, for service owners and administrators; its script reads /api/measures. */
@Controller
class MeasuresPageController {

  private final AccessProperties access;
  private final String page;

  MeasuresPageController(AccessProperties access) {
    this.access = access;
    try (InputStream in = new ClassPathResource("measures/index.html").getInputStream()) {
      this.page = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @GetMapping(value = "/measures", produces = MediaType.TEXT_HTML_VALUE)
  @ResponseBody
  String page(Authentication caller, HttpServletResponse response) throws IOException {
    CurrentUser user = CurrentUser.of(caller);
    if (!user.isAdministrator() && access.serviceOwnerGroups().stream().noneMatch(user::isMemberOf)) {
      // A person who followed a link gets a page in words in their language (portal.ErrorPages), not an API problem.
      response.sendError(HttpServletResponse.SC_FORBIDDEN, "The measures are for service owners and administrators");
      return null;
    }
    return page;
  }
}
