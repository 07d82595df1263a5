package org.flowdesk.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

/**
 * The portal's page needs the login; its calls to the API ride on the session, and a write
 * without the session's CSRF token is refused, so another site cannot use the cookie.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
// Logs in to Tasklist and Cockpit, which are served from JVM-wide state that the last context to
// start them set up; a context closed since (OutboundRetryTest's, MeasuresTest's) breaks them. A
// fresh context, as FlowDeskApplicationTest does, which the browser tests after this one share.
@DirtiesContext(classMode = DirtiesContext.ClassMode.BEFORE_CLASS)
class PortalSessionTest {

  static final Pattern TOKEN = Pattern.compile("name=\"csrf-token\" content=\"([^\"]+)\"");
  static final Pattern LOGIN_TOKEN = Pattern.compile("name=\"_csrf\" type=\"hidden\" value=\"([^\"]+)\"");
  static final String REPORT = "{\"title\":\"Mouse broken\",\"service\":\"laptop\",\"category\":\"hardware\","
      + "\"impact\":3,\"urgency\":3}";

  @LocalServerPort
  int port;

  final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
      .followRedirects(HttpClient.Redirect.NORMAL).build();

  /** A GET as a browser sends it. */
  HttpResponse<String> get(String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .header("Accept", "text/html,application/xhtml+xml,*/*;q=0.8").build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> post(String path, String contentType, String body, String csrf) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body));
    if (csrf != null) {
      request.header("X-CSRF-TOKEN", csrf);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** Logs in as the user (password = id) through the form of the login page given, as a browser does. */
  HttpResponse<String> logIn(String user, HttpResponse<String> loginPage) throws Exception {
    return post("/login", "application/x-www-form-urlencoded", "username=" + user + "&password=" + user + "&_csrf="
        + URLEncoder.encode(find(LOGIN_TOKEN, loginPage.body()), StandardCharsets.UTF_8), null);
  }

  static String find(Pattern pattern, String text) {
    Matcher matcher = pattern.matcher(text);
    assertThat(matcher.find()).as(text).isTrue();
    return matcher.group(1);
  }

  @Test
  void thePortalNeedsTheLoginAndItsWritesNeedTheSessionsCsrfToken() throws Exception {
    HttpResponse<String> anonymous = get("/");
    assertThat(anonymous.uri().getPath()).isEqualTo("/login");
    assertThat(get("/api/me").statusCode()).isEqualTo(401);

    HttpResponse<String> portal = logIn("alice", anonymous);
    assertThat(portal.uri().getPath()).isEqualTo("/");
    assertThat(portal.body()).containsPattern("<script type=\"module\" src=\"/portal/app-[A-Z0-9]+\\.js\"></script>");
    assertThat(portal.headers().firstValue("Content-Security-Policy").orElseThrow()).contains("script-src 'self'");
    String csrf = find(TOKEN, portal.body());

    HttpResponse<String> me = get("/api/me");
    assertThat(me.statusCode()).isEqualTo(200);
    assertThat(me.body()).contains("\"id\":\"alice\"");

    assertThat(post("/api/incidents", "application/json", REPORT, null).statusCode()).isEqualTo(403);
    assertThat(post("/api/incidents", "application/json", REPORT, "forged").statusCode()).isEqualTo(403);
    HttpResponse<String> reported = post("/api/incidents", "application/json", REPORT, csrf);
    assertThat(reported.statusCode()).as(reported.body()).isEqualTo(201);
    assertThat(get("/portal/" + find(SCRIPT, portal.body())).statusCode()).isEqualTo(200);
  }

  /**
   * A mail's links (flowdesk.mail.ticket-url and attachment-url, by default these addresses) bring a person who is
   * not logged in to the login and then on to the ticket's page in the portal, or to the file, with the session.
   */
  @Test
  void aMailsLinksLeadThroughTheLoginToTheTicketsPageAndItsFile() throws Exception {
    HttpClient basic = HttpClient.newHttpClient();
    String auth = "Basic " + Base64.getEncoder().encodeToString("alice:alice".getBytes(StandardCharsets.UTF_8));
    HttpResponse<String> reported = basic.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
        + "/api/incidents")).header("Authorization", auth).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(REPORT)).build(), HttpResponse.BodyHandlers.ofString());
    String number = find(Pattern.compile("\"number\":\"([A-Z]+-\\d+)\""), reported.body());
    String boundary = "flowdesk-test-boundary";
    String multipart = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"files\"; filename=\"jam.txt\"\r\n"
        + "Content-Type: text/plain\r\n\r\npaper jam at tray 2\r\n--" + boundary + "--\r\n";
    HttpResponse<String> attached = basic.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
        + "/api/tickets/" + number + "/attachments")).header("Authorization", auth)
        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .POST(HttpRequest.BodyPublishers.ofString(multipart)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(attached.statusCode()).as(attached.body()).isEqualTo(201);
    String file = find(Pattern.compile("\"id\":\"?([^\",}]+)"), attached.body());

    // Not logged in: the link leads to the login, which brings the person back to the ticket's page.
    HttpResponse<String> anonymous = get("/tickets/" + number);
    assertThat(anonymous.uri().getPath()).isEqualTo("/login");
    HttpResponse<String> loggedIn = logIn("alice", anonymous);
    assertThat(loggedIn.uri().getPath()).isEqualTo("/");
    assertThat(loggedIn.uri().getFragment()).isEqualTo("/tickets/" + number);
    assertThat(loggedIn.body()).contains("name=\"csrf-token\"");

    // With the session the file's link is the download.
    HttpResponse<String> download = get("/tickets/" + number + "/attachments/" + file);
    assertThat(download.uri().getPath()).isEqualTo("/api/tickets/" + number + "/attachments/" + file);
    assertThat(download.statusCode()).isEqualTo(200);
    assertThat(download.body()).isEqualTo("paper jam at tray 2");

    // Greta, another requester, may not see alice's ticket: the file's link, followed in her session, is refused.
    HttpClient other = HttpClient.newBuilder().cookieHandler(new CookieManager())
        .followRedirects(HttpClient.Redirect.NORMAL).build();
    HttpResponse<String> login = other.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/login"))
        .build(), HttpResponse.BodyHandlers.ofString());
    other.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/login"))
        .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(
            "username=greta&password=greta&_csrf=" + URLEncoder.encode(find(LOGIN_TOKEN, login.body()),
                StandardCharsets.UTF_8))).build(), HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> refused = other.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
        + "/tickets/" + number + "/attachments/" + file)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(refused.statusCode()).isEqualTo(404);
    assertThat(refused.body()).doesNotContain("paper jam");
  }

  static final Pattern SCRIPT = Pattern.compile("src=\"/portal/(app-[A-Z0-9]+\\.js)\"");
  static final Pattern STYLES = Pattern.compile("href=\"/portal/(app-[A-Z0-9]+\\.css)\"");

  HttpResponse<byte[]> asset(String path, String acceptEncoding) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .header("Accept-Encoding", acceptEncoding).build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  @Test
  void theScriptAndStylesAreCompressedUnderNamesThatChangeWithTheirContentAndKeptForAYear() throws Exception {
    HttpResponse<String> portal = logIn("alice", get("/login"));
    // The page names the current files and is never kept, so a new build reaches every browser at once.
    assertThat(portal.headers().firstValue("Cache-Control").orElseThrow()).contains("no-store");
    String script = "/portal/" + find(SCRIPT, portal.body());
    String styles = "/portal/" + find(STYLES, portal.body());

    for (String file : List.of(script, styles)) {
      HttpResponse<byte[]> brotli = asset(file, "gzip, deflate, br");
      assertThat(brotli.statusCode()).isEqualTo(200);
      assertThat(brotli.headers().firstValue("Content-Encoding")).contains("br");
      assertThat(brotli.headers().firstValue("Cache-Control").orElseThrow())
          .contains("max-age=31536000").contains("public").contains("immutable");
      assertThat(brotli.headers().allValues("Vary")).anySatisfy(vary -> assertThat(vary).contains("Accept-Encoding"));
      HttpResponse<byte[]> gzip = asset(file, "gzip");
      assertThat(gzip.headers().firstValue("Content-Encoding")).contains("gzip");
      HttpResponse<byte[]> plain = asset(file, "identity");
      assertThat(plain.headers().firstValue("Content-Encoding")).isEmpty();
      assertThat(brotli.body().length).isLessThan(plain.body().length / 3);
    }
    // The script and the chunks it imports before it runs (those it imports when a page needs them, such as the
    // workbench's editors and the CMDB's graph, come later and only to those who open them).
    long travels = 0;
    Deque<String> files = new ArrayDeque<>(List.of(script));
    Set<String> seen = new HashSet<>();
    while (!files.isEmpty()) {
      String file = files.pop();
      if (!seen.add(file)) {
        continue;
      }
      travels += asset(file, "br").body().length;
      Matcher imported = STATIC_IMPORT.matcher(new String(asset(file, "identity").body(),
          StandardCharsets.UTF_8));
      while (imported.find()) {
        files.push("/portal/" + imported.group(1));
      }
    }
    assertThat(seen).as("the script's chunks").hasSizeGreaterThan(1);
    assertThat(travels).as("the script and its chunks as they travel").isLessThan(250_000);
  }

  /** A chunk a script imports before it runs ({@code import{…}from"./chunk-….js"}, {@code import"./chunk-….js"}). */
  static final Pattern STATIC_IMPORT =
      Pattern.compile("(?:\\bimport|\\bexport)\\s*(?:\\{[^}]*}\\s*from\\s*|\\*\\s*as\\s+\\w+\\s*from\\s*)?\"\\./(chunk-[A-Z0-9]+\\.js)\"");

  @Test
  void aPortalCallWithoutSessionIsRefusedWithoutMakingTheBrowserAskForAPassword() throws Exception {
    HttpResponse<String> portalCall = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
        + "/api/me")).header("X-Requested-With", "XMLHttpRequest").build(), HttpResponse.BodyHandlers.ofString());
    assertThat(portalCall.statusCode()).isEqualTo(401);
    assertThat(portalCall.headers().firstValue("WWW-Authenticate")).isEmpty();
    assertThat(portalCall.body()).contains("Your session has ended; log in again.");
    // API clients are still asked for HTTP Basic.
    HttpResponse<String> client = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        URI.create("http://localhost:" + port + "/api/me")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(client.headers().firstValue("WWW-Authenticate")).contains("Basic realm=\"FlowDesk\"");
  }

  @Test
  void pagesNotForThePersonsRoleSaySoInWordsNotInJsonOrSpringsWhitelabelPage() throws Exception {
    logIn("alice", get("/login"));
    HttpResponse<String> measures = get("/measures");
    assertThat(measures.statusCode()).isEqualTo(403);
    assertThat(measures.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
    assertThat(measures.body()).contains("This page is not for your role").contains("Service measures")
        .contains("href=\"/\"").doesNotContain("Whitelabel");

    // Logged in to Tasklist, alice opens Cockpit.
    HttpResponse<String> tasklist = camundaLogin("tasklist", "alice");
    assertThat(tasklist.statusCode()).as(tasklist.body()).isEqualTo(200);
    HttpResponse<String> cockpit = get("/camunda/app/cockpit/default/");
    assertThat(cockpit.statusCode()).isEqualTo(403);
    assertThat(cockpit.body()).contains("This page is not for your role").contains("Cockpit")
        .doesNotContain("Whitelabel");
  }

  /** Greta's profile says German: the page that is not for her role says so in German, with the portal's styles. */
  @Test
  void aPageNotForThePersonsRoleSpeaksTheirLanguage() throws Exception {
    logIn("greta", get("/login"));
    HttpResponse<String> measures = get("/measures");
    assertThat(measures.statusCode()).isEqualTo(403);
    assertThat(measures.body()).contains("<html lang=\"de\">", "Diese Seite ist nicht für Ihre Rolle",
        "Service-Kennzahlen", "Zum Portal").doesNotContain(">This page is not for your role<");
    assertThat(measures.body()).containsPattern("href=\"/portal/app-[A-Z0-9]+\\.css\"");
  }

  /**
   * An address with no page: a browser gets a page in words, in the language of its person (here the browser's, as
   * alice has none in her profile), leading to the portal; an API client still gets the problem answer.
   */
  @Test
  void anAddressWithNoPageSaysSoInWordsToABrowserAndAsAProblemToAClient() throws Exception {
    HttpResponse<String> anonymous = get("/no-such-page");
    assertThat(anonymous.uri().getPath()).isEqualTo("/login");
    logIn("alice", anonymous);

    for (String path : List.of("/no-such-page", "/measures/", "/portal/no-such-file.html")) {
      HttpResponse<String> page = get(path);
      assertThat(page.statusCode()).as(path).isEqualTo(404);
      assertThat(page.headers().firstValue("Content-Type").orElseThrow()).as(path).startsWith("text/html");
      assertThat(page.body()).as(path).contains("There is no such page", "href=\"/\"", "Go to the portal")
          .doesNotContain("Whitelabel", "\"status\":404");
    }
    HttpResponse<String> german = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/no-such-page"))
        .header("Accept", "text/html").header("Accept-Language", "de-DE,de;q=0.9").build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(german.statusCode()).isEqualTo(404);
    assertThat(german.body()).contains("<html lang=\"de\">", "Diese Seite gibt es nicht", "Zum Portal");

    // The API and a script asking for JSON get the problem answer, as before.
    HttpResponse<String> api = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/no-such"))
        .header("Accept", "text/html,application/json").build(), HttpResponse.BodyHandlers.ofString());
    assertThat(api.statusCode()).isEqualTo(404);
    assertThat(api.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
    HttpResponse<String> json = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/no-such-page"))
        .header("Accept", "application/json").build(), HttpResponse.BodyHandlers.ofString());
    assertThat(json.statusCode()).isEqualTo(404);
    assertThat(json.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
  }

  @Test
  void aWriteWithTheSessionNeedsTheCsrfTokenWhateverOtherHeadersItCarries() throws Exception {
    HttpResponse<String> portal = logIn("alice", get("/login"));
    String csrf = find(TOKEN, portal.body());
    String basic = "Basic " + Base64.getEncoder().encodeToString("bob:bob".getBytes(StandardCharsets.UTF_8));

    for (String authorization : List.of("Bearer anything", basic)) {
      HttpResponse<String> forged = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
          + "/api/incidents")).header("Content-Type", "application/json").header("Authorization", authorization)
          .POST(HttpRequest.BodyPublishers.ofString(REPORT)).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(forged.statusCode()).as(authorization + ": " + forged.body()).isEqualTo(403);
    }
    HttpResponse<String> withToken = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
        + "/api/incidents")).header("Content-Type", "application/json").header("Authorization", "Bearer anything")
        .header("X-CSRF-TOKEN", csrf).POST(HttpRequest.BodyPublishers.ofString(REPORT)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(withToken.statusCode()).as(withToken.body()).isEqualTo(201);
  }

  @Test
  void apiClientsWithBasicGetNoSessionAndNeedNoCsrfToken() throws Exception {
    String basic = "Basic " + Base64.getEncoder().encodeToString("bob:bob".getBytes(StandardCharsets.UTF_8));
    HttpResponse<String> reported = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        URI.create("http://localhost:" + port + "/api/incidents")).header("Authorization", basic)
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(REPORT)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(reported.statusCode()).isEqualTo(201);
    assertThat(reported.headers().allValues("Set-Cookie")).isEmpty();
    HttpResponse<String> refused = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        URI.create("http://localhost:" + port + "/api/me")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(refused.statusCode()).isEqualTo(401);
    assertThat(refused.headers().allValues("Set-Cookie")).isEmpty();
  }

  /** Logs in to one of Camunda's webapps (Cockpit, Tasklist) as its login page does, with Camunda's XSRF cookie. */
  HttpResponse<String> camundaLogin(String app, String user) throws Exception {
    get("/camunda/app/" + app + "/default/");
    String xsrf = ((CookieManager) http.cookieHandler().orElseThrow()).getCookieStore().getCookies().stream()
        .filter(c -> c.getName().equals("XSRF-TOKEN")).findFirst().orElseThrow().getValue();
    return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
        + "/camunda/api/admin/auth/user/default/login/" + app)).header("X-XSRF-TOKEN", xsrf)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("username=" + user + "&password=" + user)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void cockpitsOwnLookUpsWorkWithinTheEnginesQueryLimitWhileTheApiMustStillPage() throws Exception {
    assertThat(camundaLogin("cockpit", "admin").statusCode()).isEqualTo(200);
    // The versions of a process, for Cockpit's version menu: asked for without maxResults.
    String versions = "/process-definition?key=incident&sortBy=version&sortOrder=desc&withoutTenantId=true";
    HttpResponse<String> cockpit = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
        + "/camunda/api/engine/engine/default" + versions)).header("Accept", "application/json").build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(cockpit.statusCode()).as(cockpit.body()).isEqualTo(200);
    assertThat(cockpit.body()).startsWith("[").contains("\"key\":\"incident\"");

    String basic = "Basic " + Base64.getEncoder().encodeToString("admin:admin".getBytes(StandardCharsets.UTF_8));
    HttpResponse<String> api = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:"
        + port + "/engine-rest" + versions)).header("Authorization", basic).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(api.statusCode()).isEqualTo(400);
    assertThat(api.body()).contains("An unbound number of results is forbidden!");
  }
}
