package org.flowdesk.workbench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.RepositoryService;
import org.flowdesk.ApiClient;
import org.flowdesk.models.EditableModels;
import org.flowdesk.models.EditableModelsTest;
import org.flowdesk.models.ModelDeployer;
import org.flowdesk.models.ModelsFixture;
import org.junit.jupiter.api.BeforeEach;
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

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Drafts of model changes through /api/workbench: a designer changes a cell of the priority matrix in a draft,
 * checks it, rolls it out (the file is written, the models deployed, the next incident gets the new priority) and
 * rolls back; a draft over a file changed on disk is refused with the difference, a broken draft with its
 * element, and hostile drafts are refused before they are stored.
 */
@EditableModelsTest
class ModelDraftApiTest {

  static final ModelsFixture MODELS = EditableModels.files();
  static final String MATRIX = "decisions/incident-priority.dmn";
  static final String LOW_LOW = "<outputEntry id=\"OutputEntry_Impact3Urgency3_1\"><text>5</text></outputEntry>";

  @Autowired
  TestRestTemplate rest;
  @Autowired
  RepositoryService repositoryService;
  @Autowired
  JdbcClient jdbc;

  ApiClient api;

  @BeforeEach
  void client() {
    api = new ApiClient(rest);
  }

  ResponseEntity<String> put(String user, long draft, String path, String content, MediaType type) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(type);
    headers.setBasicAuth(user, user);
    return rest.exchange("/api/workbench/drafts/" + draft + "/files?path=" + path, HttpMethod.PUT,
        new HttpEntity<>(content, headers), String.class);
  }

  long draft(String name) {
    ResponseEntity<String> created = api.call("dora", HttpMethod.POST, "/api/workbench/drafts",
        Map.of("name", name, "note", "Printers have spares now"));
    assertThat(created.getStatusCode()).as(created.getBody()).isEqualTo(HttpStatus.CREATED);
    return ApiClient.read(created).get("id").asLong();
  }

  int priorityOfALowLowIncident() {
    ResponseEntity<String> reported = api.call("alice", HttpMethod.POST, "/api/incidents", Map.of("title",
        "Draftwick printer smudges", "description", "Grey lines", "service", "printer", "category", "hardware",
        "impact", 3, "urgency", 3));
    assertThat(reported.getStatusCode()).as(reported.getBody()).isEqualTo(HttpStatus.CREATED);
    return ApiClient.read(reported).get("priority").asInt();
  }

  String latestDeployment() {
    return repositoryService.createDeploymentQuery().deploymentName(ModelDeployer.DEPLOYMENT_NAME)
        .orderByDeploymentTime().desc().list().get(0).getId();
  }

  @Test
  void aDesignerRollsAChangedMatrixOutAndBack() {
    assertThat(priorityOfALowLowIncident()).isEqualTo(5);
    String before = latestDeployment();
    String original = MODELS.read(MATRIX);
    String changed = original.replace(LOW_LOW, LOW_LOW.replace(">5<", ">4<"));
    assertThat(changed).isNotEqualTo(original);

    long id = draft("Low and low is P4");
    ResponseEntity<String> put = put("dora", id, MATRIX, changed, MediaType.APPLICATION_XML);
    assertThat(put.getStatusCode()).as(put.getBody()).isEqualTo(HttpStatus.OK);
    JsonNode file = ApiClient.read(put).get("files").get(0);
    assertThat(file.get("path").asText()).isEqualTo(MATRIX);
    assertThat(file.get("newFile").asBoolean()).isFalse();
    assertThat(file.get("changedOnDisk").asBoolean()).isFalse();
    // Nothing is live yet: the disk and the engine are as they were.
    assertThat(MODELS.read(MATRIX)).isEqualTo(original);
    assertThat(priorityOfALowLowIncident()).isEqualTo(5);

    JsonNode check = ApiClient.read(api.call("dora", HttpMethod.POST, "/api/workbench/drafts/" + id + "/check", null));
    assertThat(check.get("errors")).isEmpty();

    ResponseEntity<String> rolledOut = api.call("dora", HttpMethod.POST, "/api/workbench/drafts/" + id + "/rollout",
        null);
    assertThat(rolledOut.getStatusCode()).as(rolledOut.getBody()).isEqualTo(HttpStatus.OK);
    JsonNode result = ApiClient.read(rolledOut);
    assertThat(result.at("/draft/status").asText()).isEqualTo("rolled_out");
    assertThat(result.at("/draft/rolledOutBy").asText()).isEqualTo("dora");
    assertThat(result.at("/deployment/deployed").asBoolean()).isTrue();
    assertThat(result.at("/deployment/changedFiles").findValuesAsText("")).isEmpty();
    assertThat(result.at("/deployment/changedFiles").toString()).contains(MATRIX);
    assertThat(MODELS.read(MATRIX)).isEqualTo(changed);
    assertThat(priorityOfALowLowIncident()).isEqualTo(4);
    assertThat(jdbc.sql("SELECT details FROM fd_audit_log WHERE action = 'models.rollout' AND actor = 'dora'")
        .query(String.class).list()).anySatisfy(details ->
            assertThat(details).contains("Low and low is P4", MATRIX, "Printers have spares now"));
    // A rolled-out draft is no longer changed.
    assertThat(api.call("dora", HttpMethod.POST, "/api/workbench/drafts/" + id + "/rollout", null).getStatusCode())
        .isEqualTo(HttpStatus.CONFLICT);

    ResponseEntity<String> back = api.call("dora", HttpMethod.POST, "/api/workbench/rollback",
        Map.of("deploymentId", before, "note", "P4 was too much"));
    assertThat(back.getStatusCode()).as(back.getBody()).isEqualTo(HttpStatus.OK);
    assertThat(ApiClient.read(back).at("/draft/name").asText()).startsWith("Roll back to " + before);
    assertThat(MODELS.read(MATRIX)).isEqualTo(original);
    assertThat(priorityOfALowLowIncident()).isEqualTo(5);
    assertThat(api.call("dora", HttpMethod.POST, "/api/workbench/rollback", Map.of("deploymentId", before))
        .getStatusCode()).as("nothing left to roll back").isEqualTo(HttpStatus.CONFLICT);
  }

  @Test
  void aDraftOverAFileChangedOnDiskIsRefusedWithTheDifference() {
    String original = MODELS.read(MATRIX);
    long id = draft("Low and low is P4, again");
    put("dora", id, MATRIX, original.replace(LOW_LOW, LOW_LOW.replace(">5<", ">4<")), MediaType.TEXT_XML);
    // Someone edits the file in Camunda Modeler meanwhile.
    String theirs = original.replace(LOW_LOW, LOW_LOW.replace(">5<", ">3<"));
    MODELS.write(MATRIX, theirs);
    String deployed = latestDeployment();

    assertThat(ApiClient.read(api.call("dora", HttpMethod.GET, "/api/workbench/drafts/" + id, null))
        .at("/files/0/changedOnDisk").asBoolean()).isTrue();
    ResponseEntity<String> refused = api.call("dora", HttpMethod.POST, "/api/workbench/drafts/" + id + "/rollout", null);

    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
    String difference = ApiClient.read(refused).get("differences").get(MATRIX).asText();
    assertThat(difference).contains("-        " + LOW_LOW.trim(), "+        " + LOW_LOW.replace(">5<", ">3<").trim());
    assertThat(MODELS.read(MATRIX)).as("theirs stays").isEqualTo(theirs);
    assertThat(latestDeployment()).isEqualTo(deployed);
    assertThat(ApiClient.read(api.call("dora", HttpMethod.GET, "/api/workbench/drafts/" + id, null))
        .get("status").asText()).isEqualTo("open");
  }

  @Test
  void aBrokenOrHostileDraftIsRefusedAndChangesNothing() {
    String process = MODELS.read("processes/fulfil-facilities.bpmn");
    String deployed = latestDeployment();
    long id = draft("A step that does not exist");
    String broken = process.replace("${recordFulfilmentStep}", "${recordFulfilmentStpe}");
    // A file sent as bytes is refused naming the types a file is sent as (it named only the one refused).
    ResponseEntity<String> asBytes = put("dora", id, "processes/fulfil-facilities.bpmn", broken,
        MediaType.APPLICATION_OCTET_STREAM);
    assertThat(asBytes.getStatusCode()).isEqualTo(HttpStatus.UNSUPPORTED_MEDIA_TYPE);
    assertThat(ApiClient.read(asBytes).get("detail").asText()).startsWith("Content-Type application/octet-stream is "
        + "not supported here; send one of text/plain, application/xml").contains("application/json");
    assertThat(put("dora", id, "processes/fulfil-facilities.bpmn", broken, MediaType.APPLICATION_XML)
        .getStatusCode()).isEqualTo(HttpStatus.OK);

    JsonNode check = ApiClient.read(api.call("dora", HttpMethod.POST, "/api/workbench/drafts/" + id + "/check", null));
    assertThat(check.get("errors")).anySatisfy(problem -> {
      assertThat(problem.get("file").asText()).isEqualTo("processes/fulfil-facilities.bpmn");
      assertThat(problem.get("element").asText()).startsWith("Activity_DoJob");
    });
    ResponseEntity<String> rejected = api.call("dora", HttpMethod.POST, "/api/workbench/drafts/" + id + "/rollout",
        null);
    assertThat(rejected.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
    assertThat(ApiClient.read(rejected).get("problems").toString()).contains("Activity_DoJob");
    assertThat(MODELS.read("processes/fulfil-facilities.bpmn")).isEqualTo(process);
    assertThat(latestDeployment()).isEqualTo(deployed);

    // A script task is refused by the checks as any deployment refuses it.
    String scripted = process.replace("<bpmn:endEvent id=\"Event_JobDone\"", "<bpmn:scriptTask id=\"Activity_Sneaky\" "
        + "scriptFormat=\"groovy\"><bpmn:script>System.exit(1)</bpmn:script></bpmn:scriptTask>\n"
        + "    <bpmn:endEvent id=\"Event_JobDone\"");
    put("dora", id, "processes/fulfil-facilities.bpmn", scripted, MediaType.APPLICATION_XML);
    assertThat(api.call("dora", HttpMethod.POST, "/api/workbench/drafts/" + id + "/rollout", null).getStatusCode())
        .isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
    assertThat(MODELS.read("processes/fulfil-facilities.bpmn")).isEqualTo(process);

    // An expression that calls a Spring bean which is no step or helper (the data source) is refused with its element.
    String reaching = process.replace("${recordFulfilmentStep}", "${dataSource.connection}");
    put("dora", id, "processes/fulfil-facilities.bpmn", reaching, MediaType.APPLICATION_XML);
    ResponseEntity<String> reached = api.call("dora", HttpMethod.POST, "/api/workbench/drafts/" + id + "/rollout", null);
    assertThat(reached.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
    assertThat(ApiClient.read(reached).get("problems").toString()).contains("Activity_DoJob", "dataSource");
    assertThat(MODELS.read("processes/fulfil-facilities.bpmn")).isEqualTo(process);

    // Refused before they are stored: a document type, a path outside the model folders, no content.
    String doctype = "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>" + process;
    for (ResponseEntity<String> bad : List.of(
        put("dora", id, "processes/fulfil-facilities.bpmn", doctype, MediaType.APPLICATION_XML),
        put("dora", id, "../../etc/passwd", process, MediaType.TEXT_PLAIN),
        put("dora", id, "processes/../../pom.xml", process, MediaType.TEXT_PLAIN),
        put("dora", id, "mail/resolved.sh", "<p>x</p>", MediaType.TEXT_PLAIN),
        put("dora", id, "mail/../application.yaml", "x: 1", MediaType.TEXT_PLAIN),
        put("dora", id, "processes/sneaky.sh", "echo", MediaType.TEXT_PLAIN),
        put("dora", id, "processes/x.bpmn", " ", MediaType.TEXT_PLAIN))) {
      assertThat(bad.getStatusCode()).as(bad.getBody()).isEqualTo(HttpStatus.BAD_REQUEST);
    }
    ResponseEntity<String> discarded = api.call("dora", HttpMethod.DELETE, "/api/workbench/drafts/" + id, null);
    assertThat(ApiClient.read(discarded).get("status").asText()).isEqualTo("discarded");
    assertThat(put("dora", id, MATRIX, process, MediaType.APPLICATION_XML).getStatusCode())
        .isEqualTo(HttpStatus.CONFLICT);
  }

  @Test
  void onlyDesignersAndAdministratorsReachTheDrafts() {
    for (String user : List.of("alice", "bob", "mark")) {
      assertThat(api.call(user, HttpMethod.GET, "/api/workbench/drafts", null).getStatusCode()).as(user)
          .isEqualTo(HttpStatus.FORBIDDEN);
      assertThat(api.call(user, HttpMethod.POST, "/api/workbench/drafts", Map.of("name", "x")).getStatusCode())
          .as(user).isEqualTo(HttpStatus.FORBIDDEN);
      assertThat(api.call(user, HttpMethod.POST, "/api/workbench/rollback", Map.of("deploymentId", "x"))
          .getStatusCode()).as(user).isEqualTo(HttpStatus.FORBIDDEN);
    }
    assertThat(api.call("admin", HttpMethod.GET, "/api/workbench/drafts", null).getStatusCode())
        .isEqualTo(HttpStatus.OK);
    assertThat(api.call("dora", HttpMethod.GET, "/api/workbench/drafts/999999", null).getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(api.call("dora", HttpMethod.POST, "/api/workbench/rollback", Map.of("deploymentId", "no-such"))
        .getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
  }

  @Test
  void theEditorsOpenTheFolderFilesAndTheTemplatesAreCheckedAsTheirReadersReadThem() {
    JsonNode files = ApiClient.read(api.call("dora", HttpMethod.GET, "/api/workbench/models", null));
    assertThat(files.findValuesAsText("path")).contains(MATRIX, "processes/incident.bpmn", "forms/incident-report.form",
        "catalog/services.yaml", "mail/approval_needed.txt", "mail/approval_needed.de.html",
        "responses/working-on-it.md");
    for (JsonNode file : files) {
      assertThat(file.get("kind").asText()).isIn("bpmn", "dmn", "form", "yaml", "mail", "response", "words");
    }
    JsonNode matrix = ApiClient.read(api.call("dora", HttpMethod.GET, "/api/workbench/models/file?path=" + MATRIX, null));
    assertThat(matrix.get("kind").asText()).isEqualTo("dmn");
    assertThat(matrix.get("content").asText()).isEqualTo(MODELS.read(MATRIX));
    assertThat(api.call("dora", HttpMethod.GET, "/api/workbench/models/file?path=processes/../../pom.xml", null)
        .getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(api.call("dora", HttpMethod.GET, "/api/workbench/models/file?path=decisions/no-such.dmn", null)
        .getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    JsonNode deployments = ApiClient.read(api.call("dora", HttpMethod.GET, "/api/workbench/deployments", null));
    assertThat(deployments.get(0).get("id").asText()).isEqualTo(latestDeployment());

    // A mail's text without its subject line, a field that is no field, a response without its title: refused at the
    // check and the roll-out, with the file; nothing written.
    String mail = "mail/approval_needed.txt";
    String response = "responses/working-on-it.md";
    String mailBefore = MODELS.read(mail);
    long id = draft("Friendlier approval mail");
    put("dora", id, mail, mailBefore.replace("Subject: ", "Subjekt: ").replace("{{title}}", "{{ title of it }}"),
        MediaType.TEXT_PLAIN);
    put("dora", id, response, "Hello {{requesterFirstName}}", MediaType.TEXT_PLAIN);
    JsonNode check = ApiClient.read(api.call("dora", HttpMethod.POST, "/api/workbench/drafts/" + id + "/check", null));
    assertThat(check.get("errors").findValuesAsText("file")).containsExactlyInAnyOrder(mail, response);
    assertThat(check.get("errors").findValuesAsText("reason")).anySatisfy(reason -> assertThat(reason).contains("Subject"));
    assertThat(api.call("dora", HttpMethod.POST, "/api/workbench/drafts/" + id + "/rollout", null).getStatusCode())
        .isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
    assertThat(MODELS.read(mail)).isEqualTo(mailBefore);

    // Put right, the mail rolls out alone: written, read by the next mail, no process deployed anew.
    String friendlier = mailBefore.replace("Approve or reject it in FlowDesk", "Please approve or reject it in FlowDesk");
    put("dora", id, mail, friendlier, MediaType.TEXT_PLAIN);
    api.call("dora", HttpMethod.DELETE, "/api/workbench/drafts/" + id + "/files?path=" + response, null);
    ResponseEntity<String> rolledOut = api.call("dora", HttpMethod.POST, "/api/workbench/drafts/" + id + "/rollout",
        null);
    assertThat(rolledOut.getStatusCode()).as(rolledOut.getBody()).isEqualTo(HttpStatus.OK);
    assertThat(MODELS.read(mail)).isEqualTo(friendlier);
    assertThat(ApiClient.read(rolledOut).at("/deployment/deployed").asBoolean()).isFalse();
    assertThat(ApiClient.read(rolledOut).at("/draft/deploymentId").isNull()).as("it deployed nothing").isTrue();
    assertThat(ApiClient.read(api.call("dora", HttpMethod.GET, "/api/workbench/deployments", null)).get(0).get("id")
        .asText()).isEqualTo(deployments.get(0).get("id").asText());
  }

  JsonNode inGerman(String path) {
    HttpHeaders headers = new HttpHeaders();
    headers.setBasicAuth("alice", "alice");
    headers.set(HttpHeaders.ACCEPT_LANGUAGE, "de");
    ResponseEntity<String> read = rest.exchange(path, HttpMethod.GET, new HttpEntity<>(headers), String.class);
    assertThat(read.getStatusCode()).as(read.getBody()).isEqualTo(HttpStatus.OK);
    return ApiClient.read(read);
  }

  static String labelOf(JsonNode form, String key) {
    for (JsonNode component : form.get("components")) {
      if (key.equals(component.path("key").asText())) {
        return component.get("label").asText();
      }
    }
    return null;
  }

  @Test
  void theCheckFindsWhatTheCatalogWouldRefuseBeforeTheRollOut() {
    String items = "catalog/request-items.yaml";
    String before = MODELS.read(items);
    long id = draft("Legal's desk");
    put("dora", id, items, before.replace("    fulfilmentGroup: hr\n", "    fulfilmentGroup: legel\n")
        .replace("    fulfilmentGroup: access-team\n    price: 0\n    deliveryTarget: P2D\n",
            "    price: 0\n    deliveryTarget: P2D\n"), MediaType.TEXT_PLAIN);

    JsonNode check = ApiClient.read(api.call("dora", HttpMethod.POST, "/api/workbench/drafts/" + id + "/check", null));

    assertThat(check.get("errors")).singleElement().satisfies(error -> {
      assertThat(error.get("file").asText()).isEqualTo(items);
      assertThat(error.get("element").asText()).isEqualTo("new-employee");
      assertThat(error.get("reason").asText()).startsWith("fulfilmentGroup 'legel' is not one of the groups");
    });
    assertThat(MODELS.read(items)).isEqualTo(before);
    assertThat(api.call("dora", HttpMethod.POST, "/api/workbench/drafts/" + id + "/rollout", null).getStatusCode())
        .isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
    assertThat(MODELS.read(items)).isEqualTo(before);

    // The typo put right, an item without a group is a warning the check shows too.
    put("dora", id, items, before.replace("    fulfilmentGroup: access-team\n    price: 0\n    deliveryTarget: P2D\n",
        "    price: 0\n    deliveryTarget: P2D\n"), MediaType.TEXT_PLAIN);
    JsonNode again = ApiClient.read(api.call("dora", HttpMethod.POST, "/api/workbench/drafts/" + id + "/check", null));
    assertThat(again.get("errors")).isEmpty();
    assertThat(again.get("warnings")).anySatisfy(warning -> {
      assertThat(warning.get("file").asText()).isEqualTo(items);
      assertThat(warning.get("element").asText()).isEqualTo("vpn-access");
      assertThat(warning.get("reason").asText()).startsWith("names no fulfilmentGroup");
    });
  }

  @Test
  void aTranslatorChangesTheWordsInADraftAndPeopleReadThemOnceRolledOut() {
    String portal = "i18n/de.json";
    String form = "forms/i18n/incident-report.de.json";
    String catalog = "catalog/i18n/de.yaml";
    JsonNode files = ApiClient.read(api.call("dora", HttpMethod.GET, "/api/workbench/models", null));
    for (String words : List.of(portal, form, catalog)) {
      assertThat(files.findValues("path").stream().filter(p -> p.asText().equals(words)).count()).as(words).isOne();
      assertThat(ApiClient.read(api.call("dora", HttpMethod.GET, "/api/workbench/models/file?path=" + words, null))
          .get("kind").asText()).isEqualTo("words");
    }
    String portalBefore = MODELS.read(portal);
    String formBefore = MODELS.read(form);
    String catalogBefore = MODELS.read(catalog);

    // Broken: JSON that does not parse, a field's label that is no text, a section the catalog does not have,
    // English (the models' own words): refused at the check and the roll-out, each with its file; nothing written.
    long id = draft("German words");
    put("dora", id, portal, portalBefore.replace("\"My tickets\": \"Meine Tickets\",", "\"My tickets\": \"Meine Vorgänge\""),
        MediaType.TEXT_PLAIN);
    put("dora", id, form, formBefore.replace("\"title\": { \"label\": \"Titel\"", "\"title\": { \"label\": 5"),
        MediaType.TEXT_PLAIN);
    put("dora", id, catalog, catalogBefore + "printers:\n  hp: {name: Drucker}\n", MediaType.TEXT_PLAIN);
    assertThat(put("dora", id, "i18n/en.json", "{\"portal\": {}}", MediaType.TEXT_PLAIN).getStatusCode())
        .isEqualTo(HttpStatus.OK);
    assertThat(put("dora", id, "i18n/fr.json", """
        {"language": "Français", "timeline": {"{user}{group} glued": "collé", "Taken on by {user}": "Pris par {who}"},
         "refusals": {"No ticket {id} that you may see": "Aucun ticket {number}"},
         "groups": {"service-desk": " ", "the desk!": "Le guichet"}}
        """, MediaType.TEXT_PLAIN).getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(put("dora", id, "i18n/../de.json", "{}", MediaType.TEXT_PLAIN).getStatusCode())
        .isEqualTo(HttpStatus.BAD_REQUEST);
    // A department's own words beside the language's are words files too, checked as they are.
    assertThat(put("dora", id, "i18n/legal.de.json", "{\"groups\": {\"legal-team\": \"Rechtsabteilung\"}}",
        MediaType.TEXT_PLAIN).getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(put("dora", id, "catalog/i18n/legal.de.yaml", "services:\n  email: {name: Post}\n",
        MediaType.TEXT_PLAIN).getStatusCode()).isEqualTo(HttpStatus.OK);
    JsonNode check = ApiClient.read(api.call("dora", HttpMethod.POST, "/api/workbench/drafts/" + id + "/check", null));
    assertThat(check.get("errors").findValuesAsText("file")).containsExactlyInAnyOrder(portal, form, catalog,
        "i18n/en.json", "i18n/fr.json");
    assertThat(check.get("errors").findValuesAsText("reason")).anySatisfy(reason -> assertThat(reason)
        .startsWith("does not parse")).contains("title.label must be a text",
            "printers is no section the catalog translates (linesOfBusiness, services, requestItems, changeTemplates, "
                + "blackoutWindows, organisations, serviceLevels, calendars, ciClasses, relationTypes)",
            "English is the models' own language: their words are in the models, not in a words file",
            "timeline → \"{user}{group} glued\": two placeholders need a word between them; timeline → \"Pris par "
                + "{who}\" uses {who}, which \"Taken on by {user}\" does not have; refusals → \"Aucun ticket {number}\" "
                + "uses {number}, which \"No ticket {id} that you may see\" does not have; groups → \"service-desk\" "
                + "must be a group's id with its name, a text that is not blank; groups → \"the desk!\" must be a "
                + "group's id with its name, a text that is not blank");
    assertThat(api.call("dora", HttpMethod.POST, "/api/workbench/drafts/" + id + "/rollout", null).getStatusCode())
        .isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
    assertThat(MODELS.read(portal)).isEqualTo(portalBefore);
    assertThat(inGerman("/api/me/language").at("/words/portal/My tickets").asText()).isEqualTo("Meine Tickets");

    // Put right, the words roll out alone: written, read by the next request, no process deployed anew.
    // A group's name for an id the identity service does not know is a warning too: it would never be shown.
    put("dora", id, portal, portalBefore.replace("\"My tickets\": \"Meine Tickets\"", "\"My tickets\": \"Meine Vorgänge\"")
        .replace("\"network\": \"Netzwerkteam\"", "\"netwerk\": \"Netzwerkteam\""), MediaType.TEXT_PLAIN);
    assertThat(ApiClient.read(api.call("dora", HttpMethod.POST, "/api/workbench/drafts/" + id + "/check", null))
        .get("warnings")).anySatisfy(warning -> {
          assertThat(warning.get("file").asText()).isEqualTo(portal);
          assertThat(warning.get("reason").asText()).isEqualTo("groups → netwerk is no group of the identity service "
              + "(Admin → Groups): its name is never shown");
        });
    put("dora", id, portal, portalBefore.replace("\"My tickets\": \"Meine Tickets\"", "\"My tickets\": \"Meine Vorgänge\""),
        MediaType.TEXT_PLAIN);
    // Words for a field the form does not have, and for an option it does not offer: shown as warnings (they
    // would never be read), not refused.
    put("dora", id, form, formBefore.replace("\"title\": { \"label\": \"Titel\"", "\"titel\": { \"label\": \"Titel\"")
        .replace("\"email\": \"E-Mail\"", "\"emial\": \"E-Mail\""), MediaType.TEXT_PLAIN);
    JsonNode warned = ApiClient.read(api.call("dora", HttpMethod.POST, "/api/workbench/drafts/" + id + "/check", null));
    assertThat(warned.get("errors").findValuesAsText("file")).doesNotContain(form);
    assertThat(warned.get("warnings").findValuesAsText("reason")).anySatisfy(reason -> assertThat(reason)
        .startsWith("titel is no field of the form (its fields: "))
        .contains("service has no option emial: its label is never shown");
    put("dora", id, form, formBefore.replace("\"title\": { \"label\": \"Titel\"", "\"title\": { \"label\": \"Betreff\""),
        MediaType.TEXT_PLAIN);
    // A request item's title in German with a placeholder the item's own title has not would stay empty: a warning.
    put("dora", id, catalog, catalogBefore.replace("{item} — {size}, für {requester}", "{item} — {colour}, für {requester}"),
        MediaType.TEXT_PLAIN);
    assertThat(ApiClient.read(api.call("dora", HttpMethod.POST, "/api/workbench/drafts/" + id + "/check", null))
        .get("warnings").findValuesAsText("reason")).contains("requestItems.monitor.title uses {colour}, which the "
            + "item's title \"{item} — {size}, for {requester}\" does not have: it would stay empty");
    put("dora", id, catalog, catalogBefore.replace("printer: {name: Drucken,", "printer: {name: Drucker und Scanner,"),
        MediaType.TEXT_PLAIN);
    api.call("dora", HttpMethod.DELETE, "/api/workbench/drafts/" + id + "/files?path=i18n/en.json", null);
    api.call("dora", HttpMethod.DELETE, "/api/workbench/drafts/" + id + "/files?path=i18n/fr.json", null);
    String deployed = latestDeployment();
    ResponseEntity<String> rolledOut = api.call("dora", HttpMethod.POST, "/api/workbench/drafts/" + id + "/rollout",
        null);
    assertThat(rolledOut.getStatusCode()).as(rolledOut.getBody()).isEqualTo(HttpStatus.OK);
    assertThat(ApiClient.read(rolledOut).at("/deployment/deployed").asBoolean()).isFalse();
    assertThat(latestDeployment()).isEqualTo(deployed);
    assertThat(inGerman("/api/me/language").at("/words/portal/My tickets").asText()).isEqualTo("Meine Vorgänge");
    assertThat(labelOf(inGerman("/api/forms/incident-report"), "title")).isEqualTo("Betreff");
    assertThat(inGerman("/api/services/printer").at("/service/name").asText()).isEqualTo("Drucker und Scanner");
    assertThat(MODELS.read(portal)).contains("\"My tickets\": \"Meine Vorgänge\"");
  }
}
