package org.flowdesk.change;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.flowdesk.catalog.Catalog;
import org.flowdesk.catalog.Portfolio;
import org.flowdesk.api.FieldError;
import org.flowdesk.api.FormValidationException;
import org.flowdesk.sla.SlaCalendar;
import org.springframework.stereotype.Component;

/**
 * The rules a change request must meet beyond its form: the window (end after start, not in the
 * past unless it is an emergency), a backout plan for normal and emergency changes, and for a
 * standard change a template of the catalog for the same service, whose pre-approved plans it
 * inherits and whose longest duration it keeps to.
 */
@Component
class ChangeRequests {

  /** A change request that meets the rules, with what the risk decision needs to know. */
  record Checked(String type, String service, String template, Instant plannedStart, Instant plannedEnd,
      String implementationGroup, int impact, String complexity, boolean tested, String implementationPlan,
      String backoutPlan, String testEvidence, String criticality, boolean outsideMaintenanceWindow) {

    /** The variables the models decide on. */
    Map<String, Object> decisionInputs() {
      Map<String, Object> inputs = new LinkedHashMap<>();
      inputs.put("changeType", type);
      inputs.put("implementationGroup", implementationGroup);
      inputs.put("impact", impact);
      inputs.put("complexity", complexity);
      inputs.put("tested", tested);
      inputs.put("hasBackoutPlan", backoutPlan != null && !backoutPlan.isBlank());
      inputs.put("criticality", criticality);
      inputs.put("outsideMaintenanceWindow", outsideMaintenanceWindow);
      return inputs;
    }
  }

  private final Catalog catalog;
  private final SlaCalendar calendar;
  private final ZoneId zone;

  ChangeRequests(Catalog catalog, SlaCalendar calendar) {
    this.catalog = catalog;
    this.calendar = calendar;
    this.zone = calendar.zone();
  }

  Checked check(Map<String, ?> request, Instant now) {
    List<FieldError> errors = new ArrayList<>();
    String type = text(request, "changeType");
    if (!List.of(ChangePlan.STANDARD, ChangePlan.NORMAL, ChangePlan.EMERGENCY).contains(String.valueOf(type))) {
      errors.add(new FieldError("changeType", "Type must be standard, normal or emergency"));
    }
    String serviceId = text(request, "service");
    Optional<Portfolio.Service> service = serviceId == null ? Optional.empty() : catalog.service(serviceId);
    if (service.isEmpty()) {
      errors.add(new FieldError("service", "Service '" + serviceId + "' is not in the catalog"));
    } else if (Portfolio.RETIRED.equals(service.get().lifecycle())) {
      errors.add(new FieldError("service", "Service '" + serviceId + "' is retired"));
    }
    Instant start = instant(request, "plannedStart", "Planned start", errors);
    Instant end = instant(request, "plannedEnd", "Planned end", errors);
    if (start != null && end != null && !end.isAfter(start)) {
      errors.add(new FieldError("plannedEnd", "Planned end must be after the planned start"));
    }
    if (start != null && start.isBefore(now) && !ChangePlan.EMERGENCY.equals(type)) {
      errors.add(new FieldError("plannedStart", "Planned start must not be in the past; only emergency changes "
          + "may start at once"));
    }
    String group = text(request, "implementationGroup");
    String implementationPlan = text(request, "implementationPlan");
    String backoutPlan = text(request, "backoutPlan");
    String testEvidence = text(request, "testEvidence");
    String templateId = text(request, "template");
    // Its default is the change-request form's.
    String complexity = text(request, "complexity");
    boolean tested = Boolean.TRUE.equals(request.get("tested"));
    Object impactValue = request.get("impact");
    // The form requires it; the check runs after the form's.
    int impact = impactValue instanceof Number number ? number.intValue() : 0;
    if (ChangePlan.STANDARD.equals(type)) {
      Optional<Portfolio.ChangeTemplate> template = templateId == null ? Optional.empty()
          : catalog.portfolio().changeTemplate(templateId);
      if (template.isEmpty()) {
        errors.add(new FieldError("template", templateId == null
            ? "A standard change must name a standard-change template of the catalog"
            : "There is no standard-change template '" + templateId + "' in the catalog"));
      } else {
        Portfolio.ChangeTemplate t = template.get();
        if (!t.service().equals(serviceId)) {
          errors.add(new FieldError("template", "The template '" + t.id() + "' is for the service " + t.service()
              + ", not " + serviceId));
        }
        Duration longest = Duration.parse(t.maxDuration());
        if (start != null && end != null && Duration.between(start, end).compareTo(longest) > 0) {
          errors.add(new FieldError("plannedEnd", "A '" + t.name() + "' change may take at most "
              + longest.toString().substring(2).toLowerCase()));
        }
        // The template's plans were approved once; a standard change carries them, not its own.
        group = t.implementationGroup();
        implementationPlan = t.implementationPlan();
        backoutPlan = t.backoutPlan();
        testEvidence = t.testEvidence();
        complexity = "low";
        tested = true;
      }
    } else if (type != null) {
      if (blank(backoutPlan)) {
        errors.add(new FieldError("backoutPlan", "A " + type + " change needs a backout plan"));
      }
      if (blank(implementationPlan)) {
        errors.add(new FieldError("implementationPlan", "A " + type + " change needs an implementation plan"));
      }
      if (blank(group)) {
        errors.add(new FieldError("implementationGroup", "Name the group that implements the change"));
      }
      templateId = null;
    }
    if (!errors.isEmpty()) {
      throw new FormValidationException(errors);
    }
    Portfolio.Service s = service.orElseThrow();
    return new Checked(type, serviceId, templateId, start, end, group, impact, complexity, tested,
        implementationPlan, backoutPlan, testEvidence, s.criticalityOrDefault(), outsideMaintenanceWindow(s, start, end));
  }

  /** A service with maintenance windows expects its changes inside one of them. */
  private boolean outsideMaintenanceWindow(Portfolio.Service service, Instant start, Instant end) {
    List<Portfolio.MaintenanceWindow> windows = service.maintenanceWindowsOrNone();
    if (windows.isEmpty()) {
      return false;
    }
    ZonedDateTime from = start.atZone(zone);
    ZonedDateTime to = end.atZone(zone);
    return windows.stream().noneMatch(w -> from.getDayOfWeek() == w.day() && to.toLocalDate().equals(from.toLocalDate())
        && !from.toLocalTime().isBefore(w.from()) && !to.toLocalTime().isAfter(w.to()));
  }

  private Instant instant(Map<String, ?> request, String key, String label, List<FieldError> errors) {
    String text = text(request, key);
    if (text == null) {
      errors.add(new FieldError(key, label + " is required"));
      return null;
    }
    try {
      return calendar.instant(text);
    } catch (DateTimeParseException e) {
      errors.add(new FieldError(key, label + " must be a date and time like 2026-12-10T09:00"));
      return null;
    }
  }

  private static String text(Map<String, ?> request, String key) {
    Object value = request.get(key);
    return value == null || value.toString().isBlank() ? null : value.toString();
  }

  private static boolean blank(String text) {
    return text == null || text.isBlank();
  }
}
