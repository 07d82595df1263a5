package org.flowdesk.catalog;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/** The service portfolio as read from catalog/: lines of business, services, request items. */
public record Portfolio(List<LineOfBusiness> linesOfBusiness, List<Service> services, List<RequestItem> items) {

  public static final String PIPELINE = "pipeline";
  public static final String CATALOG = "catalog";
  public static final String RETIRED = "retired";

  public static Portfolio empty() {
    return new Portfolio(List.of(), List.of(), List.of());
  }

  public record LineOfBusiness(String id, String name, String description) {
  }

  /**
   * A service. {@code lifecycle} is pipeline (planned, shown to its owners), catalog (offered)
   * or retired (no longer offered; its tickets stay readable).
   */
  public record Service(String id, String name, String description, String lineOfBusiness, String ownerGroup,
      String lifecycle, LocalDate plannedDate, String supportHours, BigDecimal monthlyCost) {
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

  public Optional<RequestItem> item(String id) {
    return items.stream().filter(i -> i.id().equals(id)).findFirst();
  }
}
