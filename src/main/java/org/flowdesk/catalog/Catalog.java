package org.flowdesk.catalog;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.flowdesk.identity.CurrentUser;
import org.flowdesk.language.CatalogNames;
import org.flowdesk.language.Languages;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/** The portfolio in force, and who may see what of it; its entries by their names for texts read in other languages. */
@Service
public class Catalog implements CatalogNames {

  private static final Logger LOG = LoggerFactory.getLogger(Catalog.class);

  private volatile Portfolio portfolio = Portfolio.empty();
  private final ApplicationEventPublisher events;

  Catalog(ApplicationEventPublisher events) {
    this.events = events;
  }

  /** A portfolio came into force (the search box indexes its services and items). */
  public record Activated(Portfolio portfolio) {
  }

  void activate(Portfolio next) {
    portfolio = next;
    events.publishEvent(new Activated(next));
    LOG.info("Catalog in force: {} lines of business, {} services, {} request items",
        next.linesOfBusiness().size(), next.services().size(), next.items().size());
  }

  public Portfolio portfolio() {
    return portfolio;
  }

  public Optional<Portfolio.Service> service(String id) {
    return portfolio.service(id);
  }

  /**
   * A service's name as a reader of the words' language reads it: {@code catalog/i18n}'s word for it, else the
   * catalog's name; its id when the catalog has no such service.
   */
  public String serviceName(String id, Languages.CatalogWords words) {
    return words.name(CatalogNames.SERVICES, id, serviceName(id));
  }

  /**
   * A service's name as the catalog gives it, in the models' language (the texts FlowDesk writes name it so, and a
   * reader of another language reads it by {@code catalog/i18n}); its id when the catalog has no such service.
   */
  public String serviceName(String id) {
    return service(id).map(Portfolio.Service::name).orElse(id);
  }

  /** The services whose owner group the user is in: their owners see their tickets. */
  public Set<String> servicesOwnedBy(CurrentUser user) {
    return portfolio.services().stream().filter(s -> user.isMemberOf(s.ownerGroup()))
        .map(Portfolio.Service::id).collect(Collectors.toUnmodifiableSet());
  }

  /** Requesters see catalog services; owners and administrators also pipeline and retired ones. */
  public boolean canSee(Portfolio.Service service, CurrentUser user) {
    return Portfolio.CATALOG.equals(service.lifecycle()) || user.isAdministrator()
        || user.isMemberOf(service.ownerGroup());
  }

  /** Items of catalog services that the user's groups may order (everyone when none are named). */
  public List<Portfolio.RequestItem> orderable(CurrentUser user) {
    return portfolio.items().stream()
        .filter(i -> service(i.service()).map(s -> Portfolio.CATALOG.equals(s.lifecycle())).orElse(false))
        .filter(i -> i.orderableBy() == null || i.orderableBy().isEmpty()
            || i.orderableBy().stream().anyMatch(user::isMemberOf))
        .toList();
  }

  /** The request item or service of the portfolio in force named so (the first, should two share a name). */
  @Override
  public Optional<String> idOf(String section, String name) {
    Portfolio current = portfolio;
    if (REQUEST_ITEMS.equals(section)) {
      return current.items().stream().filter(i -> i.name().equals(name)).map(Portfolio.RequestItem::id).findFirst();
    }
    if (SERVICES.equals(section)) {
      return current.services().stream().filter(s -> s.name().equals(name)).map(Portfolio.Service::id).findFirst();
    }
    return Optional.empty();
  }
}
