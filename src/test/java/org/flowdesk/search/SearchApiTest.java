package org.flowdesk.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.flowdesk.ApiClient;
import org.flowdesk.TextQuery;
import org.flowdesk.identity.CurrentUser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The search box on a fixed corpus: tickets of alice and bob (made-up words keep the corpus apart
 * from what other tests of the shared context write), comments public and internal, the demo
 * catalog, and entries in English and German. The same tests run on H2's own full-text index
 * (mvn verify) and on PostgreSQL's (mvn verify -Ppostgres).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class SearchApiTest {

  static final ParameterizedTypeReference<Map<String, Object>> OBJECT = new ParameterizedTypeReference<>() { };
  static final ParameterizedTypeReference<List<Map<String, Object>>> LIST = new ParameterizedTypeReference<>() { };

  @Autowired
  TestRestTemplate rest;
  @Autowired
  JdbcClient jdbc;
  @Autowired
  SearchEntries entries;
  @Autowired
  TransactionTemplate transaction;

  /** Alice's and bob's tickets of the corpus, made once for the shared context. */
  static String alices;
  static String alicesOther;
  static String bobs;

  @BeforeEach
  void corpus() {
    if (alices != null && exists(alices)) {
      return;
    }
    alices = report("alice", "Quillfeather printer jams on floor 3",
        "Every page jams in the Quillfeather printer since the toner was changed.");
    alicesOther = report("alice", "Quillfeather monitor flickers", "The jams are gone but the printer screen flickers.");
    bobs = report("bob", "Quillfeather scanner broken", "Bob's secret Quillfeather payroll scans.");
    post("alice", "/api/tickets/" + alices + "/comments", Map.of("text", "Also the Marrowleaf tray squeaks."));
    post("nina", "/api/tickets/" + alices + "/comments", Map.of("text", "Zorblax firmware suspected.", "internal", true));
    transaction.executeWithoutResult(s -> {
      entries.put(new SearchEntries.Entry("article", "kb-test-en", "Quillfeather printers print blank pages",
          "Clean the printing heads of the printers.", "printer", "published", "en", SearchEntries.EVERYONE, Set.of()),
          Instant.parse("2027-03-01T10:00:00Z"));
      entries.put(new SearchEntries.Entry("article", "kb-test-de", "Quillfeather Drucker druckt leere Seiten",
          "Die Druckköpfe der Drucker reinigen.", "printer", "published", "de", SearchEntries.EVERYONE, Set.of()),
          Instant.parse("2027-03-01T10:00:00Z"));
      entries.put(new SearchEntries.Entry("article", "kb-test-agents", "Quillfeather printer service menu",
          "Hold the Glimmerstone button for ten seconds.", "printer", "published", "en", SearchEntries.AGENTS, Set.of()),
          Instant.parse("2027-03-01T10:00:00Z"));
    });
  }

  @Test
  void aSearchFindsOnlyTheCallersTicketsNotEvenCountingHiddenOnes() {
    Map<String, Object> page = search("alice", "quillfeather&kind=ticket");

    assertThat(refs(page)).containsExactlyInAnyOrder(alices, alicesOther);
    assertThat(page.get("total")).isEqualTo(2);
    assertThat(search("alice", "payroll").get("total")).isEqualTo(0);
    assertThat(refs(search("bob", "quillfeather&kind=ticket"))).containsExactly(bobs);
    // The network team works all three.
    assertThat(refs(search("nina", "quillfeather&kind=ticket"))).containsExactlyInAnyOrder(alices, alicesOther, bobs);
  }

  @Test
  void internalCommentsAreFoundByTheTicketsAgentsOnlyAndPublicOnesByTheRequester() {
    assertThat(refs(search("alice", "marrowleaf"))).containsExactly(alices);
    assertThat(search("alice", "zorblax").get("total")).isEqualTo(0);
    assertThat(refs(search("nina", "zorblax"))).containsExactly(alices);
    // The requester's list filter is the same search.
    assertThat(list("alice", "/api/tickets?q=zorblax").get("total")).isEqualTo(0);
    assertThat(list("nina", "/api/tickets?q=zorblax&group=network").get("total")).isEqualTo(1);
  }

  @Test
  void aPhraseMatchesOnlyInItsOrder() {
    assertThat(refs(search("alice", "quillfeather \"printer jams\"&kind=ticket"))).containsExactly(alices);
    assertThat(refs(search("alice", "quillfeather printer jams&kind=ticket"))).containsExactlyInAnyOrder(alices,
        alicesOther);
  }

  @Test
  void aMinusWordLeavesOutWhatHasIt() {
    assertThat(refs(search("alice", "quillfeather -monitor&kind=ticket"))).containsExactly(alices);
    assertThat(refs(search("alice", "quillfeather -\"monitor flickers\"&kind=ticket"))).containsExactly(alices);
  }

  @Test
  void eitherOfTwoWordsWillDo() {
    // "or" binds loosest, as websearch_to_tsquery reads it: (quillfeather and monitor) or marrowleaf,
    // each in one text (marrowleaf is only in a comment of alice's printer ticket). Other tests'
    // tickets have monitors too: every query here holds a made-up word.
    assertThat(refs(search("alice", "quillfeather monitor or marrowleaf&kind=ticket"))).containsExactlyInAnyOrder(
        alices, alicesOther);
    assertThat(refs(search("alice", "quillfeather flickers -jams or marrowleaf&kind=ticket"))).containsExactly(
        alices);
  }

  @Test
  void theMatchedWordsAreMarkedInTitleAndExcerpt() {
    Map<String, Object> hit = first(search("alice", "marrowleaf OR quillfeather printer&kind=ticket"), alices);
    assertThat(hit).containsEntry("title", "Quillfeather printer jams on floor 3");
    List<Map<String, Object>> title = parts(hit, "titleParts");
    assertThat(title).filteredOn(p -> Boolean.TRUE.equals(p.get("match"))).extracting(p -> p.get("text"))
        .contains("Quillfeather", "printer");
    assertThat(title).filteredOn(p -> Boolean.FALSE.equals(p.get("match"))).extracting(p -> p.get("text"))
        .anySatisfy(text -> assertThat((String) text).contains("jams"));
    assertThat(parts(hit, "excerpt")).filteredOn(p -> Boolean.TRUE.equals(p.get("match")))
        .extracting(p -> ((String) p.get("text")).toLowerCase()).contains("printer");
  }

  @Test
  void theCatalogIsFoundInAnyOrderOfItsWordsAndAgentsFindTicketsByNumber() {
    assertThat(refs(search("alice", "laptop new&kind=item"))).contains("new-laptop");
    assertThat(refs(search("alice", "printer&kind=service"))).contains("printer");
    assertThat(refs(search("nina", alices.toLowerCase()))).startsWith(alices);
    assertThat(refs(search("bob", alices))).doesNotContain(alices);
  }

  /** The catalog is found by its words in any language on offer, and shown in the caller's. */
  @Test
  void gretaFindsTheCatalogByItsGermanWordsAndReadsItInGerman() {
    Map<String, Object> found = first(search("greta", "neuer laptop&kind=item"), "new-laptop");
    assertThat(found.get("title")).isEqualTo("Neuer Laptop");
    assertThat(String.valueOf(found.get("excerpt"))).contains("Dockingstation");
    assertThat(found.get("language")).isEqualTo("de");
    // alice, in English, finds it by its English words and reads it in English.
    Map<String, Object> english = first(search("alice", "laptop new&kind=item"), "new-laptop");
    assertThat(english.get("title")).isEqualTo("New laptop");
    assertThat(english.get("language")).isEqualTo("en");
  }

  /**
   * Of two articles that match as well, the one in the reader's language comes first: greta reads German, alice
   * English. Without the weight both orders were the same (by reference), so one of them read the other language's first.
   */
  @Test
  void ofTwoArticlesThatMatchAsWellTheOneInTheReadersLanguageComesFirst() {
    assertThat(refs(search("greta", "quillfeather&kind=article"))).containsExactly("kb-test-de", "kb-test-en");
    assertThat(refs(search("alice", "quillfeather&kind=article"))).containsExactly("kb-test-en", "kb-test-de");
    // A match in the title still beats a match in the body of an article in the reader's language.
    transaction.executeWithoutResult(s -> entries.put(new SearchEntries.Entry("article", "kb-test-de-body",
        "Seiten bleiben weiß", "Beim Quillfeather hilft es, die Köpfe zu reinigen.", "printer", "published", "de",
        SearchEntries.EVERYONE, Set.of()), Instant.parse("2027-03-01T10:00:00Z")));
    try {
      assertThat(refs(search("greta", "quillfeather&kind=article"))).containsExactly("kb-test-de", "kb-test-en",
          "kb-test-de-body");
    } finally {
      transaction.executeWithoutResult(s -> entries.remove("article", "kb-test-de-body"));
    }
  }

  @Test
  void articlesForAgentsAreFoundByAgentsOnly() {
    assertThat(refs(search("alice", "glimmerstone"))).isEmpty();
    assertThat(refs(search("nina", "glimmerstone"))).containsExactly("kb-test-agents");
  }

  @Test
  void searchesThatFindNothingAreKeptForKnowledgeAuthors() {
    search("alice", "Wobblequasar");
    assertThat(jdbc.sql("SELECT COUNT(*) FROM fd_search_miss WHERE query_text = 'Wobblequasar'").query(Long.class)
        .single()).isEqualTo(1);
  }

  @Test
  void badQueriesAreRefusedWithTheField() {
    for (String q : List.of("", " ", "\u0001x", "a".repeat(201))) {
      ResponseEntity<Map<String, Object>> refused = get("alice", "/api/search?q={q}", q);
      assertThat(refused.getStatusCode()).as(q).isEqualTo(HttpStatus.BAD_REQUEST);
    }
    assertThat(get("alice", "/api/search?q=x&kind=secret").getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(get("alice", "/api/search?q=x&size=51").getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(rest.getForEntity("/api/search?q=x", String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    // Characters that mean something to SQL or LIKE are words like any other.
    assertThat(list("alice", "/api/search?q={q}", "%_'\\").get("total")).isEqualTo(0);
  }

  @Test
  void aStatusNoModelDeclaresIsRefusedAsTheTicketListRefusesIt() {
    ResponseEntity<Map<String, Object>> bogus = get("alice", "/api/search?q=quillfeather&status=bogus");
    assertThat(bogus.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> errors = (List<Map<String, Object>>) bogus.getBody().get("errors");
    assertThat(errors).singleElement().satisfies(error -> {
      assertThat(error.get("field")).isEqualTo("status");
      assertThat((String) error.get("message")).startsWith("is no status the models declare; they declare ")
          .contains("in_progress").endsWith("(also taken here: published, pipeline, catalog, retired)");
    });
    assertThat(get("alice", "/api/tickets?status=bogus").getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    // A ticket's status the models declare, an article's and a service's lifecycle are filters.
    assertThat(refs(search("alice", "quillfeather&status=new"))).containsExactlyInAnyOrder(alices, alicesOther);
    assertThat(refs(search("alice", "quillfeather&status=published"))).containsExactlyInAnyOrder("kb-test-en",
        "kb-test-de");
    assertThat(refs(search("alice", "laptops desktops&status=catalog&kind=service"))).containsExactly("laptop");
  }

  @Test
  void pagesAreCutFromOneRankingOfAllKinds() {
    Map<String, Object> all = search("nina", "quillfeather&size=50");
    Map<String, Object> second = search("nina", "quillfeather&size=2&page=1");
    assertThat(second.get("total")).isEqualTo(all.get("total"));
    assertThat(refs(second)).isEqualTo(refs(all).subList(2, 4));
  }

  // --- stemming and typos ---------------------------------------------------------------------

  @Test
  void wordsAreStemmedInTheirLanguage() {
    assertThat(refs(search("alice", "quillfeather printers&kind=ticket"))).containsExactlyInAnyOrder(alices,
        alicesOther);
    assertThat(refs(search("alice", "quillfeather jam&kind=ticket"))).contains(alices);
    assertThat(refs(search("alice", "quillfeather printing head&kind=article"))).containsExactly("kb-test-en");
    // German: Seite finds Seiten, drucken finds druckt.
    assertThat(refs(search("alice", "quillfeather Seite drucken&kind=article"))).containsExactly("kb-test-de");
  }

  @Test
  void aTypoInAShortQueryIsForgiven() {
    assertThat(refs(search("alice", "pirnter quillfeather&kind=ticket"))).contains(alices);
    assertThat(refs(search("alice", "quilfeather"))).contains(alices, "kb-test-en");
  }

  @Test
  void theIndexIsCurrentInTheWritingTransactionAndARollbackLeavesNothing() {
    SearchEntries.Filter articles = new SearchEntries.Filter(List.of("article"), null, null);
    CurrentUser alice = new CurrentUser("alice", Set.of());
    TextQuery query = TextQuery.parse("zephyrquartz");
    transaction.executeWithoutResult(status -> {
      entries.put(new SearchEntries.Entry("article", "kb-test-rolled-back", "Zephyrquartz calibration",
          "Calibrating zephyrquartz sensors.", "printer", "published", "en", SearchEntries.EVERYONE, Set.of()),
          Instant.parse("2027-03-01T10:00:00Z"));
      assertThat(entries.count(alice, false, query, articles)).isEqualTo(1);
      status.setRollbackOnly();
    });
    assertThat(entries.count(alice, false, query, articles)).isZero();
    assertThat(refs(search("alice", "zephyrquartz"))).isEmpty();
  }

  // --- helpers ------------------------------------------------------------------------------

  boolean exists(String number) {
    return jdbc.sql("SELECT COUNT(*) FROM fd_ticket WHERE ticket_number = ?").param(number).query(Long.class)
        .single() > 0;
  }

  String report(String user, String title, String description) {
    ResponseEntity<Map<String, Object>> reported = post(user, "/api/incidents", Map.of("title", title,
        "description", description, "service", "vpn", "category", "network", "impact", 3, "urgency", 3));
    assertThat(reported.getStatusCode()).as(String.valueOf(reported.getBody())).isEqualTo(HttpStatus.CREATED);
    return (String) reported.getBody().get("number");
  }

  ResponseEntity<Map<String, Object>> post(String user, String path, Object body) {
    ResponseEntity<Map<String, Object>> response = ApiClient.as(rest, user, user)
        .exchange(path, HttpMethod.POST, new HttpEntity<>(body), OBJECT);
    assertThat(response.getStatusCode().is2xxSuccessful()).as(String.valueOf(response.getBody())).isTrue();
    return response;
  }

  ResponseEntity<Map<String, Object>> get(String user, String path, Object... variables) {
    return ApiClient.as(rest, user, user).exchange(path, HttpMethod.GET, null, OBJECT, variables);
  }

  Map<String, Object> search(String user, String query) {
    return list(user, "/api/search?q=" + query);
  }

  Map<String, Object> list(String user, String path, Object... variables) {
    ResponseEntity<Map<String, Object>> response = get(user, path, variables);
    assertThat(response.getStatusCode()).as(String.valueOf(response.getBody())).isEqualTo(HttpStatus.OK);
    return response.getBody();
  }

  @SuppressWarnings("unchecked")
  static List<String> refs(Map<String, Object> page) {
    return ((List<Map<String, Object>>) page.get("items")).stream().map(i -> (String) i.get("ref")).toList();
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> first(Map<String, Object> page, String ref) {
    return ((List<Map<String, Object>>) page.get("items")).stream().filter(i -> ref.equals(i.get("ref"))).findFirst()
        .orElseThrow(() -> new AssertionError(ref + " not in " + page));
  }

  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> parts(Map<String, Object> hit, String key) {
    return (List<Map<String, Object>>) hit.get(key);
  }
}
