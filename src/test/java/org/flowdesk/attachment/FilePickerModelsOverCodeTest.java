package org.flowdesk.attachment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.flowdesk.attachment.AttachmentApiTest.file;
import static org.flowdesk.attachment.AttachmentApiTest.json;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.flowdesk.ApiClient;
import org.flowdesk.EngineTime;
import org.flowdesk.models.EditableModels;
import org.flowdesk.models.EditableModelsTest;
import org.flowdesk.models.ModelsFixture;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A designer adds a file picker to an item's form ("a photo of the damage") and to a fulfilment step's
 * form ("the contractor's receipt"), as files alone: the order and the step then need the file, take
 * it as the form says (one file, of the kinds it accepts), attach it to the ticket and answer the field
 * with its name. A file that does not fit refuses the request and changes nothing; Camunda's door,
 * which carries no files, says where to send them.
 */
@EditableModelsTest
class FilePickerModelsOverCodeTest {

  static final ModelsFixture MODELS = EditableModels.files();
  static final Map<String, Object> ORDER = Map.of("item", "desk-repair", "answers",
      Map.of("location", "Desk 7", "details", "The chair's arm broke off"));

  @Autowired
  TestRestTemplate rest;
  @Autowired
  JdbcClient jdbc;
  @Autowired
  org.camunda.bpm.engine.TaskService taskService;

  @Test
  void anItemFormsFilePickerIsAnsweredWithTheFileWhichLandsOnTheTicket() {
    // Before the designer's change the form has no such field: the part is refused by name.
    assertRefused(order(Map.of("photo", List.of(file("chair.png", Files.png(), "image/png")))), "answers.photo",
        "the form 'item-facilities-job' has no file field 'photo'; other files are sent as parts 'files'");

    FilePickers.photoInTheItemForm(MODELS);
    deploy();

    Map<String, Long> before = counts();
    assertRefused(ApiClient.as(rest, "alice", "alice").postForEntity("/api/requests", ORDER, String.class), "answers.photo",
        "Photo of the damage is required: attach a file");
    assertRefused(order(Map.of("photo", List.of(file("notes.txt", Files.text("broken"), "image/png")))), "answers.photo",
        "notes.txt is text/plain: Photo of the damage takes image/*");
    assertRefused(order(Map.of("photo", List.of(file("a.png", Files.png(), "image/png"),
        file("b.png", Files.png(), "image/png")))), "answers.photo", "Photo of the damage takes one file, not 2");
    assertThat(counts()).as("no ticket, no file, no process").isEqualTo(before);

    ResponseEntity<String> ordered = order(Map.of("photo", List.of(file("chair.png", Files.png(), "image/png")),
        "files", List.of(file("quote.pdf", Files.pdf(), "application/pdf"))));
    assertThat(ordered.getStatusCode()).as(ordered.getBody()).isEqualTo(HttpStatus.CREATED);
    JsonNode ticket = ApiClient.read(ordered);
    assertThat(ticket.get("answers").findValuesAsText("shown")).contains("chair.png");
    assertThat(ticket.get("answers").findValuesAsText("label")).contains("Photo of the damage");
    assertThat(api().get("alice", "/api/tickets/" + ticket.get("number").asText() + "/attachments"))
        .extracting(a -> a.get("name").asText()).containsExactlyInAnyOrder("chair.png", "quote.pdf");
  }

