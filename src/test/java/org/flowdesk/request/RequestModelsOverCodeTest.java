package org.flowdesk.request;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.model.bpmn.Bpmn;
import org.flowdesk.ApiClient;
import org.flowdesk.EngineTime;
import org.flowdesk.models.EditableModels;
import org.flowdesk.models.EditableModelsTest;
import org.flowdesk.models.ModelsFixture;
import org.flowdesk.ticket.TicketTitle;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** A new request item with its own form and fulfilment, added only as files and deployed without a restart. */
@EditableModelsTest
class RequestModelsOverCodeTest {

  static final ModelsFixture MODELS = EditableModels.files();

  /** The desk repair's entry in catalog/request-items.yaml, down to its fulfilment group. */
  static final String DESK_REPAIR = """
        - id: desk-repair
          name: Desk or chair repair
          title: "{item}: {location}"
          description: Something at your desk is broken; facilities fixes it.
          service: building
          form: item-facilities-job
          process: fulfil-facilities
          fulfilmentGroup: facilities
      """;
  /** The end of the free facilities jobs' entries (the desk and the room repair). */
  static final String FREE_FACILITIES_JOB = """
          process: fulfil-facilities
          fulfilmentGroup: facilities
          price: 0
          deliveryTarget: P3D
      """;
  static final java.util.function.UnaryOperator<String> WITHOUT_GROUP =
      entry -> entry.replace("    fulfilmentGroup: facilities\n", "");

  @Autowired
  TestRestTemplate rest;

  final ObjectMapper json = new ObjectMapper();

  ResponseEntity<String> call(String user, HttpMethod method, String path, Object body) {
    return ApiClient.as(rest, user, user).exchange(path, method, new HttpEntity<>(body), String.class);
  }

