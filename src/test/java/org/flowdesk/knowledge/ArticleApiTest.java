package org.flowdesk.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ManagementService;
import org.flowdesk.ApiClient;
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

/**
 * Articles through the API as people use them: bob (service desk) writes about the VPN, its owners
 * (the network team, nina) review, alice reads, votes and is spared a ticket; versions, diff,
 * periodic review and retirement; who may do what.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class ArticleApiTest {

  static final ParameterizedTypeReference<Map<String, Object>> OBJECT = new ParameterizedTypeReference<>() { };

  @Autowired
  TestRestTemplate rest;
  @Autowired
  JdbcClient jdbc;
  @Autowired
  ManagementService managementService;

  ResponseEntity<Map<String, Object>> call(String user, HttpMethod method, String path, Object body) {
    return ApiClient.as(rest, user, user).exchange(path, method, body == null ? null : new HttpEntity<>(body), OBJECT);
  }

  Map<String, Object> ok(String user, HttpMethod method, String path, Object body) {
    ResponseEntity<Map<String, Object>> response = call(user, method, path, body);
    assertThat(response.getStatusCode().is2xxSuccessful()).as(method + " " + path + " " + response.getBody()).isTrue();
    return response.getBody();
  }

  static Map<String, Object> article(String title, String body) {
    Map<String, Object> article = new HashMap<>(Map.of("title", title, "body", body, "service", "vpn",
        "audience", "everyone", "language", "en"));
    article.put("keywords", "remote access");
    return article;
  }

  String published(String title, String body) {
    String id = (String) ok("bob", HttpMethod.POST, "/api/articles", article(title, body)).get("id");
    ok("bob", HttpMethod.POST, "/api/articles/" + id + "/submit", null);
    ok("nina", HttpMethod.POST, "/api/articles/" + id + "/review", Map.of("decision", "approve"));
    return id;
  }

  /** The search reads an article as people do: its excerpt without Markdown's marks, found by the marked words. */
  @Test
  void theSearchExcerptIsTheArticlesTextWithoutMarkdownsMarks() {
    String id = published("Glimmerwick VPN drops on hotel networks",
        "Turn off Wi-Fi power saving (*Settings → Network*). On hotel networks, choose the **glimmerwick TCP** profile.");
    Map<String, Object> found = ok("alice", HttpMethod.GET, "/api/search?q=glimmerwick&kind=article", null);
    @SuppressWarnings("unchecked")
    Map<String, Object> hit = ((List<Map<String, Object>>) found.get("items")).stream()
        .filter(item -> id.equals(item.get("ref"))).findFirst().orElseThrow();
    @SuppressWarnings("unchecked")
    String excerpt = ((List<Map<String, Object>>) hit.get("excerpt")).stream().map(part -> (String) part.get("text"))
        .collect(java.util.stream.Collectors.joining());
    assertThat(excerpt).contains("Network). On hotel networks, choose the glimmerwick TCP profile").doesNotContain("*");
  }

  @Autowired
  ArticleSearchText articleSearchText;
  @Autowired
  org.flowdesk.search.SearchEntries searchEntries;
  @Autowired
  org.springframework.transaction.support.TransactionTemplate transactionTemplate;

  /** An article indexed with its Markdown before is written again as plain text at the next start, once. */
  @Test
  void anArticleIndexedWithItsMarkdownIsIndexedAsTextOnce() {
    transactionTemplate.executeWithoutResult(status -> searchEntries.put(new org.flowdesk.search.SearchEntries.Entry(
        Articles.ARTICLE, "kb-test-markdown", "Zanderbloom reset", "Press **Reset** on the *zanderbloom* panel.",
        "printer", "published", "en", org.flowdesk.search.SearchEntries.EVERYONE, java.util.Set.of()),
        java.time.Instant.now()));
    jdbc.sql("DELETE FROM fd_setup_step WHERE step = ?").param(ArticleSearchText.STEP).update();
    articleSearchText.once();
    assertThat(jdbc.sql("SELECT body FROM fd_search_entry WHERE kind = 'article' AND ref = 'kb-test-markdown'")
        .query(String.class).single()).isEqualTo("Press Reset on the zanderbloom panel.");
    assertThat(jdbc.sql("SELECT COUNT(*) FROM fd_setup_step WHERE step = ?").param(ArticleSearchText.STEP)
        .query(Long.class).single()).isEqualTo(1);
    // Written once: an entry written with marks after that keeps them until its article is published again.
    jdbc.sql("UPDATE fd_search_entry SET body = 'Press **Reset** again.' WHERE ref = 'kb-test-markdown'").update();
    articleSearchText.once();
    assertThat(jdbc.sql("SELECT body FROM fd_search_entry WHERE ref = 'kb-test-markdown'").query(String.class)
        .single()).isEqualTo("Press **Reset** again.");
    searchEntries.remove(Articles.ARTICLE, "kb-test-markdown");
  }

  long searchTotal(String user, String words) {
    return ((Number) ok(user, HttpMethod.GET, "/api/search?q=" + words + "&kind=article", null).get("total")).longValue();
  }

  @Test
  void anAgentWritesTheOwnersSendItBackAndApproveAndEveryoneReadsIt() {
    Map<String, Object> draft = ok("bob", HttpMethod.POST, "/api/articles",
        article("VPN Frobnicator drops", "Restart the **Frobnicator** client."));
    String id = (String) draft.get("id");
    assertThat(draft).containsEntry("status", "draft").containsEntry("author", "bob").containsEntry("version", null);
    assertThat(call("alice", HttpMethod.GET, "/api/articles/" + id, null).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(searchTotal("alice", "frobnicator")).isZero();

    ok("bob", HttpMethod.POST, "/api/articles/" + id + "/submit", null);
    assertThat(call("nina", HttpMethod.POST, "/api/articles/" + id + "/review", Map.of("decision", "send_back"))
        .getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(call("alice", HttpMethod.POST, "/api/articles/" + id + "/review", Map.of("decision", "approve"))
        .getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(call("bob", HttpMethod.POST, "/api/articles/" + id + "/review", Map.of("decision", "approve"))
        .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    Map<String, Object> sentBack = ok("nina", HttpMethod.POST, "/api/articles/" + id + "/review",
        Map.of("decision", "send_back", "reason", "Say which client version"));
    assertThat(sentBack).containsEntry("status", "draft");
    assertThat(ok("bob", HttpMethod.GET, "/api/articles/" + id, null).get("draft")).asString()
        .contains("Say which client version");

    Map<String, Object> changed = article("VPN Frobnicator drops", "Restart the **Frobnicator** client 4.2.");
    changed.remove("service");
    ok("bob", HttpMethod.PUT, "/api/articles/" + id, changed);
    ok("bob", HttpMethod.POST, "/api/articles/" + id + "/submit", null);
    Map<String, Object> published = ok("nina", HttpMethod.POST, "/api/articles/" + id + "/review",
        Map.of("decision", "approve"));
    assertThat(published).containsEntry("status", "published").containsEntry("version", 1);

    Map<String, Object> read = ok("alice", HttpMethod.GET, "/api/articles/" + id, null);
    assertThat(read).containsEntry("title", "VPN Frobnicator drops").containsEntry("draft", null)
        .containsEntry("views", 1);
    assertThat((String) read.get("html")).contains("<strong>Frobnicator</strong> client 4.2.");
    assertThat(searchTotal("alice", "frobnicator")).isEqualTo(1);
    assertThat(searchTotal("alice", "remote")).isPositive();
  }

  @Test
  void aRevisionIsReviewedWhileReadersKeepThePublishedVersionAndVersionsDiffer() {
    String id = published("VPN Sprocketwell certificate", "Import the certificate.\nThen reconnect.");
    Map<String, Object> changed = article("VPN Sprocketwell certificate", "Import the new certificate.\nThen reconnect.");
    changed.remove("service");
    ok("bob", HttpMethod.PUT, "/api/articles/" + id, changed);
    assertThat(ok("bob", HttpMethod.POST, "/api/articles/" + id + "/submit", null)).containsEntry("status", "in_review");
    assertThat(ok("alice", HttpMethod.GET, "/api/articles/" + id, null)).containsEntry("version", 1);
    ok("nina", HttpMethod.POST, "/api/articles/" + id + "/review", Map.of("decision", "approve"));

    assertThat(ok("alice", HttpMethod.GET, "/api/articles/" + id, null)).containsEntry("version", 2);
    List<?> versions = ApiClient.as(rest, "alice", "alice").getForObject("/api/articles/" + id + "/versions", List.class);
    assertThat(versions).hasSize(2);
    @SuppressWarnings("unchecked")
    List<String> diff = (List<String>) ok("alice", HttpMethod.GET, "/api/articles/" + id + "/diff?from=1&to=2", null)
        .get("lines");
    assertThat(diff).contains("-Import the certificate.", "+Import the new certificate.");
  }

  @Test
  void readersVoteOnceAndAreSparedATicket() {
    String id = published("VPN Quibbleton token", "Use the token app.");
    ok("alice", HttpMethod.POST, "/api/articles/" + id + "/votes", Map.of("helpful", true, "comment", "Thanks"));
    ok("alice", HttpMethod.POST, "/api/articles/" + id + "/votes", Map.of("helpful", false));
    ok("mark", HttpMethod.POST, "/api/articles/" + id + "/votes", Map.of("helpful", true));
    assertThat(ok("alice", HttpMethod.GET, "/api/articles/" + id, null)).containsEntry("helpful", 1)
        .containsEntry("notHelpful", 1);

    ok("alice", HttpMethod.POST, "/api/articles/" + id + "/deflections", null);
    assertThat(jdbc.sql("SELECT COUNT(*) FROM fd_deflection WHERE article_id = ? AND service = 'vpn'").param(id)
        .query(Long.class).single()).isEqualTo(1);

    Map<String, Object> measures = ok("bob", HttpMethod.GET, "/api/knowledge/measures", null);
    assertThat(measures.get("deflections")).asString().contains("vpn");
    assertThat(measures.get("articles")).asString().contains(id, "helpful=1", "notHelpful=1");
    assertThat(call("alice", HttpMethod.GET, "/api/knowledge/measures", null).getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
  }

  @Test
  void theTimerAsksTheOwnersToReviewAndTheyKeepItOrItIsRetired() {
    String id = published("VPN Wobbleknot split tunnel", "Turn split tunnelling off.");
    String instance = jdbc.sql("SELECT ID_ FROM ACT_RU_EXECUTION WHERE BUSINESS_KEY_ = ? AND PARENT_ID_ IS NULL")
        .param(id).query(String.class).single();
    managementService.executeJob(managementService.createJobQuery().processInstanceId(instance).timers().singleResult()
        .getId());
    assertThat(ok("alice", HttpMethod.GET, "/api/articles/" + id, null)).containsEntry("status", "due_for_review");
    assertThat(ok("nina", HttpMethod.GET, "/api/articles/" + id, null).get("permitted")).asString()
        .contains("action=periodic-review", "name=Review published article", "retire=false");
    assertThat(ids(ok("nina", HttpMethod.GET, "/api/articles?status=due_for_review&review=true&size=100", null)))
        .contains(id);
    assertThat(call("alice", HttpMethod.POST, "/api/articles/" + id + "/periodic-review", Map.of("outcome", "keep"))
        .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(ok("nina", HttpMethod.POST, "/api/articles/" + id + "/periodic-review", Map.of("outcome", "keep")))
        .containsEntry("status", "published");

    assertThat(call("alice", HttpMethod.POST, "/api/articles/" + id + "/retire", null).getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(ok("bob", HttpMethod.POST, "/api/articles/" + id + "/retire", null)).containsEntry("status", "retired");
    assertThat(call("alice", HttpMethod.GET, "/api/articles/" + id, null).getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(searchTotal("nina", "wobbleknot")).isZero();
  }

  @Test
  void articlesForAgentsAreNotReadByOthersAndOnlyAgentsWrite() {
    Map<String, Object> forAgents = article("VPN Gribblefang admin reset", "Reset the gateway.");
    forAgents.put("audience", "agents");
    String id = (String) ok("bob", HttpMethod.POST, "/api/articles", forAgents).get("id");
    ok("bob", HttpMethod.POST, "/api/articles/" + id + "/submit", null);
    ok("nina", HttpMethod.POST, "/api/articles/" + id + "/review", Map.of("decision", "approve"));

    assertThat(call("alice", HttpMethod.GET, "/api/articles/" + id, null).getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(searchTotal("alice", "gribblefang")).isZero();
    assertThat(ok("sam", HttpMethod.GET, "/api/articles/" + id, null)).containsEntry("title", "VPN Gribblefang admin reset");
    assertThat(call("alice", HttpMethod.POST, "/api/articles", article("Mine", "Text")).getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
  }

  @Test
  void anArticleFromAResolvedTicketStartsWithItsResolution() {
    Map<String, Object> ticket = ok("alice", HttpMethod.POST, "/api/incidents", Map.of("title", "VPN Zindlebrook refuses login",
        "service", "vpn", "category", "network", "impact", 3, "urgency", 3));
    String number = (String) ticket.get("number");
    Map<String, Object> fromTicket = new HashMap<>(Map.of("audience", "everyone", "language", "en",
        "fromTicket", number));
    assertThat(call("nina", HttpMethod.POST, "/api/articles", fromTicket).getStatusCode())
        .isEqualTo(HttpStatus.CONFLICT);
    assertThat(call("bob", HttpMethod.POST, "/api/articles", fromTicket).getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);
    jdbc.sql("UPDATE fd_ticket SET resolved_at = CURRENT_TIMESTAMP, resolution_notes = 'Reset the Zindlebrook password.' "
        + "WHERE ticket_number = ?").param(number).update();

    Map<String, Object> draft = ok("nina", HttpMethod.POST, "/api/articles", fromTicket);
    assertThat(draft).containsEntry("service", "vpn").containsEntry("sourceTicket", number);
    assertThat(draft.get("draft")).asString().contains("VPN Zindlebrook refuses login", "Reset the Zindlebrook password.");
  }

  @Autowired
  Articles articles;
  @Autowired
  java.time.Clock clock;

  @Test
  void theDemoKnowledgeBaseIsPublishedThroughTheProcessOnceAndFoundInBothLanguages() {
    DemoArticles demo = new DemoArticles(articles, jdbc, clock, true, true);
    demo.seed();
    demo.seed();

    assertThat(jdbc.sql("SELECT COUNT(*) FROM fd_article WHERE author = 'sam' AND status = 'published'")
        .query(Long.class).single()).isEqualTo(DemoArticles.read().size());
    assertThat(searchTotal("alice", "toner")).isGreaterThanOrEqualTo(2);
    assertThat(searchTotal("alice", "Gehaltsabrechnung")).isEqualTo(1);
  }

  @Test
  void badArticlesAreRefusedAndNothingIsSaved() {
    long before = jdbc.sql("SELECT COUNT(*) FROM fd_article").query(Long.class).single();
    for (Map.Entry<String, Object> wrong : List.<Map.Entry<String, Object>>of(Map.entry("service", "nonsense"),
        Map.entry("audience", "world"), Map.entry("language", "xx"), Map.entry("title", ""),
        Map.entry("title", "t".repeat(201)), Map.entry("body", "nul \u0000"))) {
      Map<String, Object> bad = article("VPN", "Body");
      bad.put(wrong.getKey(), wrong.getValue());
      assertThat(call("bob", HttpMethod.POST, "/api/articles", bad).getStatusCode()).as(wrong.toString())
          .isEqualTo(HttpStatus.BAD_REQUEST);
    }
    assertThat(jdbc.sql("SELECT COUNT(*) FROM fd_article").query(Long.class).single()).isEqualTo(before);
    assertThat(call("alice", HttpMethod.GET, "/api/articles/KB-999999", null).getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);
  }

  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> items(Map<String, Object> page) {
    return (List<Map<String, Object>>) page.get("items");
  }

  static List<Object> ids(Map<String, Object> page) {
    return items(page).stream().map(item -> item.get("id")).toList();
  }

  long total(String user, String query) {
    return ((Number) ok(user, HttpMethod.GET, "/api/articles?size=100&" + query, null).get("total")).longValue();
  }

  @Test
  void listsShowEachPersonOnlyWhatTheyMayReadAndNothingElseCountsTowardsTheTotal() {
    String draft = (String) ok("bob", HttpMethod.POST, "/api/articles",
        article("VPN Flibbertigibbet draft", "Not yet.")).get("id");
    Map<String, Object> forAgents = article("VPN Flibbertigibbet for agents", "Reset the gateway.");
    forAgents.put("audience", "agents");
    String agentsOnly = (String) ok("bob", HttpMethod.POST, "/api/articles", forAgents).get("id");
    ok("bob", HttpMethod.POST, "/api/articles/" + agentsOnly + "/submit", null);
    ok("nina", HttpMethod.POST, "/api/articles/" + agentsOnly + "/review", Map.of("decision", "approve"));
    String published = published("VPN Flibbertigibbet for everyone", "Reconnect.");
    String inReview = (String) ok("bob", HttpMethod.POST, "/api/articles",
        article("VPN Flibbertigibbet in review", "Check the cable.")).get("id");
    ok("bob", HttpMethod.POST, "/api/articles/" + inReview + "/submit", null);

    Map<String, Object> forAlice = ok("alice", HttpMethod.GET, "/api/articles?size=100", null);
    assertThat(ids(forAlice)).contains(published).doesNotContain(draft, agentsOnly, inReview);
    long readable = jdbc.sql("SELECT COUNT(*) FROM fd_article WHERE published_version IS NOT NULL "
        + "AND status <> 'retired' AND audience = 'everyone'").query(Long.class).single();
    assertThat(((Number) forAlice.get("total")).longValue()).as("only what alice may read is counted")
        .isEqualTo(readable);
    assertThat(total("alice", "status=draft")).isZero();
    assertThat(total("alice", "status=in_review")).isZero();
    assertThat(total("alice", "mine=true")).isZero();
    assertThat(total("alice", "review=true")).isZero();
    assertThat(ids(ok("alice", HttpMethod.GET, "/api/articles?status=published&service=vpn&size=100", null)))
        .contains(published).doesNotContain(agentsOnly);

    assertThat(ids(ok("bob", HttpMethod.GET, "/api/articles?mine=true&status=draft&size=100", null)))
        .contains(draft).doesNotContain(published, inReview);
    assertThat(ids(ok("sam", HttpMethod.GET, "/api/articles?status=published&size=100", null))).contains(agentsOnly);
    assertThat(ids(ok("sam", HttpMethod.GET, "/api/articles?size=100", null))).doesNotContain(draft);
    // The review waits for the owners of the VPN (nina's network team), not for other agents.
    assertThat(ids(ok("nina", HttpMethod.GET, "/api/articles?review=true&size=100", null))).contains(inReview)
        .doesNotContain(draft, published);
    assertThat(ids(ok("sam", HttpMethod.GET, "/api/articles?review=true&size=100", null))).doesNotContain(inReview);

    // What each may do now, and the review step nina answers with its form.
    Map<String, Object> ninaSees = ok("nina", HttpMethod.GET, "/api/articles/" + inReview, null);
    assertThat(ninaSees.get("permitted")).asString().contains("action=review", "name=Review article");
    assertThat(ok("bob", HttpMethod.GET, "/api/articles/" + inReview, null).get("permitted")).asString()
        .contains("edit=false", "submit=false", "review=null");
    assertThat(ok("bob", HttpMethod.GET, "/api/articles/" + draft, null).get("permitted")).asString()
        .contains("edit=true", "submit=true", "retire=false");
    assertThat(ok("alice", HttpMethod.GET, "/api/articles/" + published, null).get("permitted")).asString()
        .contains("edit=false", "submit=false", "retire=false", "review=null");

    // While a revision is written, readers' lists keep the published title.
    Map<String, Object> revised = article("VPN Flibbertigibbet renamed", "Reconnect twice.");
    revised.remove("service");
    ok("bob", HttpMethod.PUT, "/api/articles/" + published, revised);
    assertThat(items(ok("alice", HttpMethod.GET, "/api/articles?size=100", null))).filteredOn("id", published)
        .extracting("title").containsExactly("VPN Flibbertigibbet for everyone");
    assertThat(items(ok("bob", HttpMethod.GET, "/api/articles?mine=true&size=100", null))).filteredOn("id", published)
        .extracting("title").containsExactly("VPN Flibbertigibbet renamed");
  }

  @Test
  void badListQueriesAndPreviewsAreRefusedClearlyAndChangeNothing() {
    published("VPN Snickersnee quota", "Ask for more.");
    long articlesBefore = jdbc.sql("SELECT COUNT(*) FROM fd_article").query(Long.class).single();
    long viewsBefore = jdbc.sql("SELECT COALESCE(SUM(views), 0) FROM fd_article").query(Long.class).single();
    Map<String, String> refused = Map.of(
        "status=secret", "must be draft, in_review, published, due_for_review or retired",
        "service=nonsense", "is no service of the catalog",
        "service=a%20b", "must be a service id",
        "size=0", "size",
        "size=1000", "size",
        "page=-1", "page",
        "mine=perhaps", "mine");
    for (Map.Entry<String, String> query : refused.entrySet()) {
      ResponseEntity<String> response = ApiClient.as(rest, "alice", "alice")
          .getForEntity("/api/articles?" + query.getKey(), String.class);
      assertThat(response.getStatusCode()).as(query.getKey()).isEqualTo(HttpStatus.BAD_REQUEST);
      assertThat(response.getHeaders().getContentType()).hasToString("application/problem+json");
      assertThat(response.getBody()).as(query.getKey()).contains(query.getValue());
    }

    assertThat(call("alice", HttpMethod.POST, "/api/articles/preview", Map.of("body", "**mine**")).getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(call("bob", HttpMethod.POST, "/api/articles/preview", Map.of("body", "nul \u0000")).getStatusCode())
        .isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(call("bob", HttpMethod.POST, "/api/articles/preview", Map.of("body", "x", "title", "undeclared"))
        .getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    Map<String, Object> preview = ok("bob", HttpMethod.POST, "/api/articles/preview",
        Map.of("body", "**Restart** it <script>alert(1)</script> [x](javascript:alert(1))"));
    assertThat((String) preview.get("html")).contains("<strong>Restart</strong>").doesNotContain("<script", "javascript:");

    assertThat(jdbc.sql("SELECT COUNT(*) FROM fd_article").query(Long.class).single()).isEqualTo(articlesBefore);
    assertThat(jdbc.sql("SELECT COALESCE(SUM(views), 0) FROM fd_article").query(Long.class).single())
        .isEqualTo(viewsBefore);
  }
}
