package org.flowdesk.attachment;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.flowdesk.ApiClient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
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

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Attachments through /api as the requester, the agent and a stranger would use them, with the
 * test profile's limits (5 MB a file, 8 MB a ticket, 12 MB a request).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class AttachmentApiTest {

  static final List<String> TABLES = List.of("fd_ticket", "fd_timeline_entry", "fd_attachment", "fd_attachment_chunk",
      "ACT_RU_EXECUTION", "fd_idempotency_key");

  @Autowired
  TestRestTemplate rest;
  @Autowired
  JdbcClient jdbc;

  ApiClient api;

  ApiClient api() {
    if (api == null) {
      api = new ApiClient(rest);
    }
    return api;
  }

  /** Alice's incident, worked by bob's group (service-desk); hana is a stranger to it. */
  String alicesTicket() {
    return ApiClient.read(api().call("alice", HttpMethod.POST, "/api/incidents", Map.of("title", "Outlook crashes",
        "service", "email", "category", "software", "impact", 3, "urgency", 2))).get("number").asText();
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

  static HttpEntity<Object> json(Object value) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    return new HttpEntity<>(value, headers);
  }

  ResponseEntity<String> upload(String user, String path, MultiValueMap<String, Object> parts) {
    return upload(user, path, parts, null);
  }

  ResponseEntity<String> upload(String user, String path, MultiValueMap<String, Object> parts, String idempotencyKey) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.MULTIPART_FORM_DATA);
    if (idempotencyKey != null) {
      headers.set("Idempotency-Key", idempotencyKey);
    }
    return ApiClient.as(rest, user, user).exchange(path, HttpMethod.POST, new HttpEntity<>(parts, headers),
        String.class);
  }

  ResponseEntity<String> attach(String user, String ticket, boolean internal, HttpEntity<?>... files) {
    MultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
    for (HttpEntity<?> file : files) {
      parts.add("files", file);
    }
    if (internal) {
      parts.add("internal", "true");
    }
    return upload(user, "/api/tickets/" + ticket + "/attachments", parts);
  }

  ResponseEntity<byte[]> download(String user, String url) {
    return ApiClient.as(rest, user, user).exchange(url, HttpMethod.GET, null, byte[].class);
  }

  JsonNode list(String user, String ticket) {
    return api().get(user, "/api/tickets/" + ticket + "/attachments");
  }

  Map<String, Long> counts() {
    Map<String, Long> counts = new java.util.LinkedHashMap<>();
    TABLES.forEach(t -> counts.put(t, jdbc.sql("SELECT COUNT(*) FROM " + t).query(Long.class).single()));
    return counts;
  }

  static String sha256(byte[] content) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
  }

  static void refused(ResponseEntity<String> response, HttpStatus status, String file) {
    assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(status);
    assertThat(response.getHeaders().getContentType()).hasToString("application/problem+json");
    assertThat(ApiClient.read(response).path("file").asText()).isEqualTo(file);
    assertThat(ApiClient.read(response).path("detail").asText()).startsWith(file + ": ");
  }

  @Test
  void theRequesterAttachesAndWhoeverSeesTheTicketDownloadsWhileAStrangerFindsNothing() throws Exception {
    String ticket = alicesTicket();
    byte[] png = Files.png();
    byte[] pdf = Files.pdf();

    ResponseEntity<String> attached = attach("alice", ticket, false, file("vpn-error.png", png, "image/png"),
        file("contract.pdf", pdf, "application/octet-stream"));

    assertThat(attached.getStatusCode()).as(attached.getBody()).isEqualTo(HttpStatus.CREATED);
    JsonNode both = ApiClient.read(attached);
    assertThat(both).hasSize(2);
    assertThat(both.get(0).get("name").asText()).isEqualTo("vpn-error.png");
    assertThat(both.get(0).get("contentType").asText()).isEqualTo("image/png");
    assertThat(both.get(0).get("size").asLong()).isEqualTo(png.length);
    assertThat(both.get(0).get("sha256").asText()).isEqualTo(sha256(png));
    assertThat(both.get(0).get("uploadedBy").asText()).isEqualTo("alice");
    assertThat(both.get(0).has("store")).isFalse();
    assertThat(both.get(1).get("contentType").asText()).as("sniffed, not the client's claim")
        .isEqualTo("application/pdf");

    for (String user : List.of("alice", "bob", "admin")) {
      assertThat(list(user, ticket)).extracting(a -> a.get("name").asText()).containsExactly("vpn-error.png",
          "contract.pdf");
      ResponseEntity<byte[]> got = download(user, both.get(0).get("downloadUrl").asText());
      assertThat(got.getStatusCode()).isEqualTo(HttpStatus.OK);
      assertThat(got.getBody()).isEqualTo(png);
      assertThat(got.getHeaders().getContentType()).hasToString("image/png");
      assertThat(got.getHeaders().getFirst(HttpHeaders.CONTENT_DISPOSITION)).startsWith("attachment;")
          .contains("vpn-error.png");
      assertThat(got.getHeaders().getFirst("X-Content-Type-Options")).isEqualTo("nosniff");
      assertThat(got.getHeaders().getFirst("Content-Security-Policy")).contains("sandbox");
    }
    assertThat(download("bob", both.get(1).get("downloadUrl").asText()).getBody()).isEqualTo(pdf);

    // hana may not see the ticket: nothing of it exists for her.
    assertThat(api().call("hana", HttpMethod.GET, "/api/tickets/" + ticket + "/attachments", null).getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(download("hana", both.get(0).get("downloadUrl").asText()).getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(attach("hana", ticket, false, file("x.png", png, "image/png")).getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(api().call("hana", HttpMethod.DELETE, both.get(0).get("downloadUrl").asText(), null).getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);
    // An attachment is found only under its own ticket.
    String other = alicesTicket();
    assertThat(download("alice", "/api/tickets/" + other + "/attachments/" + both.get(0).get("id").asLong())
        .getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);

    assertThat(api().get("alice", "/api/tickets/" + ticket + "/timeline")).anySatisfy(entry -> {
      assertThat(entry.get("kind").asText()).isEqualTo("attachment_added");
      assertThat(entry.get("actor").asText()).isEqualTo("alice");
      assertThat(entry.get("text").asText()).startsWith("Attached vpn-error.png (image/png");
    });
  }

  @Test
  void internalAttachmentsAreTheAgentsAndOnlyTheUploaderOrAnAgentRemovesOne() {
    String ticket = alicesTicket();
    JsonNode internal = ApiClient.read(attach("bob", ticket, true, file("trace.txt", Files.text("stack"), "text/plain")))
        .get(0);
    JsonNode bobsPublic = ApiClient.read(attach("bob", ticket, false, file("howto.pdf", Files.pdf(), "application/pdf")))
        .get(0);
    JsonNode alices = ApiClient.read(attach("alice", ticket, false, file("screen.png", Files.png(), "image/png")))
        .get(0);

    assertThat(internal.get("internal").asBoolean()).isTrue();
    assertThat(list("alice", ticket)).extracting(a -> a.get("name").asText()).containsExactly("howto.pdf",
        "screen.png");
    assertThat(list("bob", ticket)).extracting(a -> a.get("name").asText()).containsExactly("trace.txt", "howto.pdf",
        "screen.png");
    assertThat(download("alice", internal.get("downloadUrl").asText()).getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(api().get("alice", "/api/tickets/" + ticket + "/timeline").toString()).doesNotContain("trace.txt");
    assertThat(attach("alice", ticket, true, file("a.png", Files.png(), "image/png")).getStatusCode())
        .isEqualTo(HttpStatus.BAD_REQUEST);

    assertThat(api().call("alice", HttpMethod.DELETE, internal.get("downloadUrl").asText(), null).getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(api().call("alice", HttpMethod.DELETE, bobsPublic.get("downloadUrl").asText(), null).getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(api().call("alice", HttpMethod.DELETE, alices.get("downloadUrl").asText(), null).getStatusCode())
        .isEqualTo(HttpStatus.NO_CONTENT);
    assertThat(api().call("bob", HttpMethod.DELETE, bobsPublic.get("downloadUrl").asText(), null).getStatusCode())
        .isEqualTo(HttpStatus.NO_CONTENT);
    assertThat(list("bob", ticket)).extracting(a -> a.get("name").asText()).containsExactly("trace.txt");
    assertThat(download("bob", alices.get("downloadUrl").asText()).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(jdbc.sql("SELECT COUNT(*) FROM fd_attachment_chunk WHERE attachment_id = ?")
        .param(alices.get("id").asLong()).query(Long.class).single()).isZero();
    assertThat(api().get("alice", "/api/tickets/" + ticket + "/timeline")).anySatisfy(entry -> {
      assertThat(entry.get("kind").asText()).isEqualTo("attachment_removed");
      assertThat(entry.get("text").asText()).isEqualTo("Removed attachment screen.png");
    });
  }

  @Test
  void filesOverALimitOrOfARefusedTypeAreRefusedByNameAndNothingOfTheRequestIsKept() {
    String ticket = alicesTicket();
    Map<String, Long> before = counts();

    refused(attach("alice", ticket, false, file("big.txt", Files.bytes(5 * 1024 * 1024 + 1), "text/plain")),
        HttpStatus.PAYLOAD_TOO_LARGE, "big.txt");
    // An executable named .png and declared image/png is what its content says it is.
    ResponseEntity<String> exe = attach("alice", ticket, false, file("ok.png", Files.png(), "image/png"),
        file("invoice.png", Files.exe(), "image/png"));
    refused(exe, HttpStatus.UNSUPPORTED_MEDIA_TYPE, "invoice.png");
    assertThat(ApiClient.read(exe).get("reason").asText()).contains("application/x-").contains("may not be attached");
    refused(attach("alice", ticket, false, file("page.png", Files.html(), "image/png")),
        HttpStatus.UNSUPPORTED_MEDIA_TYPE, "page.png");
    refused(attach("alice", ticket, false, file("empty.pdf", new byte[0], "application/pdf")),
        HttpStatus.UNPROCESSABLE_ENTITY, "empty.pdf");
    // A German browser reads why in German, a limit in German numbers and units.
    MultiValueMap<String, Object> big = new LinkedMultiValueMap<>();
    big.add("files", file("big.txt", Files.bytes(5 * 1024 * 1024 + 1), "text/plain"));
    HttpHeaders german = new HttpHeaders();
    german.setContentType(MediaType.MULTIPART_FORM_DATA);
    german.set(HttpHeaders.ACCEPT_LANGUAGE, "de-DE");
    JsonNode inGerman = ApiClient.read(ApiClient.as(rest, "alice", "alice").exchange("/api/tickets/" + ticket
        + "/attachments", HttpMethod.POST, new HttpEntity<>(big, german), String.class));
    assertThat(inGerman.get("title").asText()).isEqualTo("Anhang abgelehnt");
    assertThat(inGerman.get("detail").asText()).isEqualTo("big.txt: eine Datei darf höchstens 5 MB groß sein");
    assertThat(inGerman.get("reason").asText()).isEqualTo("eine Datei darf höchstens 5 MB groß sein");
    assertThat(inGerman.get("file").asText()).isEqualTo("big.txt");
    assertThat(counts()).isEqualTo(before);

    // The ticket's limit counts what it holds already: 4 + 3 MB fit, 2 MB more do not.
    assertThat(attach("alice", ticket, false, file("a.txt", Files.bytes(4 * 1024 * 1024), "text/plain"))
        .getStatusCode()).isEqualTo(HttpStatus.CREATED);
    assertThat(attach("alice", ticket, false, file("b.txt", Files.bytes(3 * 1024 * 1024), "text/plain"))
        .getStatusCode()).isEqualTo(HttpStatus.CREATED);
    Map<String, Long> full = counts();
    refused(attach("alice", ticket, false, file("c.txt", Files.bytes(2 * 1024 * 1024), "text/plain")),
        HttpStatus.PAYLOAD_TOO_LARGE, "c.txt");
    assertThat(counts()).isEqualTo(full);
    assertThat(list("alice", ticket)).extracting(a -> a.get("name").asText()).containsExactly("a.txt", "b.txt");
  }

  @Test
  void aReportOrOrderWithFilesOpensTheTicketWithThemAndABadFileOpensNothing() {
    Map<String, Object> report = Map.of("title", "Printer jams", "service", "laptop", "category", "hardware",
        "impact", 3, "urgency", 3);
    MultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
    parts.add("report", json(report));
    parts.add("files", file("jam.png", Files.png(), "image/png"));
    ResponseEntity<String> reported = upload("alice", "/api/incidents", parts);
    assertThat(reported.getStatusCode()).as(reported.getBody()).isEqualTo(HttpStatus.CREATED);
    String number = ApiClient.read(reported).get("number").asText();
    assertThat(list("alice", number)).extracting(a -> a.get("name").asText()).containsExactly("jam.png");

    Map<String, Long> before = counts();
    MultiValueMap<String, Object> bad = new LinkedMultiValueMap<>();
    bad.add("report", json(report));
    bad.add("files", file("jam.png", Files.png(), "image/png"));
    bad.add("files", file("setup.pdf", Files.exe(), "application/pdf"));
    refused(upload("alice", "/api/incidents", bad), HttpStatus.UNSUPPORTED_MEDIA_TYPE, "setup.pdf");
    MultiValueMap<String, Object> invalid = new LinkedMultiValueMap<>();
    invalid.add("report", json(Map.of("title", "No service")));
    invalid.add("files", file("jam.png", Files.png(), "image/png"));
    assertThat(upload("alice", "/api/incidents", invalid).getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(counts()).as("no ticket, no attachment, no process").isEqualTo(before);

    MultiValueMap<String, Object> order = new LinkedMultiValueMap<>();
    order.add("order", json(Map.of("item", "desk-repair", "answers", Map.of("location", "Desk 7",
        "details", "Drawer stuck"))));
    order.add("files", file("drawer.png", Files.png(), "image/png"));
    ResponseEntity<String> ordered = upload("alice", "/api/requests", order);
    assertThat(ordered.getStatusCode()).as(ordered.getBody()).isEqualTo(HttpStatus.CREATED);
    assertThat(list("alice", ApiClient.read(ordered).get("number").asText())).extracting(a -> a.get("name").asText())
        .containsExactly("drawer.png");
    Map<String, Long> beforeOrder = counts();
    order.set("files", file("drawer.zip", zip(), "application/zip"));
    refused(upload("alice", "/api/requests", order), HttpStatus.UNSUPPORTED_MEDIA_TYPE, "drawer.zip");
    assertThat(counts()).isEqualTo(beforeOrder);
  }

  @Test
  void aRetryWithTheSameIdempotencyKeyMustSendTheSameFiles() {
    Map<String, Object> report = Map.of("title", "Scanner streaks", "service", "laptop", "category", "hardware",
        "impact", 3, "urgency", 3);
    MultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
    parts.add("report", json(report));
    parts.add("files", file("streaks.png", Files.png(), "image/png"));
    String key = "scanner-" + java.util.UUID.randomUUID();
    java.util.function.Supplier<ResponseEntity<String>> send = () -> upload("alice", "/api/incidents", parts, key);

    ResponseEntity<String> first = send.get();
    assertThat(first.getStatusCode()).as(first.getBody()).isEqualTo(HttpStatus.CREATED);
    String number = ApiClient.read(first).get("number").asText();
    // The same request again (a lost answer): the same ticket, its file once.
    ResponseEntity<String> retry = send.get();
    assertThat(ApiClient.read(retry).get("number").asText()).isEqualTo(number);
    assertThat(list("alice", number)).hasSize(1);

    // The same report with another file under the same key is another request: refused, nothing written.
    Map<String, Long> before = counts();
    parts.set("files", file("streaks.png", Files.png(8, 8), "image/png"));
    ResponseEntity<String> other = send.get();
    assertThat(other.getStatusCode()).as(other.getBody()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
    assertThat(ApiClient.read(other).get("detail").asText()).contains("already used for a different request");
    parts.remove("files");
    assertThat(send.get().getStatusCode()).as("the report without its file").isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
    assertThat(counts()).isEqualTo(before);
    assertThat(list("alice", number)).extracting(a -> a.get("name").asText()).containsExactly("streaks.png");

    // An order likewise.
    parts.clear();
    parts.add("order", json(Map.of("item", "desk-repair", "answers", Map.of("location", "Desk 9",
        "details", "Wobbles"))));
    parts.add("files", file("desk.png", Files.png(), "image/png"));
    String orderKey = "desk-" + java.util.UUID.randomUUID();
    send = () -> upload("alice", "/api/requests", parts, orderKey);
    ResponseEntity<String> ordered = send.get();
    assertThat(ordered.getStatusCode()).as(ordered.getBody()).isEqualTo(HttpStatus.CREATED);
    assertThat(ApiClient.read(send.get()).get("number").asText())
        .isEqualTo(ApiClient.read(ordered).get("number").asText());
    Map<String, Long> beforeOrder = counts();
    parts.set("files", file("desk-2.png", Files.png(), "image/png"));
    assertThat(send.get().getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
    assertThat(counts()).isEqualTo(beforeOrder);
  }

  @Test
  void aCommentWithFilesIsOneTransactionAndItsFilesTakeItsVisibility() {
    String ticket = alicesTicket();
    MultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
    parts.add("comment", json(Map.of("text", "Seen on the server", "internal", true)));
    parts.add("files", file("server.log", Files.text("ERROR 42"), "text/plain"));
    ResponseEntity<String> commented = upload("bob", "/api/tickets/" + ticket + "/comments", parts);
    assertThat(commented.getStatusCode()).as(commented.getBody()).isEqualTo(HttpStatus.CREATED);
    assertThat(list("bob", ticket)).extracting(a -> a.get("name").asText()).containsExactly("server.log");
    assertThat(list("bob", ticket).get(0).get("internal").asBoolean()).isTrue();
    assertThat(list("alice", ticket)).isEmpty();

    Map<String, Long> before = counts();
    MultiValueMap<String, Object> bad = new LinkedMultiValueMap<>();
    bad.add("comment", json(Map.of("text", "Here it is")));
    bad.add("files", file("tool.exe", Files.exe(), "application/octet-stream"));
    refused(upload("alice", "/api/tickets/" + ticket + "/comments", bad), HttpStatus.UNSUPPORTED_MEDIA_TYPE,
        "tool.exe");
    assertThat(counts()).as("no comment without its files").isEqualTo(before);
    assertThat(api().call("alice", HttpMethod.POST, "/api/tickets/" + ticket + "/comments",
        Map.of("text", "JSON comments still work")).getStatusCode()).isEqualTo(HttpStatus.CREATED);
  }

  @Test
  void hostileNamesAreMadeSafeAndALyingContentTypeIsIgnored() {
    String ticket = alicesTicket();
    String longName = "x".repeat(500) + ".pdf";
    ResponseEntity<String> response = attach("alice", ticket, false,
        file("../../etc/passwd", Files.text("root:x:0:0"), "text/plain"),
        file("..\\..\\windows\\win.ini", Files.text("[fonts]"), "text/plain"),
        file("photo\u202Egnp.pdf", Files.png(), "image/png"),
        file(longName, Files.pdf(), "application/pdf"),
        file("report.pdf", Files.png(), "application/pdf"));
    assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.CREATED);
    JsonNode attached = ApiClient.read(response);

    assertThat(attached).extracting(a -> a.get("name").asText()).containsExactly("passwd", "win.ini",
        "photognp.pdf", "x".repeat(251) + ".pdf", "report.pdf");
    assertThat(attached.get(4).get("contentType").asText()).isEqualTo("image/png");
    ResponseEntity<byte[]> got = download("alice", attached.get(0).get("downloadUrl").asText());
    assertThat(got.getHeaders().getFirst(HttpHeaders.CONTENT_DISPOSITION)).isEqualTo("attachment; filename=\"passwd\"; filename*=UTF-8''passwd");
    assertThat(got.getHeaders().getContentType()).hasToString("text/plain");

    // What a desktop would run is refused by its name, even when its content reads as text; the
    // right-to-left mark that makes "invoice‮fdp.exe" look like a PDF is gone from the name.
    refused(attach("alice", ticket, false, file("invoice\u202Efdp.exe", Files.png(), "image/png")),
        HttpStatus.UNSUPPORTED_MEDIA_TYPE, "invoicefdp.exe");
    refused(attach("alice", ticket, false, file("cleanup.ps1", Files.text("Remove-Item C:\\ -Recurse"), "text/plain")),
        HttpStatus.UNSUPPORTED_MEDIA_TYPE, "cleanup.ps1");
    refused(attach("alice", ticket, false, file("run.sh", Files.text("#!/bin/sh\nrm -rf /\n"), "text/plain")),
        HttpStatus.UNSUPPORTED_MEDIA_TYPE, "run.sh");
  }

  @Test
  void imagesHaveAPreviewDrawnAnewForWhoeverMayDownloadThemAndOtherFilesNone() throws Exception {
    String ticket = alicesTicket();
    JsonNode attached = ApiClient.read(attach("alice", ticket, false, file("screen.png", Files.png(1200, 600),
        "image/png"), file("contract.pdf", Files.pdf(), "application/pdf")));
    String preview = attached.get(0).get("thumbnailUrl").asText();
    assertThat(preview).isEqualTo(attached.get(0).get("downloadUrl").asText() + "/thumbnail");
    assertThat(attached.get(1).get("thumbnailUrl").isNull()).as("a PDF has none").isTrue();

    for (String user : List.of("alice", "bob", "admin")) {
      ResponseEntity<byte[]> got = download(user, preview);
      assertThat(got.getStatusCode()).isEqualTo(HttpStatus.OK);
      assertThat(got.getHeaders().getContentType()).hasToString("image/png");
      assertThat(got.getHeaders().getFirst("X-Content-Type-Options")).isEqualTo("nosniff");
      assertThat(got.getHeaders().getFirst("Content-Security-Policy")).contains("sandbox");
      java.awt.image.BufferedImage image = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(got.getBody()));
      assertThat(image.getWidth()).as("at most 240 pixels, proportions kept").isEqualTo(240);
      assertThat(image.getHeight()).isEqualTo(120);
      assertThat(image.getRGB(120, 60) & 0xFFFFFF).isEqualTo(0x0000FF);
    }
    // The browser's copy is still good: 304 without drawing it again.
    HttpHeaders ifNoneMatch = new HttpHeaders();
    ifNoneMatch.setIfNoneMatch(download("alice", preview).getHeaders().getETag());
    assertThat(ApiClient.as(rest, "alice", "alice").exchange(preview, HttpMethod.GET, new HttpEntity<>(ifNoneMatch),
        byte[].class).getStatusCode()).isEqualTo(HttpStatus.NOT_MODIFIED);

    assertThat(download("hana", preview).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(download("alice", attached.get(1).get("downloadUrl").asText() + "/thumbnail").getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);
    String internal = ApiClient.read(attach("bob", ticket, true, file("console.png", Files.png(), "image/png")))
        .get(0).get("thumbnailUrl").asText();
    assertThat(download("alice", internal).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(download("bob", internal).getStatusCode()).isEqualTo(HttpStatus.OK);
  }

  @Test
  void aPngThatWouldUnpackToGigabytesOrIsDamagedHasNoPreviewAndCostsNothing() {
    String ticket = alicesTicket();
    byte[] cut = java.util.Arrays.copyOf(Files.png(300, 300), 200);
    JsonNode attached = ApiClient.read(attach("alice", ticket, false, file("bomb.png", Files.pngBomb(), "image/png"),
        file("cut.png", cut, "image/png")));
    for (JsonNode image : attached) {
      ResponseEntity<String> answer = ApiClient.as(rest, "alice", "alice").exchange(
          image.get("thumbnailUrl").asText(), HttpMethod.GET, null, String.class);
      assertThat(answer.getStatusCode()).as(image.get("name").asText()).isEqualTo(HttpStatus.NOT_FOUND);
      assertThat(answer.getHeaders().getContentType()).hasToString("application/problem+json");
    }
    // The files themselves are still there to download.
    assertThat(download("alice", attached.get(0).get("downloadUrl").asText()).getBody()).isEqualTo(Files.pngBomb());
  }

  static byte[] zip() {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(out)) {
      zip.putNextEntry(new java.util.zip.ZipEntry("a.txt"));
      zip.write(Files.text("hello"));
      zip.closeEntry();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  @Test
  void aThousandFilesOnOneTicketStopAtItsLimitWithAClearRefusalAndNothingHalfSaved() {
    String ticket = alicesTicket();
    byte[] text = "x".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    // More parts in one request than the container takes: refused as a whole, nothing kept.
    HttpEntity<?>[] sixty = java.util.stream.IntStream.range(0, 60)
        .mapToObj(i -> file("many-" + i + ".txt", text, "text/plain")).toArray(HttpEntity[]::new);
    ResponseEntity<String> tooManyParts = attach("alice", ticket, false, sixty);
    assertThat(tooManyParts.getStatusCode().is4xxClientError()).as(tooManyParts.getBody()).isTrue();
    assertThat(list("alice", ticket)).isEmpty();

    // A thousand files, 40 a request: the ticket takes 500 (the default limit); a request that
    // would cross it is refused whole, naming its first file over the limit.
    int accepted = 0;
    for (int request = 0; request < 25; request++) {
      int first = request * 40;
      HttpEntity<?>[] forty = java.util.stream.IntStream.range(first, first + 40)
          .mapToObj(i -> file("f" + (i + 1) + ".txt", text, "text/plain")).toArray(HttpEntity[]::new);
      ResponseEntity<String> answer = attach("alice", ticket, false, forty);
      if (accepted + 40 <= 500) {
        assertThat(answer.getStatusCode()).as(answer.getBody()).isEqualTo(HttpStatus.CREATED);
        accepted += 40;
      } else {
        refused(answer, HttpStatus.UNPROCESSABLE_ENTITY, "f" + (first + 500 - accepted + 1) + ".txt");
      }
    }
    assertThat(accepted).isEqualTo(480);
    assertThat(list("alice", ticket)).hasSize(480);
    assertThat(jdbc.sql("SELECT COUNT(*) FROM fd_attachment a WHERE a.ticket_number = ?").param(ticket)
        .query(Long.class).single()).isEqualTo(480);
  }
}
