package org.flowdesk.catalog;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.List;
import java.util.Optional;

/**
 * The service portfolio as read from catalog/: lines of business, services, request items,
 * standard-change templates and change blackout windows.
 */
public record Portfolio(List<LineOfBusiness> linesOfBusiness, List<Service> services, List<RequestItem> items,
    List<ChangeTemplate> changeTemplates, List<BlackoutWindow> blackoutWindows) {

  public static final String PIPELINE = "pipeline";
  public static final String CATALOG = "catalog";
  public static final String RETIRED = "retired";

  public static Portfolio empty() {
    return new Portfolio(List.of(), List.of(), List.of(), List.of(), List.of());
  }

  public record LineOfBusiness(String id, String name, String description) {
  }

  /**
   * A service. {@code lifecycle} is pipeline (planned, shown to its owners), catalog (offered)
   * or retired (no longer offered; its tickets stay readable). {@code criticality} (low, medium,
   * high) and whether a change falls in one of its {@code maintenanceWindows} rate a change's risk.
   */
  public record Service(String id, String name, String description, String lineOfBusiness, String ownerGroup,
      String lifecycle, LocalDate plannedDate, String supportHours, BigDecimal monthlyCost, String criticality,
      List<MaintenanceWindow> maintenanceWindows) {

    public String criticalityOrDefault() {
      return criticality == null ? "medium" : criticality;
    }

    public List<MaintenanceWindow> maintenanceWindowsOrNone() {
      return maintenanceWindows == null ? List.of() : maintenanceWindows;
    }
  }

  /** A weekly window in which changes to a service are expected, in the service desk's time zone. */
  public record MaintenanceWindow(DayOfWeek day, LocalTime from, LocalTime to) {
  }

  /**
   * A pre-approved standard change: a change naming it inherits its plans and implementing
   * group, and may take at most {@code maxDuration}.
   */
  public record ChangeTemplate(String id, String name, String service, String implementationGroup,
      String implementationPlan, String backoutPlan, String testEvidence, String maxDuration) {
  }

  /**
   * A period in which no change may be made to the listed services (all services when none are
   * listed), in the service desk's time zone.
   */
  public record BlackoutWindow(String id, String name, List<String> services, LocalDateTime from,
      LocalDateTime to) {

    public boolean covers(String service) {
      return services == null || services.isEmpty() || services.contains(service);
    }
  }

  /**
   * Something requesters order: its form asks the questions, its process fulfils it.
   * {@code sensitive} marks access to sensitive systems (security approves).
   */
  public record RequestItem(String id, String name, String description, String service, String form,
      String process, BigDecimal price, String deliveryTarget, List<String> orderableBy, Boolean sensitive) {

    public boolean isSensitive() {
      return Boolean.TRUE.equals(sensitive);
    }
  }

  public Optional<Service> service(String id) {
    return services.stream().filter(s -> s.id().equals(id)).findFirst();
  }

  public Optional<ChangeTemplate> changeTemplate(String id) {
    return changeTemplates.stream().filter(t -> t.id().equals(id)).findFirst();
  }

  public Optional<RequestItem> item(String id) {
    return items.stream().filter(i -> i.id().equals(id)).findFirst();
  }
}
