package org.flowdesk.catalog;

import java.util.List;
import java.util.Locale;

import org.flowdesk.identity.CurrentUser;
import org.flowdesk.ticket.TicketNotFoundException;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import jakarta.validation.constraints.Size;

/** Browsing the portfolio as the caller may see it. */
@RestController
class CatalogController {

  private final Catalog catalog;

  CatalogController(Catalog catalog) {
    this.catalog = catalog;
  }

  record CatalogView(List<Portfolio.LineOfBusiness> linesOfBusiness, List<Portfolio.Service> services,
      List<Portfolio.RequestItem> items) {
  }

  /** Lines of business, the services the caller may see and the items they may order; {@code q} searches. */
  @GetMapping("/api/catalog")
  CatalogView browse(@RequestParam(required = false) @Size(max = 200) String q, Authentication caller) {
    CurrentUser user = CurrentUser.of(caller);
    Portfolio portfolio = catalog.portfolio();
    String query = q == null ? "" : q.toLowerCase(Locale.ROOT).strip();
    return new CatalogView(portfolio.linesOfBusiness(),
        portfolio.services().stream().filter(s -> catalog.canSee(s, user))
            .filter(s -> matches(query, s.name(), s.description(), s.id())).toList(),
        catalog.orderable(user).stream().filter(i -> matches(query, i.name(), i.description(), i.id())).toList());
  }

  record ServiceView(Portfolio.Service service, List<Portfolio.RequestItem> items) {
  }

  @GetMapping("/api/services/{id}")
  ServiceView service(@PathVariable String id, Authentication caller) {
    CurrentUser user = CurrentUser.of(caller);
    Portfolio.Service service = catalog.service(id).filter(s -> catalog.canSee(s, user))
        .orElseThrow(() -> new TicketNotFoundException("service " + id));
    return new ServiceView(service, catalog.portfolio().items().stream().filter(i -> i.service().equals(id)).toList());
  }

  private static boolean matches(String query, String... texts) {
    if (query.isEmpty()) {
      return true;
    }
    for (String text : texts) {
      if (text != null && text.toLowerCase(Locale.ROOT).contains(query)) {
        return true;
      }
    }
    return false;
  }
}
