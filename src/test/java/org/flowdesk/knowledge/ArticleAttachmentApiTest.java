package org.flowdesk.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

import org.flowdesk.ApiClient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/**
 * The files of knowledge articles through the API: bob attaches a screenshot and a form to his
 * article about the VPN, alice downloads them once it is published, a file added while bob
 * revises it reaches readers with the next version; the checks of a ticket's files hold, and
 * nobody else attaches, removes or peeks.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class ArticleAttachmentApiTest {

  static final ParameterizedTypeReference<List<Map<String, Object>>> LIST = new ParameterizedTypeReference<>() { };
  static final byte[] PDF = ("%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages "
      + "/Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n").getBytes(StandardCharsets.US_ASCII);

  @Autowired
  TestRestTemplate rest;
  @Autowired
  JdbcClient jdbc;

  static byte[] png() throws IOException {
    BufferedImage image = new BufferedImage(40, 30, BufferedImage.TYPE_INT_RGB);
    image.setRGB(3, 3, 0xFF0000);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(image, "png", out);
    return out.toByteArray();
  }

  static byte[] exe() {
    byte[] exe = new byte[1024];
    exe[0] = 'M';
    exe[1] = 'Z';
    exe[0x3C] = (byte) 0x80;
    exe[0x80] = 'P';
    exe[0x81] = 'E';
    return exe;
  }

  static HttpEntity<ByteArrayResource> file(String name, byte[] content, String claimedType) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.parseMediaType(claimedType));
    return new HttpEntity<>(new ByteArrayResource(content) {
      @Override
      public String getFilename() {
        return name;
      }
    }, headers);
  }

  ResponseEntity<String> attach(String user, String article, HttpEntity<?>... files) {
    MultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
    for (HttpEntity<?> file : files) {
      parts.add("files", file);
    }
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.MULTIPART_FORM_DATA);
    return ApiClient.as(rest, user, user).exchange("/api/articles/" + article + "/attachments", HttpMethod.POST,
        new HttpEntity<>(parts, headers), String.class);
  }

  HttpStatus listStatus(String user, String article) {
    return (HttpStatus) ApiClient.as(rest, user, user).exchange("/api/articles/" + article + "/attachments",
        HttpMethod.GET, null, String.class).getStatusCode();
  }

  List<Map<String, Object>> files(String user, String article) {
    ResponseEntity<List<Map<String, Object>>> listed = ApiClient.as(rest, user, user).exchange(
        "/api/articles/" + article + "/attachments", HttpMethod.GET, null, LIST);
    assertThat(listed.getStatusCode()).isEqualTo(HttpStatus.OK);
    return listed.getBody();
  }

  List<Object> names(String user, String article) {
    return files(user, article).stream().map(a -> a.get("name")).toList();
  }

  ResponseEntity<byte[]> download(String user, String url) {
    return ApiClient.as(rest, user, user).exchange(url, HttpMethod.GET, null, byte[].class);
  }

  HttpStatus post(String user, String path, Object body) {
    return (HttpStatus) ApiClient.as(rest, user, user).exchange(path, HttpMethod.POST,
        body == null ? null : new HttpEntity<>(body), String.class).getStatusCode();
  }

  String draft(String title, String audience) {
    Map<String, Object> created = ApiClient.as(rest, "bob", "bob").exchange("/api/articles", HttpMethod.POST,
        new HttpEntity<>(Map.of("title", title, "body", "See the screenshot.", "service", "vpn",
            "audience", audience, "language", "en")), new ParameterizedTypeReference<Map<String, Object>>() { })
        .getBody();
    return (String) created.get("id");
  }

  void publish(String id) {
    assertThat(post("bob", "/api/articles/" + id + "/submit", null)).isEqualTo(HttpStatus.OK);
    assertThat(post("nina", "/api/articles/" + id + "/review", Map.of("decision", "approve"))).isEqualTo(HttpStatus.OK);
  }

  @Test
  void theAuthorsFilesReachReadersWithThePublishedVersion() throws IOException {
    String id = draft("VPN Quillmore client settings", "everyone");
    byte[] screenshot = png();
    ResponseEntity<String> attached = attach("bob", id, file("settings.png", screenshot, "image/png"),
        file("vpn-form.pdf", PDF, "application/pdf"));
    assertThat(attached.getStatusCode()).as(attached.getBody()).isEqualTo(HttpStatus.CREATED);
    assertThat(attached.getBody()).contains("\"articleId\":\"" + id + "\"", "/api/articles/" + id + "/attachments/")
        .doesNotContain("ticketNumber");
    assertThat(listStatus("alice", id)).as("a draft is not alice's to see").isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(names("nina", id)).as("the owners review the files with the text")
        .containsExactly("settings.png", "vpn-form.pdf");

    publish(id);
    List<Map<String, Object>> files = files("alice", id);
    assertThat(files).extracting(f -> f.get("name"), f -> f.get("contentType"))
        .containsExactly(org.assertj.core.groups.Tuple.tuple("settings.png", "image/png"),
            org.assertj.core.groups.Tuple.tuple("vpn-form.pdf", "application/pdf"));
    ResponseEntity<byte[]> downloaded = download("alice", (String) files.get(0).get("downloadUrl"));
    assertThat(downloaded.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(downloaded.getBody()).isEqualTo(screenshot);
    assertThat(downloaded.getHeaders().getFirst(HttpHeaders.CONTENT_DISPOSITION)).startsWith("attachment;");
    assertThat(downloaded.getHeaders().getFirst("X-Content-Type-Options")).isEqualTo("nosniff");
    ResponseEntity<byte[]> thumbnail = download("alice", (String) files.get(0).get("thumbnailUrl"));
    assertThat(thumbnail.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(thumbnail.getHeaders().getContentType()).isEqualTo(MediaType.IMAGE_PNG);
    ResponseEntity<byte[]> range = ApiClient.as(rest, "alice", "alice").exchange(
        (String) files.get(1).get("downloadUrl"), HttpMethod.GET,
        new HttpEntity<>(headers(HttpHeaders.RANGE, "bytes=0-7")), byte[].class);
    assertThat(range.getStatusCode()).isEqualTo(HttpStatus.PARTIAL_CONTENT);
    assertThat(new String(range.getBody(), StandardCharsets.US_ASCII)).isEqualTo("%PDF-1.4");

    // While bob revises the article, readers keep the files of the published version.
    assertThat(attach("bob", id, file("new-client.png", png(), "image/png")).getStatusCode())
        .isEqualTo(HttpStatus.CREATED);
    assertThat(names("alice", id)).containsExactly("settings.png", "vpn-form.pdf");
    assertThat(names("bob", id)).containsExactly("settings.png", "vpn-form.pdf", "new-client.png");
    long added = ((Number) files("bob", id).get(2).get("id")).longValue();
    assertThat(download("alice", "/api/articles/" + id + "/attachments/" + added).getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(post("bob", "/api/articles/" + id + "/submit", null)).isEqualTo(HttpStatus.OK);
    assertThat(attach("bob", id, file("late.png", png(), "image/png")).getStatusCode())
        .as("not while it is reviewed").isEqualTo(HttpStatus.CONFLICT);
    assertThat(post("nina", "/api/articles/" + id + "/review", Map.of("decision", "approve"))).isEqualTo(HttpStatus.OK);
    assertThat(names("alice", id)).containsExactly("settings.png", "vpn-form.pdf", "new-client.png");

    // bob removes the form; readers no longer get it.
    long form = ((Number) files.get(1).get("id")).longValue();
    assertThat(ApiClient.as(rest, "alice", "alice").exchange("/api/articles/" + id + "/attachments/" + form,
        HttpMethod.DELETE, null, String.class).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(ApiClient.as(rest, "bob", "bob").exchange("/api/articles/" + id + "/attachments/" + form,
        HttpMethod.DELETE, null, String.class).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
    assertThat(names("alice", id)).containsExactly("settings.png", "new-client.png");
    assertThat(download("alice", "/api/articles/" + id + "/attachments/" + form).getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);
  }

  @Test
  void onlyTheAuthorAttachesARefusedFileLeavesNothingAndNobodyPeeks() throws IOException {
    String id = draft("VPN Brindlecott token", "everyone");
    long before = jdbc.sql("SELECT COUNT(*) FROM fd_attachment").query(Long.class).single();
    ResponseEntity<String> refused = attach("bob", id, file("token.png", png(), "image/png"),
        file("token-tool.png", exe(), "image/png"));
    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.UNSUPPORTED_MEDIA_TYPE);
    assertThat(refused.getBody()).contains("token-tool.png");
    assertThat(attach("bob", id).getStatusCode()).as("no file").isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(attach("alice", id, file("a.png", png(), "image/png")).getStatusCode())
        .as("alice does not see the draft").isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(attach("nina", id, file("n.png", png(), "image/png")).getStatusCode())
        .as("an owner reviews, the author writes").isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(attach("bob", "KB-999999", file("x.png", png(), "image/png")).getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(jdbc.sql("SELECT COUNT(*) FROM fd_attachment").query(Long.class).single()).isEqualTo(before);

    // An agents-only article's files are not alice's, and ids do not cross between articles and tickets.
    String forAgents = draft("VPN Brindlecott gateway reset", "agents");
    assertThat(attach("bob", forAgents, file("gateway.png", png(), "image/png")).getStatusCode())
        .isEqualTo(HttpStatus.CREATED);
    publish(forAgents);
    long gateway = ((Number) files("sam", forAgents).get(0).get("id")).longValue();
    assertThat(listStatus("alice", forAgents)).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(download("alice", "/api/articles/" + forAgents + "/attachments/" + gateway).getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(download("sam", "/api/articles/" + forAgents + "/attachments/" + gateway).getStatusCode())
        .isEqualTo(HttpStatus.OK);
    assertThat(download("sam", "/api/articles/" + id + "/attachments/" + gateway).getStatusCode())
        .as("another article's file").isEqualTo(HttpStatus.NOT_FOUND);
    String ticket = (String) ApiClient.as(rest, "alice", "alice").postForObject("/api/incidents",
        Map.of("title", "VPN Brindlecott", "service", "vpn", "category", "network", "impact", 3, "urgency", 3),
        Map.class).get("number");
    assertThat(download("alice", "/api/tickets/" + ticket + "/attachments/" + gateway).getStatusCode())
        .as("an article's file is no ticket's").isEqualTo(HttpStatus.NOT_FOUND);

    assertThat(post("bob", "/api/articles/" + forAgents + "/retire", null)).isEqualTo(HttpStatus.OK);
    assertThat(attach("bob", forAgents, file("after.png", png(), "image/png")).getStatusCode())
        .as("a retired article is not changed").isEqualTo(HttpStatus.CONFLICT);
  }

  static HttpHeaders headers(String name, String value) {
    HttpHeaders headers = new HttpHeaders();
    headers.set(name, value);
    return headers;
  }
}
