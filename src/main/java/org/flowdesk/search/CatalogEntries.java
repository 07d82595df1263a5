package org.flowdesk.search;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.flowdesk.catalog.Catalog;
import org.flowdesk.catalog.Portfolio;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Puts the catalog in force into the search box: every service (found by everyone while it is in
 * the catalog, by its owners while it is planned or retired) and every item of a catalog service
 * (by everyone, or by the groups that may order it). In English, as the catalog is written.
 */
@Component
class CatalogEntries {

  private static final Logger LOG = LoggerFactory.getLogger(CatalogEntries.class);
  static final String SERVICE = "service";
  static final String ITEM = "item";

  private final SearchEntries entries;
  private final TransactionTemplate transaction;
  private final Clock clock;

  CatalogEntries(SearchEntries entries, PlatformTransactionManager transactions, Clock clock) {
    this.entries = entries;
    this.transaction = new TransactionTemplate(transactions);
    this.clock = clock;
  }

  @EventListener
  void activated(Catalog.Activated event) {
    Portfolio portfolio = event.portfolio();
    List<SearchEntries.Entry> services = new ArrayList<>();
    List<SearchEntries.Entry> items = new ArrayList<>();
    for (Portfolio.Service s : portfolio.services()) {
      boolean offered = Portfolio.CATALOG.equals(s.lifecycle());
      services.add(new SearchEntries.Entry(SERVICE, s.id(), s.name(), s.description(), s.id(), s.lifecycle(), "en",
          offered ? SearchEntries.EVERYONE : SearchEntries.GROUPS, offered ? Set.of() : Set.of(s.ownerGroup())));
    }
    for (Portfolio.RequestItem i : portfolio.items()) {
      boolean offered = portfolio.service(i.service()).map(s -> Portfolio.CATALOG.equals(s.lifecycle())).orElse(false);
      if (!offered) {
        continue;
      }
      boolean everyone = i.orderableBy() == null || i.orderableBy().isEmpty();
      items.add(new SearchEntries.Entry(ITEM, i.id(), i.name(), i.description(), i.service(), null, "en",
          everyone ? SearchEntries.EVERYONE : SearchEntries.GROUPS, everyone ? Set.of() : Set.copyOf(i.orderableBy())));
    }
    try {
      transaction.executeWithoutResult(status -> {
        write(SERVICE, services);
        write(ITEM, items);
      });
    } catch (DataAccessException e) {
      // Another node of the cluster wrote the same catalog at the same moment.
      LOG.warn("The catalog's search entries were not rewritten: {}", e.getMessage());
    }
  }

  private void write(String kind, List<SearchEntries.Entry> written) {
    entries.removeOthers(kind, written.stream().map(SearchEntries.Entry::ref).toList());
    written.forEach(entry -> entries.put(entry, clock.instant()));
  }
}
