package org.flowdesk.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * The portal's page needs the login; its calls to the API ride on the session, and a write
 * without the session's CSRF token is refused, so another site cannot use the cookie.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
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

    String loginToken = find(LOGIN_TOKEN, anonymous.body());
    HttpResponse<String> portal = post("/login", "application/x-www-form-urlencoded",
        "username=alice&password=alice&_csrf=" + URLEncoder.encode(loginToken, StandardCharsets.UTF_8), null);
    assertThat(portal.uri().getPath()).isEqualTo("/");
    assertThat(portal.body()).contains("<script type=\"module\" src=\"/portal/app.js\"></script>");
    assertThat(portal.headers().firstValue("Content-Security-Policy").orElseThrow()).contains("script-src 'self'");
    String csrf = find(TOKEN, portal.body());

    HttpResponse<String> me = get("/api/me");
    assertThat(me.statusCode()).isEqualTo(200);
    assertThat(me.body()).contains("\"id\":\"alice\"");

    assertThat(post("/api/incidents", "application/json", REPORT, null).statusCode()).isEqualTo(403);
    assertThat(post("/api/incidents", "application/json", REPORT, "forged").statusCode()).isEqualTo(403);
    HttpResponse<String> reported = post("/api/incidents", "application/json", REPORT, csrf);
    assertThat(reported.statusCode()).as(reported.body()).isEqualTo(201);
    assertThat(get("/portal/app.js").statusCode()).isEqualTo(200);
  }

  @Test
  void aWriteWithTheSessionNeedsTheCsrfTokenWhateverOtherHeadersItCarries() throws Exception {
    String loginToken = find(LOGIN_TOKEN, get("/login").body());
    HttpResponse<String> portal = post("/login", "application/x-www-form-urlencoded",
        "username=alice&password=alice&_csrf=" + URLEncoder.encode(loginToken, StandardCharsets.UTF_8), null);
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
}