  @Test
  void aParkingSpotCanBeOrderedOnceItsFilesAreDeployed() throws Exception {
    assertThat(call("alice", HttpMethod.POST, "/api/requests", Map.of("item", "parking-spot", "answers",
        Map.of("plate", "B-FD 42"))).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);

    MODELS.write("forms/item-parking.form", """
        {"id": "item-parking", "type": "default", "components": [
          {"id": "Field_Plate", "key": "plate", "label": "Number plate", "type": "textfield",
           "validate": {"required": true, "maxLength": 20}}]}
        """);
    MODELS.write("processes/fulfil-parking.bpmn", Bpmn.convertToString(Bpmn.createExecutableProcess("fulfil-parking")
        .name("Fulfil parking").camundaHistoryTimeToLive(180)
        .startEvent("Event_ParkingApproved").name("Parking spot to assign")
        .userTask("Activity_AssignSpot").name("Assign a parking spot").camundaCandidateGroups("facilities")
        .camundaFormRef("item-parking").camundaFormRefBinding("deployment")
        .endEvent("Event_SpotAssigned").name("Spot assigned")
        .done()));
    MODELS.write("catalog/parking.yaml", """
        requestItems:
          - id: parking-spot
            name: Parking spot
            description: A spot in the garage for your car.
            service: building
            form: item-parking
            process: fulfil-parking
            fulfilmentGroup: facilities
            price: 45
            deliveryTarget: P5D
        """);
    ResponseEntity<String> deployed = call("admin", HttpMethod.POST, "/api/admin/models/deploy", null);
    assertThat(deployed.getStatusCode()).as(deployed.getBody()).isEqualTo(HttpStatus.OK);

    ResponseEntity<String> ordered = call("alice", HttpMethod.POST, "/api/requests", Map.of("item", "parking-spot",
        "answers", Map.of("plate", "B-FD 42")));
    assertThat(ordered.getStatusCode()).as(ordered.getBody()).isEqualTo(HttpStatus.CREATED);
    String number = json.readTree(ordered.getBody()).get("number").asText();

    String task = null;
    for (JsonNode t : json.readTree(call("fred", HttpMethod.GET, "/api/tasks", null).getBody())) {
      if (number.equals(t.path("ticketNumber").asText())) {
        task = t.get("id").asText();
        assertThat(t.get("name").asText()).isEqualTo("Assign a parking spot");
      }
    }
    assertThat(task).isNotNull();
    assertThat(call("fred", HttpMethod.POST, "/api/tasks/" + task + "/complete", Map.of("plate", "B-FD 42"))
        .getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
    assertThat(json.readTree(call("alice", HttpMethod.GET, "/api/tickets/" + number, null).getBody())
        .get("status").asText()).isEqualTo("resolved");
  }

  @Test
  void aRequestsTitleIsTheCatalogsToSay() throws Exception {
    assertThat(titleOfDeskRepair()).isEqualTo("Desk or chair repair: Room 3.14");

    MODELS.replace("catalog/request-items.yaml", "title: \"{item}: {location}\"",
        "title: \"Repair at {location} for {requester}: {details}\"");
    ResponseEntity<String> deployed = call("admin", HttpMethod.POST, "/api/admin/models/deploy", null);
    assertThat(deployed.getStatusCode()).as(deployed.getBody()).isEqualTo(HttpStatus.OK);

    assertThat(titleOfDeskRepair()).isEqualTo("Repair at Room 3.14 for Alice Andersen: The desk wobbles");
  }

  @Test
  void aTitlePlaceholderTheItemsFormDoesNotHaveIsRefusedNamingFileAndEntry() throws Exception {
    MODELS.replace("catalog/request-items.yaml", "title: \"{item}: {location}\"", "title: \"{item}: {room}\"");

    ResponseEntity<String> refused = call("admin", HttpMethod.POST, "/api/admin/models/deploy", null);

    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
    assertThat(refused.getBody()).contains("catalog/request-items.yaml").contains("desk-repair")
        .contains("{room} is not a field of form 'item-facilities-job'");
    // Nothing changed: the title in force is still the shipped one.
    assertThat(titleOfDeskRepair()).isEqualTo("Desk or chair repair: Room 3.14");
  }

  private String titleOfDeskRepair() throws Exception {
    return json.readTree(call("alice", HttpMethod.GET, "/api/tickets/" + orderDeskRepair(), null).getBody())
        .get("title").asText();
  }

  @Test
  void aDeliveryRuleAddedToTheSlaTableShortensTheNextRequestsClock() throws Exception {
    EngineTime.runningFrom("2027-03-01T09:00");
    Instant before = resolutionDue(orderDeskRepair());

    MODELS.replace("decisions/request-sla-targets.dmn", "      <rule id=\"Rule_GoldWarnsEarlier\">", """
              <rule id="Rule_Facilities">
                <description>Facilities repairs are done the next business day</description>
                <inputEntry id="InputEntry_Facilities_1"><text>"facilities"</text></inputEntry>
                <inputEntry id="InputEntry_Facilities_2"><text>-</text></inputEntry>
                <inputEntry id="InputEntry_Facilities_3"><text>-</text></inputEntry>
                <inputEntry id="InputEntry_Facilities_4"><text>-</text></inputEntry>
                <outputEntry id="OutputEntry_Facilities_1"><text>"P1D"</text></outputEntry>
                <outputEntry id="OutputEntry_Facilities_2"><text>"business"</text></outputEntry>
                <outputEntry id="OutputEntry_Facilities_3"><text>75</text></outputEntry>
              </rule>
              <rule id="Rule_GoldWarnsEarlier">""");
    ResponseEntity<String> deployed = call("admin", HttpMethod.POST, "/api/admin/models/deploy", null);
    assertThat(deployed.getStatusCode()).as(deployed.getBody()).isEqualTo(HttpStatus.OK);

    Instant after = resolutionDue(orderDeskRepair());
    // The item promises 3 business days; the new rule gives facilities one.
    assertThat(Duration.between(after, before)).isGreaterThan(Duration.ofHours(47));
  }

  @Test
  void aRequestBeingFulfilledIsInTheQueueOfTheGroupItsCatalogEntryNames() throws Exception {
    // As shipped: facilities delivers desk repairs. Once fulfilment starts the request is facilities' work.
    String before = orderDeskRepair();
    JsonNode repair = ticket("fred", before);
    assertThat(repair.get("status").asText()).isEqualTo("in_progress");
    assertThat(repair.get("assignmentGroup").asText()).isEqualTo("facilities");
    assertThat(queue("fred", "facilities")).contains(before);
    assertThat(queue("bob", "service-desk")).doesNotContain(before);
    assertThat(timeline("fred", before)).contains("Fulfilment started by Facilities");
    // Fred works it as its agent: he writes internal notes.
    assertThat(call("fred", HttpMethod.POST, "/api/tickets/" + before + "/comments",
        Map.of("text", "Ordered a new leg", "internal", true)).getStatusCode()).isEqualTo(HttpStatus.CREATED);

    MODELS.replace("catalog/request-items.yaml", DESK_REPAIR,
        DESK_REPAIR.replace("fulfilmentGroup: facilities", "fulfilmentGroup: service-desk"));
    ResponseEntity<String> deployed = call("admin", HttpMethod.POST, "/api/admin/models/deploy", null);
    assertThat(deployed.getStatusCode()).as(deployed.getBody()).isEqualTo(HttpStatus.OK);

    String after = orderDeskRepair();
    assertThat(ticket("bob", after).get("assignmentGroup").asText()).isEqualTo("service-desk");
    assertThat(queue("bob", "service-desk")).contains(after);
    assertThat(queue("fred", "facilities")).doesNotContain(after).contains(before);
    // The job itself is still offered to facilities: the fulfilment process says so, not the catalog.
    assertThat(taskOf("fred", after)).isNotNull();
  }

  @Test
  void whoARequestGoesToWhenFulfilmentStartsIsTheModelsToSay() throws Exception {
    MODELS.replace("processes/service-request.bpmn",
        "<camunda:inputParameter name=\"group\">${requestFacts.fulfilmentGroup(ticketNumber)}</camunda:inputParameter>",
        "<camunda:inputParameter name=\"group\">${price == 0 ? 'service-desk' : requestFacts.fulfilmentGroup(ticketNumber)}"
            + "</camunda:inputParameter>");
    ResponseEntity<String> deployed = call("admin", HttpMethod.POST, "/api/admin/models/deploy", null);
    assertThat(deployed.getStatusCode()).as(deployed.getBody()).isEqualTo(HttpStatus.OK);

    // A free repair goes to the service desk now.
    assertThat(ticket("bob", orderDeskRepair()).get("assignmentGroup").asText()).isEqualTo("service-desk");
  }

  /**
   * Where a delivery that is not right goes is the model's: the gateway on the confirmation form's choice, and the
   * step's candidate groups. Sent to purchasing instead of the group that delivered it, nothing else changes.
   */
  @Test
  void whoPutsRightADeliveryThatIsNotRightIsTheModelsToSay() throws Exception {
    MODELS.replace("processes/service-request.bpmn", "camunda:candidateGroups=\"${escalationFacts.assignmentGroup("
        + "ticketNumber) != null ? escalationFacts.assignmentGroup(ticketNumber) : 'service-desk'}\"",
        "camunda:candidateGroups=\"purchasing\"");
    ResponseEntity<String> deployed = call("admin", HttpMethod.POST, "/api/admin/models/deploy", null);
    assertThat(deployed.getStatusCode()).as(deployed.getBody()).isEqualTo(HttpStatus.OK);

    String number = orderDeskRepair();
    assertThat(call("fred", HttpMethod.POST, "/api/tasks/" + taskOf("fred", number) + "/complete",
        Map.of("workNotes", "Tightened")).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
    assertThat(call("alice", HttpMethod.POST, "/api/tasks/" + taskOf("alice", number) + "/complete",
        Map.of("receipt", "not_right", "reopenReason", "Still wobbles")).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);

    assertThat(taskOf("petra", number)).isNotNull();
    assertThat(taskOf("fred", number)).isNull();
    assertThat(ticket("alice", number).get("status").asText()).isEqualTo("in_progress");
  }

  @Test
  void anItemWithAnUnknownFulfilmentGroupIsRefusedAndOneWithoutIsAWarning() throws Exception {
    // A typo: refused, naming file and item; nothing changes.
    MODELS.replace("catalog/request-items.yaml", "    fulfilmentGroup: hr\n", "    fulfilmentGroup: human-resources\n");
    ResponseEntity<String> refused = call("admin", HttpMethod.POST, "/api/admin/models/deploy", null);
    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
    assertThat(refused.getBody()).contains("catalog/request-items.yaml").contains("new-employee")
        .contains("fulfilmentGroup 'human-resources' is not one of the groups the models name (")
        .contains("facilities, hr,");
    assertThat(ticket("fred", orderDeskRepair()).get("assignmentGroup").asText()).isEqualTo("facilities");

    // A catalog written before items named their group still deploys, with a warning naming file and item; the
    // item's requests are in no queue while they are fulfilled, as they were then.
    MODELS.replace("catalog/request-items.yaml", "    fulfilmentGroup: human-resources\n", "    fulfilmentGroup: hr\n");
    MODELS.replace("catalog/request-items.yaml", FREE_FACILITIES_JOB, WITHOUT_GROUP.apply(FREE_FACILITIES_JOB));
    ResponseEntity<String> deployed = call("admin", HttpMethod.POST, "/api/admin/models/deploy", null);
    assertThat(deployed.getStatusCode()).as(deployed.getBody()).isEqualTo(HttpStatus.OK);
    assertThat(json.readTree(deployed.getBody()).get("warnings")).anySatisfy(warning -> {
      assertThat(warning.get("file").asText()).isEqualTo("catalog/request-items.yaml");
      assertThat(warning.get("element").asText()).isEqualTo("desk-repair");
      assertThat(warning.get("reason").asText()).startsWith("names no fulfilmentGroup");
    });
    String groupless = orderDeskRepair();
    JsonNode repair = ticket("alice", groupless);
    assertThat(repair.get("status").asText()).isEqualTo("in_progress");
    assertThat(repair.path("assignmentGroup").isNull()).isTrue();

    // Once the item names its group, the requests already being fulfilled join that group's queue.
    MODELS.replace("catalog/request-items.yaml", WITHOUT_GROUP.apply(FREE_FACILITIES_JOB), FREE_FACILITIES_JOB);
    assertThat(call("admin", HttpMethod.POST, "/api/admin/models/deploy", null).getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(ticket("fred", groupless).get("assignmentGroup").asText()).isEqualTo("facilities");
    assertThat(queue("fred", "facilities")).contains(groupless);
    // Its timeline says so, to its requester too; a later deployment moves nothing again.
    assertThat(timeline("alice", groupless)).containsOnlyOnce("Assigned to Facilities");
    assertThat(call("admin", HttpMethod.POST, "/api/admin/models/deploy", null).getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(timeline("alice", groupless)).containsOnlyOnce("Assigned to Facilities");
  }

  /**
   * A request's answers read in greta's language while the form in force words them as they were recorded; an option
   * a designer has since renamed keeps the words it was ordered with, the translation not yet written being none.
   */
  @Test
  void anAnswerWhoseOptionWasRenamedSinceKeepsTheWordsItWasOrderedWith() throws Exception {
    ResponseEntity<String> ordered = call("greta", HttpMethod.POST, "/api/requests", Map.of("item", "new-laptop",
        "answers", Map.of("model", "standard", "reason", "Tabellen")));
    assertThat(ordered.getStatusCode()).as(ordered.getBody()).isEqualTo(HttpStatus.CREATED);
    String number = json.readTree(ordered.getBody()).get("number").asText();
    assertThat(ticket("greta", number).get("answers").findValuesAsText("shown")).contains("Standard (14 Zoll)");

    MODELS.replace("forms/item-laptop.form", "\"Standard (14 inch)\"", "\"Standard (15 inch)\"");
    assertThat(call("admin", HttpMethod.POST, "/api/admin/models/deploy", null).getStatusCode()).isEqualTo(HttpStatus.OK);

    // The German words still say 14 inches for "standard": greta reads what was recorded, not them.
    JsonNode answers = ticket("greta", number).get("answers");
    assertThat(answers.findValuesAsText("shown")).contains("Standard (14 inch)").doesNotContain("Standard (14 Zoll)");
    assertThat(answers.findValuesAsText("label")).contains("Wofür brauchen Sie ihn?");
  }

  private JsonNode ticket(String user, String number) throws Exception {
    ResponseEntity<String> read = call(user, HttpMethod.GET, "/api/tickets/" + number, null);
    assertThat(read.getStatusCode()).as(read.getBody()).isEqualTo(HttpStatus.OK);
    return json.readTree(read.getBody());
  }

  private List<String> queue(String user, String group) throws Exception {
    List<String> numbers = new ArrayList<>();
    json.readTree(call(user, HttpMethod.GET, "/api/tickets?open=true&size=200&group=" + group, null).getBody())
        .path("items").forEach(t -> numbers.add(t.get("number").asText()));
    return numbers;
  }

  private List<String> timeline(String user, String number) throws Exception {
    List<String> texts = new ArrayList<>();
    json.readTree(call(user, HttpMethod.GET, "/api/tickets/" + number + "/timeline", null).getBody())
        .forEach(e -> texts.add(e.get("text").asText()));
    return texts;
  }

  private String taskOf(String user, String ticket) throws Exception {
    for (JsonNode t : json.readTree(call(user, HttpMethod.GET, "/api/tasks?ticket=" + ticket, null).getBody())) {
      if (ticket.equals(t.path("ticketNumber").asText())) {
        return t.get("id").asText();
      }
    }
    return null;
  }

  private String orderDeskRepair() throws Exception {
    ResponseEntity<String> ordered = call("alice", HttpMethod.POST, "/api/requests", Map.of("item", "desk-repair",
        "answers", Map.of("location", "Room 3.14", "details", "The desk wobbles")));
    assertThat(ordered.getStatusCode()).as(ordered.getBody()).isEqualTo(HttpStatus.CREATED);
    return json.readTree(ordered.getBody()).get("number").asText();
  }

  private Instant resolutionDue(String number) throws Exception {
    return Instant.parse(json.readTree(call("alice", HttpMethod.GET, "/api/tickets/" + number, null).getBody())
        .get("resolutionDue").asText());
  }

  @Test
  void whoApprovesInsteadOfTheOnlyBudgetOwnerIsTheModelsToSay() throws Exception {
    // As shipped: bea, the only budget owner, orders a laptop; her manager sam approves instead.
    String before = orderLaptopAs("bea");
    assertThat(approvalTaskOf("sam", before)).isTrue();
    assertThat(approvalTaskOf("petra", before)).isFalse();

    MODELS.replace("processes/service-request.bpmn",
        "people.membersExcept('budget-owners', requester) ? people.managersOf(requester) :",
        "people.membersExcept('budget-owners', requester) ? people.membersExcept('purchasing', requester) :");
    ResponseEntity<String> deployed = call("admin", HttpMethod.POST, "/api/admin/models/deploy", null);
    assertThat(deployed.getStatusCode()).as(deployed.getBody()).isEqualTo(HttpStatus.OK);

    String after = orderLaptopAs("bea");
    assertThat(approvalTaskOf("petra", after)).isTrue();
    assertThat(approvalTaskOf("sam", after)).isFalse();
    assertThat(approvalTaskOf("bea", after)).isFalse();
    // The request ordered before keeps the approver it was offered to.
    assertThat(approvalTaskOf("sam", before)).isTrue();
  }

  String orderLaptopAs(String user) throws Exception {
    ResponseEntity<String> ordered = call(user, HttpMethod.POST, "/api/requests", Map.of("item", "new-laptop",
        "answers", Map.of("model", "standard", "reason", "Mine broke")));
    assertThat(ordered.getStatusCode()).as(ordered.getBody()).isEqualTo(HttpStatus.CREATED);
    return json.readTree(ordered.getBody()).get("number").asText();
  }

  boolean approvalTaskOf(String user, String ticket) throws Exception {
    for (var task : json.readTree(call(user, HttpMethod.GET, "/api/tasks?size=200&ticket=" + ticket, null).getBody())) {
      if (ticket.equals(task.path("ticketNumber").asText()) && "Budget owner approves".equals(TicketTitle.step(task.path("name").asText(), ticket))) {
        return true;
      }
    }
    return false;
  }
}
