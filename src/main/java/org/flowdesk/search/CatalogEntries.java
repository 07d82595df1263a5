package org.flowdesk.search;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.flowdesk.catalog.Catalog;
import org.flowdesk.catalog.Portfolio;
import org.flowdesk.language.Languages;
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
 * (by everyone, or by the groups that may order it). In English, as the catalog is written, with the names and
 * descriptions of the other languages on offer ({@code catalog/i18n}) in the text searched too, so that "Neuer Laptop"
 * finds the new laptop; {@link Search} shows a found entry in the caller's language.
 */
@Component
class CatalogEntries {

  private static final Logger LOG = LoggerFactory.getLogger(CatalogEntries.class);
  static final String SERVICE = "service";
  static final String ITEM = "item";

  private final SearchEntries entries;
  private final Languages languages;
  private final TransactionTemplate transaction;
  private final Clock clock;

  CatalogEntries(SearchEntries entries, Languages languages, PlatformTransactionManager transactions, Clock clock) {
    this.entries = entries;
    this.languages = languages;
    this.transaction = new TransactionTemplate(transactions);
    this.clock = clock;
  }

  @EventListener
  void activated(Catalog.Activated event) {
    Portfolio portfolio = event.portfolio();
    List<Languages.CatalogWords> words = languages.available().stream().map(Languages.Language::code)
        .filter(code -> !Languages.MODELS_LANGUAGE.equals(code)).map(languages::catalog).toList();
    List<SearchEntries.Entry> services = new ArrayList<>();
    List<SearchEntries.Entry> items = new ArrayList<>();
    for (Portfolio.Service s : portfolio.services()) {
      boolean offered = Portfolio.CATALOG.equals(s.lifecycle());
      services.add(new SearchEntries.Entry(SERVICE, s.id(), s.name(),
          withTranslations(s.description(), words, Search.SERVICES, s.id(), s.name()), s.id(), s.lifecycle(), "en",
          offered ? SearchEntries.EVERYONE : SearchEntries.GROUPS, offered ? Set.of() : Set.of(s.ownerGroup())));
    }
    for (Portfolio.RequestItem i : portfolio.items()) {
      boolean offered = portfolio.service(i.service()).map(s -> Portfolio.CATALOG.equals(s.lifecycle())).orElse(false);
      if (!offered) {
        continue;
      }
      boolean everyone = i.orderableBy() == null || i.orderableBy().isEmpty();
      items.add(new SearchEntries.Entry(ITEM, i.id(), i.name(),
          withTranslations(i.description(), words, Search.ITEMS, i.id(), i.name()), i.service(), null, "en",
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

  /** The English description, then the entry's name and description in each other language that words them. */
  private static String withTranslations(String description, List<Languages.CatalogWords> words, String section,
      String id, String name) {
    StringBuilder text = new StringBuilder(description == null ? "" : description);
    for (Languages.CatalogWords language : words) {
      String translatedName = language.name(section, id, name);
      String translatedDescription = language.description(section, id, description);
      if (!translatedName.equals(name)) {
        text.append("\n").append(translatedName);
      }
      if (translatedDescription != null && !translatedDescription.equals(description)) {
        text.append("\n").append(translatedDescription);
      }
    }
    return text.toString();
  }

  private void write(String kind, List<SearchEntries.Entry> written) {
    entries.removeOthers(kind, written.stream().map(SearchEntries.Entry::ref).toList());
    written.forEach(entry -> entries.put(entry, clock.instant()));
  }
}
