package org.flowdesk.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.CookieManager;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.flowdesk.EngineTime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.TestPropertySource;

/**
 * Failed logins from one client address, whichever users they name, slow that address down at
 * every door where a password is checked. The tests come from several loopback addresses
 * (127.0.0.x) so that each starts with a clean record.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@TestPropertySource(properties = {"flowdesk.security.login-throttle.max-failures=3",
    "flowdesk.security.login-throttle.window=5m", "flowdesk.security.login-throttle.first-block=30s",
    "flowdesk.security.login-throttle.max-block=60s"})
class LoginThrottleTest {

  static final Pattern LOGIN_TOKEN = Pattern.compile("name=\"_csrf\" type=\"hidden\" value=\"([^\"]+)\"");

  @LocalServerPort
  int port;

  @AfterEach
  void resetClock() {
    EngineTime.reset();
  }

  /** What a client sees of an answer: its status, its Retry-After and Content-Type. */
  record Answer(int status, String retryAfter, String contentType) {
  }

  /** A request from the given loopback address, with HTTP Basic as {@code user:password} when given. */
  Answer send(String from, String method, String path, String credentials, String... headers) throws Exception {
    try (Socket socket = new Socket()) {
      socket.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
      socket.connect(new InetSocketAddress("127.0.0.1", port));
      StringBuilder request = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: localhost\r\n"
          + "Connection: close\r\nContent-Length: 0\r\n");
      if (credentials != null) {
        request.append("Authorization: Basic ")
            .append(Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8))).append("\r\n");
      }
      for (String header : headers) {
        request.append(header).append("\r\n");
      }
      OutputStream out = socket.getOutputStream();
      out.write(request.append("\r\n").toString().getBytes(StandardCharsets.UTF_8));
      out.flush();
      BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
      int status = Integer.parseInt(in.readLine().split(" ")[1]);
      String retryAfter = null;
      String contentType = null;
      for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
        String name = line.substring(0, line.indexOf(':')).trim();
        String value = line.substring(line.indexOf(':') + 1).trim();
        if (name.equalsIgnoreCase("Retry-After")) {
          retryAfter = value;
        } else if (name.equalsIgnoreCase("Content-Type")) {
          contentType = value;
        }
      }
      return new Answer(status, retryAfter, contentType);
    }
  }

  /** A browser on this machine (127.0.0.1): FlowDesk's login page and Camunda's webapp login. */
  final class Browser {

    final CookieManager cookies = new CookieManager();
    final HttpClient http = HttpClient.newBuilder().cookieHandler(cookies).build();

    HttpResponse<String> get(String path) throws Exception {
      return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
          .header("Accept", "text/html").build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, String form, String... headers) throws Exception {
      HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
          .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form));
      for (int i = 0; i < headers.length; i += 2) {
        request.header(headers[i], headers[i + 1]);
      }
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> formLogin(String user, String password) throws Exception {
      Matcher token = LOGIN_TOKEN.matcher(get("/login").body());
      assertThat(token.find()).isTrue();
      return post("/login", "username=" + user + "&password=" + password + "&_csrf="
          + URLEncoder.encode(token.group(1), StandardCharsets.UTF_8));
    }

    HttpResponse<String> camundaLogin(String user, String password) throws Exception {
      return camundaLogin("/camunda/api/admin/auth/user/default/login/tasklist", user, password);
    }

    HttpResponse<String> camundaLogin(String path, String user, String password) throws Exception {
      // Camunda's webapp hands out its CSRF token with the pages it serves.
      HttpResponse<String> page = get("/camunda/app/tasklist/default/");
      String token = page.headers().firstValue("X-XSRF-TOKEN").orElseGet(() -> cookies.getCookieStore().getCookies()
          .stream().filter(c -> c.getName().equals("XSRF-TOKEN")).findFirst().orElseThrow().getValue());
      return post(path, "username=" + user + "&password=" + password, "X-XSRF-TOKEN", token);
    }
  }

  static void assertRefused(int status, String retryAfter, String contentType, String door) {
    assertThat(status).as(door).isEqualTo(429);
    assertThat(retryAfter).as(door + " Retry-After").isNotNull();
    assertThat(contentType).as(door).startsWith("application/problem+json");
  }

  @Test
  void failedLoginsAtAnyDoorBlockTheAddressAtEveryDoorButNoOtherAddress() throws Exception {
    Browser browser = new Browser();
    // Three failures, three users, three doors.
    assertThat(send("127.0.0.1", "GET", "/api/me", "bob:wrong").status()).isEqualTo(401);
    assertThat(browser.formLogin("carl", "wrong").headers().firstValue("Location").orElseThrow())
        .endsWith("/login?error");
    assertThat(browser.camundaLogin("nina", "wrong").statusCode()).isEqualTo(401);

    Answer api = send("127.0.0.1", "GET", "/api/me", "alice:alice");
    assertRefused(api.status(), api.retryAfter(), api.contentType(), "/api");
    assertThat(api.retryAfter()).isEqualTo("30");
    Answer engineRest = send("127.0.0.1", "GET", "/engine-rest/version", "alice:alice");
    assertRefused(engineRest.status(), engineRest.retryAfter(), engineRest.contentType(), "/engine-rest");
    Answer actuator = send("127.0.0.1", "GET", "/actuator/prometheus", "admin:admin");
    assertRefused(actuator.status(), actuator.retryAfter(), actuator.contentType(), "/actuator");
    HttpResponse<String> form = browser.formLogin("alice", "alice");
    assertRefused(form.statusCode(), form.headers().firstValue("Retry-After").orElse(null),
        form.headers().firstValue("Content-Type").orElse(null), "/login");
    HttpResponse<String> camunda = browser.camundaLogin("alice", "alice");
    assertRefused(camunda.statusCode(), camunda.headers().firstValue("Retry-After").orElse(null),
        camunda.headers().firstValue("Content-Type").orElse(null), "Camunda's login");
    // The same door spelt otherwise ("l" percent-encoded) is the same door.
    HttpResponse<String> spelt = browser.camundaLogin("/camunda/api/admin/auth/user/default/%6Cogin/tasklist",
        "alice", "alice");
    assertRefused(spelt.statusCode(), spelt.headers().firstValue("Retry-After").orElse(null),
        spelt.headers().firstValue("Content-Type").orElse(null), "Camunda's login, percent-encoded");
    // Asking without credentials is no login attempt.
    assertThat(send("127.0.0.1", "GET", "/api/me", null).status()).isEqualTo(401);

    // The refused attempts checked no password: a wrong one would have locked alice's account for 3 s.
    assertThat(send("127.0.0.1", "GET", "/api/me", "alice:wrong").status()).isEqualTo(429);
    assertThat(send("127.0.0.2", "GET", "/api/me", "alice:alice").status()).as("another address").isEqualTo(200);
    assertThat(send("127.0.0.1", "GET", "/api/me", "alice:alice").status())
        .as("another address's login ends no block").isEqualTo(429);

    EngineTime.advance(Duration.ofSeconds(31));
    assertThat(send("127.0.0.1", "GET", "/api/me", "alice:alice").status()).isEqualTo(200);
    assertThat(browser.formLogin("alice", "alice").headers().firstValue("Location").orElseThrow()).endsWith("/");
  }

  @Test
  void eachFailureAfterABlockBlocksAgainForLongerUpToTheLongestBlock() throws Exception {
    for (String user : new String[] {"bob", "carl", "nina"}) {
      assertThat(send("127.0.0.3", "GET", "/engine-rest/version", user + ":wrong").status()).isEqualTo(401);
    }
    assertThat(send("127.0.0.3", "GET", "/api/me", "alice:alice").retryAfter()).isEqualTo("30");

    EngineTime.advance(Duration.ofSeconds(31));
    assertThat(send("127.0.0.3", "GET", "/api/me", "bob:wrong").status()).isEqualTo(401);
    assertThat(send("127.0.0.3", "GET", "/api/me", "alice:alice").retryAfter()).isEqualTo("60");

    EngineTime.advance(Duration.ofSeconds(61));
    assertThat(send("127.0.0.3", "GET", "/api/me", "carl:wrong").status()).isEqualTo(401);
    assertThat(send("127.0.0.3", "GET", "/api/me", "alice:alice").retryAfter()).as("capped").isEqualTo("60");

    // Quiet for a window after the block: the address starts afresh.
    EngineTime.advance(Duration.ofMinutes(7));
    assertThat(send("127.0.0.3", "GET", "/api/me", "nina:wrong").status()).isEqualTo(401);
    assertThat(send("127.0.0.3", "GET", "/api/me", "alice:alice").status()).isEqualTo(200);
  }
}
