package org.flowdesk.search;

import static org.flowdesk.UtcColumns.utc;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import org.flowdesk.TextQuery;
import org.flowdesk.catalog.Catalog;
import org.flowdesk.catalog.Portfolio;
import org.flowdesk.identity.AgentGroups;
import org.flowdesk.identity.CurrentUser;
import org.flowdesk.language.Languages;
import org.flowdesk.models.DeployedVocabulary;
import org.flowdesk.ticket.TicketSearch;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The one search box: the caller's visible tickets and the entries they may find (services,
 * catalog items, articles), ranked together by relevance. Each source is asked for its best
 * (page + 1) × size matches and the merge cut to the page, so a page is exact however the kinds
 * mix; totals are counts of the same queries. A short query that found nothing is tried again
 * with each unknown word replaced by the likest known word (typos; see {@link SearchEntries#likest}).
 */
@Service
public class Search {

  static final String TICKET = "ticket";
  static final List<String> ENTRY_KINDS = List.of("article", "service", "item");
  /** What the status filter takes besides a ticket's: a published article's (no other is indexed), a service's. */
  static final List<String> ENTRY_STATUSES = List.of("published", Portfolio.PIPELINE, Portfolio.CATALOG,
      Portfolio.RETIRED);
  /** The catalog's sections as its words files name them ({@code catalog/i18n/<language>.yaml}). */
  static final String SERVICES = "services";
  static final String ITEMS = "requestItems";
  /** Words of a translated catalog description shown as a hit's excerpt. */
  private static final int EXCERPT_WORDS = 30;

  private final TicketSearch tickets;
  private final SearchEntries entries;
  private final AgentGroups agentGroups;
  private final Catalog catalog;
  private final Languages languages;
  private final DeployedVocabulary vocabulary;
  private final JdbcClient jdbc;
  private final Clock clock;

  Search(TicketSearch tickets, SearchEntries entries, AgentGroups agentGroups, Catalog catalog, Languages languages,
      DeployedVocabulary vocabulary, JdbcClient jdbc, Clock clock) {
    this.tickets = tickets;
    this.vocabulary = vocabulary;
    this.entries = entries;
    this.catalog = catalog;
    this.languages = languages;
    this.agentGroups = agentGroups;
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /** A match of any kind, its title and excerpt marked as {@link TextQuery} says. */
  record Found(String kind, String ref, String type, String service, String status, String language, double rank,
      String markedTitle, String markedExcerpt) {
  }

  record Result(List<Found> items, long total) {
  }

  /** kind: ticket, article, service, item or null for all. */
  @Transactional
  public Result search(CurrentUser user, String text, String kind, String service, String status, int page, int size) {
    vocabulary.current().checkStatusFilter(status, ENTRY_STATUSES);
    TextQuery query = TextQuery.parse(text);
    Result result = search(user, query, kind, service, status, page, size);
    if (result.total() == 0 && query.isShort()) {
      TextQuery corrected = corrected(query);
      if (!corrected.equals(query)) {
        result = search(user, corrected, kind, service, status, page, size);
      }
    }
    if (result.total() == 0 && page == 0 && !query.isEmpty()) {
      jdbc.sql("INSERT INTO fd_search_miss (query_text, searched_at) VALUES (?, ?)")
          .params(query.text(), utc(clock.instant())).update();
    }
    return inLanguageOf(user, result);
  }

  /**
   * Catalog services and items are found in every language on offer, and shown in the caller's: their name and
   * description as {@code catalog/i18n} words them (without marks: the words matched may be another language's).
   */
  private Result inLanguageOf(CurrentUser user, Result result) {
    if (result.items().stream().noneMatch(Search::isCatalogEntry)) {
      return result;
    }
    String language = languages.ofCaller(user.id());
    if (Languages.MODELS_LANGUAGE.equals(language)) {
      return result;
    }
    Languages.CatalogWords words = languages.catalog(language);
    Portfolio portfolio = catalog.portfolio();
    return new Result(result.items().stream().map(found -> {
      if (!isCatalogEntry(found)) {
        return found;
      }
      boolean service = CatalogEntries.SERVICE.equals(found.kind());
      String section = service ? SERVICES : ITEMS;
      String name = service ? portfolio.service(found.ref()).map(Portfolio.Service::name).orElse(null)
          : portfolio.item(found.ref()).map(Portfolio.RequestItem::name).orElse(null);
      String description = service ? portfolio.service(found.ref()).map(Portfolio.Service::description).orElse(null)
          : portfolio.item(found.ref()).map(Portfolio.RequestItem::description).orElse(null);
      if (name == null) {
        return found;
      }
      String translatedName = words.name(section, found.ref(), name);
      String translated = words.description(section, found.ref(), description);
      if (translatedName.equals(name) && java.util.Objects.equals(translated, description)) {
        // Not worded in the caller's language: as found, in English, with its marks.
        return found;
      }
      return new Found(found.kind(), found.ref(), found.type(), found.service(), found.status(), language, found.rank(),
          translatedName, excerpt(translated));
    }).toList(), result.total());
  }

  /** The first words of a description, as long as the search's excerpts are at most. */
  private static String excerpt(String description) {
    if (description == null) {
      return "";
    }
    String[] words = description.strip().split("\\s+");
    return words.length <= EXCERPT_WORDS ? description.strip()
        : String.join(" ", java.util.Arrays.copyOf(words, EXCERPT_WORDS)) + " …";
  }

  private static boolean isCatalogEntry(Found found) {
    return CatalogEntries.SERVICE.equals(found.kind()) || CatalogEntries.ITEM.equals(found.kind());
  }

  private Result search(CurrentUser user, TextQuery query, String kind, String service, String status, int page,
      int size) {
    if (query.isEmpty()) {
      return new Result(List.of(), 0);
    }
    int wanted = (page + 1) * size;
    List<Found> found = new ArrayList<>();
    long total = 0;
    if (kind == null || TICKET.equals(kind)) {
      tickets.best(user, query, service, status, wanted).forEach(hit -> found.add(new Found(TICKET, hit.number(),
          hit.type(), hit.service(), hit.status(), null, hit.rank(), hit.markedTitle(), hit.markedExcerpt())));
      total += tickets.count(user, query, service, status);
    }
    List<String> entryKinds = kind == null ? ENTRY_KINDS : ENTRY_KINDS.stream().filter(kind::equals).toList();
    if (!entryKinds.isEmpty()) {
      boolean agent = agentGroups.isAgent(user);
      SearchEntries.Filter filter = new SearchEntries.Filter(entryKinds, service, status);
      entries.best(user, agent, query, filter, languages.ofCaller(user.id()), wanted).forEach(hit -> found.add(new Found(hit.kind(), hit.ref(),
          null, hit.service(), hit.status(), hit.language(), hit.rank(), hit.markedTitle(), hit.markedExcerpt())));
      total += entries.count(user, agent, query, filter);
    }
    List<Found> ranked = found.stream()
        .sorted(Comparator.comparingDouble(Found::rank).reversed().thenComparing(Found::kind).thenComparing(Found::ref))
        .skip((long) page * size).limit(size).toList();
    return new Result(ranked, total);
  }

  /** Each word the index does not know, replaced by the likest word it knows (the same when none is alike). */
  private TextQuery corrected(TextQuery query) {
    List<String> replaced = query.included().stream()
        .flatMap(words -> Stream.of(words.split(" ")))
        .map(word -> entries.isKnownWord(word) ? word : entries.likest(word).orElse(word))
        .toList();
    return query.withWords(replaced);
  }
}
