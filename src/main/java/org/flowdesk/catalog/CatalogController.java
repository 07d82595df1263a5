package org.flowdesk.catalog;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.flowdesk.api.ApiDocs;
import org.flowdesk.identity.CurrentUser;
import org.flowdesk.language.Languages;
import org.flowdesk.models.DeployedForms;
import org.flowdesk.api.NotFoundException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.fasterxml.jackson.databind.JsonNode;

import jakarta.validation.constraints.Size;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import io.swagger.v3.oas.annotations.media.Schema;

/** Browsing the portfolio as the caller may see it. */
@RestController
@Tag(name = "Catalog", description = "The service portfolio as the caller may see it: lines of business, services "
    + "and the request items they may order, each with its form.")
class CatalogController {

  private final Catalog catalog;
  private final DeployedForms forms;
  private final JdbcClient jdbc;
  private final Languages languages;

  CatalogController(Catalog catalog, DeployedForms forms, JdbcClient jdbc, Languages languages) {
    this.languages = languages;
    this.catalog = catalog;
    this.forms = forms;
    this.jdbc = jdbc;
  }

  /** How many of the service's tickets are open and how many there are in all. */
  private Map<String, Long> ticketCounts(String service) {
    Map<String, Long> counts = new LinkedHashMap<>();
    counts.put("open", jdbc.sql("SELECT COUNT(*) FROM fd_ticket WHERE service = ? AND status NOT IN ('closed', "
        + "'rejected')").param(service).query(Long.class).single());
    counts.put("total", jdbc.sql("SELECT COUNT(*) FROM fd_ticket WHERE service = ?").param(service)
        .query(Long.class).single());
    return counts;
  }

  record CatalogView(List<Portfolio.LineOfBusiness> linesOfBusiness, List<Portfolio.Service> services,
      List<Portfolio.RequestItem> items) {
  }

  /** Lines of business, the services the caller may see and the items they may order; {@code q} searches. */
  @Operation(operationId = "browseCatalog", summary = "Browse the catalog",
      description = "Lines of business, the services the caller may see and the items they may order; q searches "
          + "names, descriptions and ids.")
  @ApiResponse(responseCode = "200", description = "The catalog as the caller sees it")
  @ApiResponse(responseCode = "400", ref = ApiDocs.BAD_REQUEST)
  @GetMapping("/api/catalog")
  CatalogView browse(@Parameter(description = "Search text", example = "laptop") @RequestParam(required = false) @Size(max = 200) String q, Authentication caller) {
    CurrentUser user = CurrentUser.of(caller);
    Portfolio portfolio = catalog.portfolio();
    String query = q == null ? "" : q.toLowerCase(Locale.ROOT).strip();
    Languages.CatalogWords words = languages.catalog(languages.ofCaller(user.id()));
    return new CatalogView(portfolio.linesOfBusiness().stream().map(l -> translated(l, words)).toList(),
        portfolio.services().stream().filter(s -> catalog.canSee(s, user)).map(s -> translated(s, words))
            .filter(s -> matches(query, s.name(), s.description(), s.id())).toList(),
        catalog.orderable(user).stream().map(i -> translated(i, words))
            .filter(i -> matches(query, i.name(), i.description(), i.id())).toList());
  }

  record ItemView(Portfolio.RequestItem item, Portfolio.Service service,
      @Schema(type = "object", description = "The item's form, Camunda Forms (form-js) JSON: its fields are the answers")
      JsonNode form) {
  }

  /** One item the caller may order, with the form that asks its questions. */
  @Operation(operationId = "getCatalogItem", summary = "A catalog item with its form",
      description = "One item the caller may order, its service, and the form (form-js JSON) whose fields are the "
          + "answers of an order.")
  @ApiResponse(responseCode = "200", description = "The item")
  @ApiResponse(responseCode = "404", ref = ApiDocs.NOT_FOUND)
  @GetMapping("/api/catalog/items/{id}")
  ItemView item(@Parameter(description = "The item's id", example = "new-laptop") @PathVariable String id, Authentication caller) {
    CurrentUser user = CurrentUser.of(caller);
    Portfolio.RequestItem item = catalog.orderable(user).stream().filter(i -> i.id().equals(id)).findFirst()
        .orElseThrow(() -> new NotFoundException("request item", id));
    String language = languages.ofCaller(user.id());
    Languages.CatalogWords words = languages.catalog(language);
    return new ItemView(translated(item, words), translated(catalog.service(item.service()).orElseThrow(), words),
        languages.form(forms.json(item.form()).orElseThrow(
            () -> new IllegalStateException("Form " + item.form() + " is not deployed")), language));
  }

  record ServiceView(Portfolio.Service service, List<Portfolio.RequestItem> items, Map<String, Long> tickets) {
  }

  @Operation(operationId = "getService", summary = "A service",
      description = "One service the caller may see, its request items and how many of its tickets are open.")
  @ApiResponse(responseCode = "200", description = "The service")
  @ApiResponse(responseCode = "404", ref = ApiDocs.NOT_FOUND)
  @GetMapping("/api/services/{id}")
  ServiceView service(@Parameter(description = "The service's id", example = "vpn") @PathVariable String id, Authentication caller) {
    CurrentUser user = CurrentUser.of(caller);
    Portfolio.Service service = catalog.service(id).filter(s -> catalog.canSee(s, user))
        .orElseThrow(() -> new NotFoundException("service", id));
    Languages.CatalogWords words = languages.catalog(languages.ofCaller(user.id()));
    return new ServiceView(translated(service, words), catalog.portfolio().items().stream()
        .filter(i -> i.service().equals(id)).map(i -> translated(i, words)).toList(), ticketCounts(id));
  }

  // The catalog's words in the caller's language (catalog/i18n/<language>.yaml), the rest as the catalog says.
  private static Portfolio.LineOfBusiness translated(Portfolio.LineOfBusiness l, Languages.CatalogWords words) {
    return new Portfolio.LineOfBusiness(l.id(), words.name("linesOfBusiness", l.id(), l.name()),
        words.description("linesOfBusiness", l.id(), l.description()));
  }

  private static Portfolio.Service translated(Portfolio.Service s, Languages.CatalogWords words) {
    return new Portfolio.Service(s.id(), words.name("services", s.id(), s.name()),
        words.description("services", s.id(), s.description()), s.lineOfBusiness(), s.ownerGroup(), s.lifecycle(),
        s.plannedDate(), s.supportHours(), s.monthlyCost(), s.criticality(), s.maintenanceWindows());
  }

  private static Portfolio.RequestItem translated(Portfolio.RequestItem i, Languages.CatalogWords words) {
    return new Portfolio.RequestItem(i.id(), words.name("requestItems", i.id(), i.name()),
        words.description("requestItems", i.id(), i.description()), i.service(), i.form(), i.process(),
        i.fulfilmentGroup(), i.price(),
        i.deliveryTarget(), i.orderableBy(), i.sensitive(), i.title());
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