  @Test
  void aStepsFilePickerIsAnsweredWithTheFileAtApiAndCamundasDoorSaysWhereToSendIt() {
    FilePickers.receiptInTheStepForm(MODELS);
    deploy();
    String number = ApiClient.read(ApiClient.as(rest, "alice", "alice").postForEntity("/api/requests", ORDER,
        String.class)).get("number").asText();
    String task = null;
    for (JsonNode t : api().get("fred", "/api/tasks")) {
      if (number.equals(t.path("ticketNumber").asText())) {
        task = t.get("id").asText();
      }
    }
    assertThat(task).as("fred's facilities task for " + number).isNotNull();
    Map<String, Object> fields = Map.of("workNotes", "New arm fitted", "timeSpentMinutes", 20);

    assertRefused(ApiClient.as(rest, "fred", "fred").postForEntity("/api/tasks/" + task + "/complete", fields,
        String.class), "receipt", "Contractor's receipt is required: attach a file");
    ResponseEntity<String> door = ApiClient.as(rest, "fred", "fred").postForEntity("/engine-rest/task/" + task
        + "/submit-form", Map.of("variables", Map.of("workNotes", Map.of("value", "New arm fitted"),
            "receipt", Map.of("value", "receipt.pdf"))), String.class);
    assertThat(door.getStatusCode()).as(door.getBody()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(door.getBody()).contains("Contractor's receipt takes files, which only FlowDesk's portal and its API (/api) accept");
    Map<String, Long> before = counts();
    String working = status(number);
    assertRefused(complete(task, fields, file("receipt.png", Files.png(), "image/png")), "receipt",
        "receipt.png is image/png: Contractor's receipt takes .pdf");
    assertThat(counts()).isEqualTo(before);
    assertThat(status(number)).isEqualTo(working);

    ResponseEntity<String> done = complete(task, fields, file("receipt.pdf", Files.pdf(), "application/pdf"));
    assertThat(done.getStatusCode()).as(done.getBody()).isEqualTo(HttpStatus.NO_CONTENT);
    assertThat(api().get("alice", "/api/tickets/" + number + "/attachments")).extracting(a -> a.get("name").asText())
        .containsExactly("receipt.pdf");
    assertThat(api().get("alice", "/api/tickets/" + number + "/timeline").findValuesAsText("text"))
        .anySatisfy(text -> assertThat(text).contains("Contractor's receipt: receipt.pdf"))
        .anySatisfy(text -> assertThat(text).startsWith("Attached receipt.pdf"));
  }

  @Test
  void aReportsAndAChangesFilePickersAreAnsweredWithTheirFiles() {
    MODELS.replace("forms/incident-report.form", "\"components\": [", "\"components\": ["
        + " {\"id\": \"Field_Screenshot\", \"key\": \"screenshot\", \"label\": \"Screenshot of the error\","
        + " \"type\": \"filepicker\", \"accept\": \"image/*\"},");
    MODELS.replace("forms/change-request.form", "\"components\": [", "\"components\": ["
        + " {\"id\": \"Field_Runbook\", \"key\": \"runbook\", \"label\": \"Runbook\", \"type\": \"filepicker\","
        + " \"accept\": \".pdf\", \"validate\": {\"required\": true}},");
    deploy();

    MultiValueMap<String, Object> report = new LinkedMultiValueMap<>();
    report.add("report", json(Map.of("title", "Printer says E42", "service", "laptop", "category", "hardware",
        "impact", 3, "urgency", 3)));
    report.add("screenshot", file("e42.png", Files.png(), "image/png"));
    ResponseEntity<String> reported = upload("alice", "/api/incidents", report);
    assertThat(reported.getStatusCode()).as(reported.getBody()).isEqualTo(HttpStatus.CREATED);
    assertThat(api().get("alice", "/api/tickets/" + ApiClient.read(reported).get("number").asText() + "/attachments"))
        .extracting(a -> a.get("name").asText()).containsExactly("e42.png");

    EngineTime.runningFrom("2027-03-01T09:00");
    Map<String, Object> change = new LinkedHashMap<>(Map.of("title", "Replace the core switch power supplies",
        "description", "Both supplies are past their service life", "service", "network", "changeType", "normal",
        "plannedStart", "2027-03-13T08:00", "plannedEnd", "2027-03-13T10:00", "impact", 2,
        "implementationGroup", "network", "complexity", "medium", "tested", true));
    change.putAll(Map.of("implementationPlan", "Swap one supply at a time", "backoutPlan", "Put the old supply back",
        "testEvidence", "Vendor procedure, done at the branch office"));
    Map<String, Long> before = counts();
    assertRefused(ApiClient.as(rest, "bob", "bob").postForEntity("/api/changes", change, String.class), "runbook",
        "Runbook is required: attach a file");
    assertThat(counts()).isEqualTo(before);
    MultiValueMap<String, Object> raised = new LinkedMultiValueMap<>();
    raised.add("change", json(change));
    raised.add("runbook", file("runbook.pdf", Files.pdf(), "application/pdf"));
    ResponseEntity<String> made = upload("bob", "/api/changes", raised);
    assertThat(made.getStatusCode()).as(made.getBody()).isEqualTo(HttpStatus.CREATED);
    assertThat(api().get("bob", "/api/tickets/" + ApiClient.read(made).get("number").asText() + "/attachments"))
        .extracting(a -> a.get("name").asText()).containsExactly("runbook.pdf");
    // Someone who may not raise changes is refused before a file of theirs is read.
    assertThat(upload("alice", "/api/changes", raised).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
  }

  @Test
  void aStepOfNoTicketTakesNoFiles() {
    // A knowledge article's review is a step whose instance carries the article's id, not a ticket's number.
    Map<?, ?> draft = ApiClient.as(rest, "bob", "bob").postForObject("/api/articles", Map.of("title",
        "Files never reach an article's review", "body", "Attach them to the article.", "service", "vpn",
        "audience", "everyone", "language", "en"), Map.class);
    String article = (String) draft.get("id");
    ApiClient.as(rest, "bob", "bob").postForEntity("/api/articles/" + article + "/submit", null, String.class);
    String review = taskService.createTaskQuery().processInstanceBusinessKey(article).singleResult().getId();
    Map<String, Long> before = counts();

    MultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
    parts.add("fields", json(Map.of()));
    parts.add("files", file("a.png", Files.png(), "image/png"));
    assertRefused(upload("nina", "/api/tasks/" + review + "/complete", parts), "files",
        "\"" + taskService.createTaskQuery().taskId(review).singleResult().getName()
            + "\" belongs to no ticket, so it takes no files");
    assertThat(counts()).isEqualTo(before);
  }

  private ResponseEntity<String> order(Map<String, List<HttpEntity<?>>> files) {
    MultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
    parts.add("order", json(ORDER));
    files.forEach((name, list) -> list.forEach(file -> parts.add(name, file)));
    return upload("alice", "/api/requests", parts);
  }

  private ResponseEntity<String> complete(String task, Map<String, Object> fields, HttpEntity<?> receipt) {
    MultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
    parts.add("fields", json(fields));
    parts.add("receipt", receipt);
    return upload("fred", "/api/tasks/" + task + "/complete", parts);
  }

  private ResponseEntity<String> upload(String user, String path, MultiValueMap<String, Object> parts) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.MULTIPART_FORM_DATA);
    return ApiClient.as(rest, user, user).exchange(path, HttpMethod.POST, new HttpEntity<>(parts, headers),
        String.class);
  }

  private static void assertRefused(ResponseEntity<String> response, String field, String message) {
    assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.BAD_REQUEST);
    JsonNode errors = ApiClient.read(response).path("errors");
    assertThat(errors).as(response.getBody()).anySatisfy(error -> {
      assertThat(error.path("field").asText()).isEqualTo(field);
      assertThat(error.path("message").asText()).isEqualTo(message);
    });
  }

  private String status(String number) {
    return api().get("alice", "/api/tickets/" + number).get("status").asText();
  }

  private void deploy() {
    ResponseEntity<String> deployed = ApiClient.as(rest, "admin", "admin").exchange("/api/admin/models/deploy",
        HttpMethod.POST, null, String.class);
    assertThat(deployed.getStatusCode()).as(deployed.getBody()).isEqualTo(HttpStatus.OK);
  }

  private Map<String, Long> counts() {
    Map<String, Long> counts = new LinkedHashMap<>();
    AttachmentApiTest.TABLES.forEach(t -> counts.put(t, jdbc.sql("SELECT COUNT(*) FROM " + t).query(Long.class)
        .single()));
    return counts;
  }

  private ApiClient api() {
    return new ApiClient(rest);
  }
}
