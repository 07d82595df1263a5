package org.flowdesk.sla;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

import org.flowdesk.api.ApiDocs;
import org.flowdesk.api.ForbiddenException;
import org.flowdesk.catalog.Catalog;
import org.flowdesk.catalog.Portfolio;
import org.flowdesk.identity.AccessProperties;
import org.flowdesk.identity.AgentGroups;
import org.flowdesk.identity.CurrentUser;
import org.flowdesk.language.Languages;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * What the service levels are decided from, as the models in force have them: the customer organisations of
 * catalog/organisations.yaml with the level each contracted, and the business calendars a clock may count in
 * (catalog/calendars.yaml, the desk's own, around the clock) with a year's days off. For the people who work
 * tickets and own services; requesters see their tickets' due dates, not the contracts behind them. Names, levels
 * and descriptions are given in the caller's language where {@code catalog/i18n/<language>.yaml} words them
 * (sections {@code organisations}, {@code serviceLevels}, {@code calendars}); the ids and codes stay as the models
 * write them.
 */
@RestController
@Tag(name = "Service levels", description = "What the service levels are decided from: the customer organisations "
    + "and their contracted levels, and the business calendars clocks count in.")
class ServiceLevelsController {

  /** The sections of {@code catalog/i18n/<language>.yaml} that word this page. */
  static final String ORGANISATIONS = "organisations";
  static final String SERVICE_LEVELS = "serviceLevels";
  static final String CALENDARS = "calendars";

  private final Catalog catalog;
  private final SlaCalendar calendar;
  private final AgentGroups agents;
  private final AccessProperties access;
  private final Languages languages;
  private final Clock clock;

  ServiceLevelsController(Catalog catalog, SlaCalendar calendar, AgentGroups agents, AccessProperties access,
      Languages languages, Clock clock) {
    this.catalog = catalog;
    this.languages = languages;
    this.calendar = calendar;
    this.agents = agents;
    this.access = access;
    this.clock = clock;
  }

  @Schema(name = "ServiceLevels")
  record ServiceLevels(
      @Schema(description = "Customer organisations (catalog/organisations.yaml): people whose mail address ends in "
          + "one of the domains belong to it, and their tickets get its contracted level's targets")
      List<Organisation> organisations,
      @Schema(description = "The calendars a clock may count in, as decisions/sla-targets.dmn and ola-targets.dmn "
          + "name them") List<SlaCalendar.Described> calendars) {
  }

  @Schema(name = "Organisation", description = "A customer organisation and the level it contracted")
  record Organisation(@Schema(example = "northwind") String id,
      @Schema(description = "Its name in the caller's language", example = "Northwind Traders") String name,
      @Schema(example = "[\"northwind.test\"]") List<String> domains,
      @Schema(description = "The level as decisions/sla-targets.dmn decides on it", example = "gold")
      String serviceLevel,
      @Schema(description = "The level's name in the caller's language (catalog/i18n: serviceLevels), else its code",
          example = "Gold") String serviceLevelName) {
  }

  @Operation(operationId = "serviceLevels", summary = "Organisations and business calendars",
      description = "The customer organisations with their contracted service level, and every business calendar "
          + "(zone, hours, working days, holidays as written, and the days of the year it does not work, public "
          + "holidays included). Agents, service owners and administrators.")
  @ApiResponse(responseCode = "200", description = "The organisations and calendars in force")
  @ApiResponse(responseCode = "400", ref = ApiDocs.BAD_REQUEST)
  @ApiResponse(responseCode = "403", ref = ApiDocs.FORBIDDEN)
  @GetMapping("/api/service-levels")
  ServiceLevels serviceLevels(@Parameter(description = "The year whose days off to list; this year when left out",
      example = "2027") @RequestParam(required = false) @Min(2000) @Max(2100) Integer year, Authentication caller) {
    CurrentUser user = CurrentUser.of(caller);
    if (!user.isAdministrator() && !agents.isAgent(user)
        && access.serviceOwnerGroups().stream().noneMatch(user::isMemberOf)) {
      throw new ForbiddenException("Service levels are for agents, service owners and administrators");
    }
    int shown = year == null ? LocalDate.now(clock.withZone(calendar.zone())).getYear() : year;
    Languages.CatalogWords words = languages.catalog(languages.ofCaller(user.id()));
    List<Portfolio.Organisation> organisations = catalog.portfolio().organisations();
    return new ServiceLevels(organisations == null ? List.of() : organisations.stream()
        .map(o -> new Organisation(o.id(), words.name(ORGANISATIONS, o.id(), o.name()), o.domains(),
            o.serviceLevel(), words.name(SERVICE_LEVELS, o.serviceLevel(), o.serviceLevel())))
        .toList(),
        calendar.describe(shown).stream()
            .map(c -> c.wordedAs(words.name(CALENDARS, c.name(), c.label()),
                words.description(CALENDARS, c.name(), c.description())))
            .toList());
  }
}
