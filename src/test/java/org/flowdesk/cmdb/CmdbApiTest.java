package org.flowdesk.cmdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import org.flowdesk.ApiClient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The CMDB through its API: import and export, refused rows, history, and impact analysis. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class CmdbApiTest {

  @Autowired
  TestRestTemplate rest;
  @Autowired
  JdbcClient jdbc;

  final ObjectMapper json = new ObjectMapper();

  /** A made-up prefix, so this test's CIs are its own in the shared database. */
  static String prefix() {
    return "zq" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);
  }

  ResponseEntity<String> send(String user, HttpMethod method, String path, String contentType, Object body) {
    HttpHeaders headers = new HttpHeaders();
    if (contentType != null) {
      headers.set(HttpHeaders.CONTENT_TYPE, contentType);
    }
    return ApiClient.as(rest, user, user).exchange(path, method, new HttpEntity<>(body, headers), String.class);
  }

  JsonNode ok(ResponseEntity<String> response) throws Exception {
    assertThat(response.getStatusCode().is2xxSuccessful()).as(response.getStatusCode() + " " + response.getBody())
        .isTrue();
    return json.readTree(response.getBody());
  }

  JsonNode importFile(String contentType, String file) throws Exception {
    return ok(send("admin", HttpMethod.POST, "/api/cis/import", contentType, file));
  }

  String export(String format, String p) {
    ResponseEntity<String> response = send("bob", HttpMethod.GET, "/api/cis/export?format=" + format + "&q=" + p,
        null, null);
    assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.OK);
    return response.getBody();
  }

  String yaml(String p) {
    return """
        configurationItems:
          - key: %1$s-hq
            class: site
            name: Head office %1$s
            ownerGroup: facilities
            attributes: {city: Berlin, kind: office}
          - key: %1$s-sw
            class: network-device
            name: Core switch %1$s
            ownerGroup: network
            criticality: high
            attributes: {kind: switch, ports: 48, managementIp: "=10.0.0.1"}
            relations: [{type: located-at, to: %1$s-hq}]
          - key: %1$s-srv
            class: server
            name: Server %1$s
            ownerGroup: network
            attributes: {hostname: srv1, os: linux, cpus: 8, virtual: false, warrantyUntil: 2029-06-30}
            relations: [{type: connects-to, to: %1$s-sw}, {type: located-at, to: %1$s-hq}]
          - key: %1$s-db
            class: database
            name: Database %1$s
            ownerGroup: network
            attributes: {engine: postgresql, sizeGb: 500, replicated: true}
            relations: [{type: runs-on, to: %1$s-srv}]
          - key: %1$s-app
            class: application
            name: "Ledger, %1$s"
            ownerGroup: service-desk
            lifecycle: planned
            attributes: {hosting: on-premises, version: "2.10"}
            relations: [{type: depends-on, to: %1$s-db}, {type: runs-on, to: %1$s-srv}]
            services: [erp]
        """.formatted(p);
  }

  @Test
  void anImportExportedAndImportedAgainChangesNothingAndAChangedRowUpdatesItsCi() throws Exception {
    String p = prefix();
    JsonNode first = importFile("application/yaml", yaml(p));
    assertThat(first.get("created").asInt()).isEqualTo(5);
    assertThat(first.get("updated").asInt()).isZero();

    JsonNode again = importFile("application/yaml", yaml(p));
    assertThat(again.get("created").asInt()).isZero();
    assertThat(again.get("updated").asInt()).isZero();
    assertThat(again.get("unchanged").asInt()).isEqualTo(5);

    String csv = export("csv", p);
    String yaml = export("yaml", p);
    assertThat(csv.lines().count()).isEqualTo(6);
    // A cell a spreadsheet would run is neutralised, and the import takes the apostrophe off again.
    assertThat(csv).contains(",'=10.0.0.1,").contains("\"Ledger, " + p + "\"");
    JsonNode fromCsv = importFile("text/csv", csv);
    assertThat(fromCsv.get("unchanged").asInt()).isEqualTo(5);
    assertThat(fromCsv.get("created").asInt() + fromCsv.get("updated").asInt()).isZero();
    assertThat(importFile("application/yaml", yaml).get("unchanged").asInt()).isEqualTo(5);
    assertThat(export("yaml", p)).isEqualTo(yaml);
    assertThat(export("csv", p)).isEqualTo(csv);

    JsonNode db = ok(send("bob", HttpMethod.GET, "/api/cis/" + p + "-db", null, null));
    assertThat(db.at("/attributes/sizeGb").asLong()).isEqualTo(500);
    assertThat(db.at("/attributes/replicated").asBoolean()).isTrue();
    JsonNode app = ok(send("bob", HttpMethod.GET, "/api/cis/" + p + "-app", null, null));
    assertThat(app.at("/attributes/version").asText()).isEqualTo("2.10");
    assertThat(app.get("services").get(0).asText()).isEqualTo("erp");
    assertThat(app.get("lifecycle").asText()).isEqualTo("planned");

    String changed = csv.replace("Database " + p, "Main database " + p);
    JsonNode update = importFile("text/csv", changed);
    assertThat(update.get("updated").asInt()).isEqualTo(1);
    assertThat(update.get("updatedKeys").get(0).asText()).isEqualTo(p + "-db");
    assertThat(update.get("unchanged").asInt()).isEqualTo(4);
    assertThat(ok(send("bob", HttpMethod.GET, "/api/cis/" + p + "-db", null, null)).get("name").asText())
        .isEqualTo("Main database " + p);

    JsonNode history = ok(send("bob", HttpMethod.GET, "/api/cis/" + p + "-db/history", null, null));
    assertThat(history).hasSize(2);
    assertThat(history.get(0).get("actor").asText()).isEqualTo("admin");
    assertThat(history.get(0).at("/before/name").asText()).isEqualTo("Database " + p);
    assertThat(history.get(0).at("/after/name").asText()).isEqualTo("Main database " + p);
    assertThat(history.get(1).get("before").isNull()).isTrue();

    JsonNode relations = ok(send("bob", HttpMethod.GET, "/api/cis/" + p + "-srv/relations", null, null));
    assertThat(relations.get("incoming").findValuesAsText("from")).containsExactlyInAnyOrder(p + "-app", p + "-db");
    assertThat(relations.get("outgoing").findValuesAsText("to")).containsExactly(p + "-sw", p + "-hq");
  }

  @Test
  void badRowsAreRefusedEachNamedWithItsReasonAndNothingIsImported() throws Exception {
    String p = prefix();
    importFile("application/yaml", yaml(p));
    String csv = "key,class,name,ownerGroup,relations,attributes.hostname,attributes.os,attributes.cpus,"
        + "attributes.city,attributes.hosting\n"
        + p + "-new,site,New site,facilities,,,,,Hamburg,\n"
        + p + "-srv,server,Server renamed,network,,srv1,linux,8,,\n"
        + p + "-x1,spaceship,Enterprise,network,,,,,,\n"
        + p + "-x2,server,Typo,network,,srv2,linux,eight,,\n"
        + p + "-x3,server,Server in an app,network,runs-on:" + p + "-app,srv3,linux,4,,\n"
        + p + "-x4,application,Orphan,service-desk,depends-on:" + p + "-nowhere,,,,,saas\n";
    ResponseEntity<String> refused = send("admin", HttpMethod.POST, "/api/cis/import", "text/csv", csv);

    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
    assertThat(json.readTree(refused.getBody()).get("detail").asText()).startsWith("4 rows refused, nothing imported: ");
    List<String> rows = new ArrayList<>();
    json.readTree(refused.getBody()).get("rows").forEach(r -> rows.add(r.get("row").asInt() + " "
        + r.get("key").asText() + " " + r.get("field").asText() + ": " + r.get("reason").asText()));
    assertThat(rows).containsExactly(
        "4 " + p + "-x1 class: unknown class 'spaceship' (known: application, database, server, network-device, site, "
            + "laptop, monitor)",
        "5 " + p + "-x2 attributes.cpus: 'eight' is not an integer",
        "6 " + p + "-x3 relations: runs-on " + p + "-app: the class server allows no runs-on relation to the class "
            + "application",
        "7 " + p + "-x4 relations: depends-on " + p + "-nowhere: no CI has the key '" + p + "-nowhere'");
    assertThat(send("bob", HttpMethod.GET, "/api/cis/" + p + "-new", null, null).getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(ok(send("bob", HttpMethod.GET, "/api/cis/" + p + "-srv", null, null)).get("name").asText())
        .isEqualTo("Server " + p);
    assertThat(jdbc.sql("SELECT COUNT(*) FROM fd_ci_history WHERE ci_key LIKE ?").param(p + "%").query(Long.class)
        .single()).isEqualTo(5);
  }

  /**
   * A diamond (the portal depends on two applications that both depend on the database) and a cycle
   * (the portal and one application depend on each other) above one server.
   */
  @Test
  void impactWalksUpThroughADiamondAndACycleToTheServicesAndTheirLinesOfBusiness() throws Exception {
    String p = prefix();
    JsonNode matrixBefore = ok(send("bob", HttpMethod.GET, "/api/cis/matrix", null, null));
    importFile("application/yaml", """
        configurationItems:
          - {key: %1$s-srv, class: server, name: Server, ownerGroup: network, attributes: {hostname: h, os: linux}}
          - {key: %1$s-db, class: database, name: DB, ownerGroup: network, attributes: {engine: oracle},
             relations: [{type: runs-on, to: %1$s-srv}]}
          - {key: %1$s-a, class: application, name: A, ownerGroup: network, attributes: {hosting: cloud},
             relations: [{type: depends-on, to: %1$s-db}, {type: depends-on, to: %1$s-portal}]}
          - {key: %1$s-b, class: application, name: B, ownerGroup: network, attributes: {hosting: cloud},
             relations: [{type: depends-on, to: %1$s-db}], services: [hr-portal]}
          - {key: %1$s-portal, class: application, name: Portal, ownerGroup: network, attributes: {hosting: saas},
             relations: [{type: depends-on, to: %1$s-a}, {type: depends-on, to: %1$s-b}], services: [erp]}
          - {key: %1$s-old, class: application, name: Old, ownerGroup: network, lifecycle: retired,
             attributes: {hosting: saas}, relations: [{type: depends-on, to: %1$s-db}], services: [email]}
          - {key: %1$s-other, class: server, name: Unrelated, ownerGroup: network, attributes: {hostname: o, os: linux}}
        """.formatted(p));
    String incident = ok(send("alice", HttpMethod.POST, "/api/incidents", "application/json", Map.of(
        "title", "Ledger slow " + p, "service", "erp", "category", "software", "impact", 2, "urgency", 2,
        "configurationItem", p + "-db"))).get("number").asText();
    String withoutCi = ok(send("alice", HttpMethod.POST, "/api/incidents", "application/json", Map.of(
        "title", "Ledger slower " + p, "service", "erp", "category", "software", "impact", 2, "urgency", 2)))
        .get("number").asText();

    JsonNode impact = ok(send("nina", HttpMethod.GET, "/api/cis/" + p + "-srv/impact", null, null));

    assertThat(impact.at("/ci/key").asText()).isEqualTo(p + "-srv");
    assertThat(impact.get("dependents").findValuesAsText("key"))
        .containsExactly(p + "-a", p + "-b", p + "-db", p + "-portal");
    assertThat(impact.get("services").findValuesAsText("id")).containsExactly("erp", "hr-portal");
    JsonNode erp = impact.get("services").get(0);
    assertThat(erp.get("criticality").asText()).isEqualTo("high");
    assertThat(erp.get("lineOfBusiness").asText()).isEqualTo("finance");
    assertThat(erp.get("openIncidents").findValuesAsText("number")).contains(incident);
    assertThat(impact.get("linesOfBusiness").findValuesAsText("id")).containsExactly("hr", "finance");
    assertThat(impact.get("dependentsTotal").asInt()).isEqualTo(4);
    assertThat(erp.get("businessCritical").asBoolean()).isTrue();
    assertThat(impact.at("/services/1/businessCritical").asBoolean()).isFalse();

    // A page of the dependents: the first two by key, the total, and every service and line of business still.
    JsonNode page = ok(send("nina", HttpMethod.GET, "/api/cis/" + p + "-srv/impact?limit=2", null, null));
    assertThat(page.get("dependents").findValuesAsText("key")).containsExactly(p + "-a", p + "-b");
    assertThat(page.get("dependentsTotal").asInt()).isEqualTo(4);
    assertThat(page.get("services").findValuesAsText("id")).containsExactly("erp", "hr-portal");
    assertThat(page.get("linesOfBusiness").findValuesAsText("id")).containsExactly("hr", "finance");

    JsonNode fromTheCycle = ok(send("nina", HttpMethod.GET, "/api/cis/" + p + "-a/impact", null, null));
    assertThat(fromTheCycle.get("dependents").findValuesAsText("key")).containsExactly(p + "-portal");
    assertThat(fromTheCycle.get("services").findValuesAsText("id")).containsExactly("erp");

    assertThat(ok(send("nina", HttpMethod.GET, "/api/cis/" + p + "-other/impact", null, null)).get("dependents"))
        .isEmpty();

    // The matrix walks the other way: erp stands on the portal, A and B (once each, for all the cycle), the
    // database and the server; hr-portal on B, the database and the server; the retired application on nothing.
    JsonNode matrix = ok(send("bob", HttpMethod.GET, "/api/cis/matrix", null, null));
    assertThat(matrix.get("classes").get(0).asText()).isEqualTo("application");
    assertThat(cis(matrix, "application", "erp") - cis(matrixBefore, "application", "erp")).isEqualTo(3);
    assertThat(cis(matrix, "database", "erp") - cis(matrixBefore, "database", "erp")).isEqualTo(1);
    assertThat(cis(matrix, "server", "erp") - cis(matrixBefore, "server", "erp")).isEqualTo(1);
    assertThat(cis(matrix, "application", "hr-portal") - cis(matrixBefore, "application", "hr-portal")).isEqualTo(1);
    assertThat(cis(matrix, "server", "hr-portal") - cis(matrixBefore, "server", "hr-portal")).isEqualTo(1);
    assertThat(cis(matrix, "application", "email") - cis(matrixBefore, "application", "email")).isZero();
    // A cell counts the open incidents that name one of its CIs: the database's, for both services standing on it.
    assertThat(incidents(matrix, "database", "erp") - incidents(matrixBefore, "database", "erp")).isEqualTo(1);
    assertThat(incidents(matrix, "database", "hr-portal") - incidents(matrixBefore, "database", "hr-portal"))
        .isEqualTo(1);
    assertThat(incidents(matrix, "server", "erp") - incidents(matrixBefore, "server", "erp")).isZero();
    // The service's column counts all its open incidents, with a CI named or not.
    assertThat(column(matrix, "erp").get("openIncidents").asLong()
        - column(matrixBefore, "erp").get("openIncidents").asLong()).isEqualTo(2);
    assertThat(withoutCi).isNotEqualTo(incident);

    // Services and lines of business by their names, in German by catalog/i18n's.
    assertThat(erp.get("name").asText()).isEqualTo("ERP and finance systems");
    assertThat(column(matrix, "erp").get("name").asText()).isEqualTo("ERP and finance systems");
    HttpHeaders german = new HttpHeaders();
    german.set(HttpHeaders.ACCEPT_LANGUAGE, "de");
    JsonNode germanImpact = ok(ApiClient.as(rest, "nina", "nina").exchange("/api/cis/" + p + "-srv/impact",
        HttpMethod.GET, new HttpEntity<>(german), String.class));
    assertThat(germanImpact.get("services").findValuesAsText("name")).containsExactly("ERP- und Finanzsysteme",
        "Personalportal");
    assertThat(germanImpact.get("linesOfBusiness").findValuesAsText("name")).containsExactly("Personal", "Finanzen");
    assertThat(column(ok(ApiClient.as(rest, "bob", "bob").exchange("/api/cis/matrix", HttpMethod.GET,
        new HttpEntity<>(german), String.class)), "erp").get("name").asText()).isEqualTo("ERP- und Finanzsysteme");
    // The classes and relation types by catalog/i18n's names; their ids as the models write them.
    JsonNode classes = ok(ApiClient.as(rest, "bob", "bob").exchange("/api/ci-classes", HttpMethod.GET,
        new HttpEntity<>(german), String.class));
    assertThat(classes.get("classes").findValuesAsText("name")).contains("Anwendung", "Datenbank", "Netzwerkgerät");
    assertThat(classes.get("classes").findValuesAsText("id")).contains("application", "database", "network-device");
    assertThat(classes.get("relationTypes").findValuesAsText("name")).contains("Läuft auf", "Hängt ab von");
    // Their attributes by their German labels, an enum's values by their German names where the words give one.
    assertThat(CiClassesModelsOverCodeTest.attribute(classes, "server", "warrantyUntil").get("label").asText())
        .isEqualTo("Garantie bis");
    assertThat(CiClassesModelsOverCodeTest.attribute(classes, "site", "kind").get("valueNames").toString())
        .isEqualTo("{\"office\":\"Büro\",\"data-centre\":\"Rechenzentrum\",\"warehouse\":\"Lager\"}");
    assertThat(CiClassesModelsOverCodeTest.attribute(classes, "server", "os").get("valueNames").get("vmware-esxi")
        .asText()).isEqualTo("VMware ESXi");
    JsonNode english = ok(send("bob", HttpMethod.GET, "/api/ci-classes", null, null));
    assertThat(english.get("classes").findValuesAsText("name")).contains("Application", "Database");
    assertThat(CiClassesModelsOverCodeTest.attribute(english, "server", "warrantyUntil").get("label").asText())
        .isEqualTo("Warranty until");
    assertThat(CiClassesModelsOverCodeTest.attribute(english, "site", "kind").get("valueNames").get("data-centre")
        .asText()).isEqualTo("Data centre");
  }

  static JsonNode cell(JsonNode matrix, String ciClass, String service) {
    for (JsonNode cell : matrix.get("cells")) {
      if (cell.get("class").asText().equals(ciClass) && cell.get("service").asText().equals(service)) {
        return cell;
      }
    }
    return null;
  }

  static long incidents(JsonNode matrix, String ciClass, String service) {
    JsonNode cell = cell(matrix, ciClass, service);
    return cell == null ? 0 : cell.get("openIncidents").asLong();
  }

  static JsonNode column(JsonNode matrix, String service) {
    for (JsonNode column : matrix.get("services")) {
      if (column.get("id").asText().equals(service)) {
        return column;
      }
    }
    throw new AssertionError("no column " + service);
  }

  static long cis(JsonNode matrix, String ciClass, String service) {
    JsonNode cell = cell(matrix, ciClass, service);
    return cell == null ? 0 : cell.get("cis").asLong();
  }

  @Test
  void anOwnerGroupWritesItsCisAndTheHistoryKeepsWhoChangedWhatAndWhen() throws Exception {
    String p = prefix();
    Map<String, Object> server = Map.of("key", p + "-s", "class", "server", "name", "Web server",
        "ownerGroup", "network", "attributes", Map.of("hostname", "web1", "os", "linux", "cpus", 4));
    assertThat(send("bob", HttpMethod.POST, "/api/cis", "application/json", server).getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
    JsonNode created = ok(send("nina", HttpMethod.POST, "/api/cis", "application/json", server));
    assertThat(created.get("criticality").asText()).isEqualTo("medium");
    assertThat(created.get("lifecycle").asText()).isEqualTo("live");
    assertThat(send("nina", HttpMethod.POST, "/api/cis", "application/json", server).getStatusCode())
        .isEqualTo(HttpStatus.CONFLICT);

    ResponseEntity<String> wrongType = send("nina", HttpMethod.PUT, "/api/cis/" + p + "-s", "application/json",
        Map.of("class", "server", "name", "Web server", "ownerGroup", "network",
            "attributes", Map.of("hostname", "web1", "os", "solaris", "cpus", "four")));
    assertThat(wrongType.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(wrongType.getBody()).contains("attributes.os: 'solaris' is not one of linux, windows, vmware-esxi")
        .contains("attributes.cpus: 'four' is not an integer");

    ok(send("nina", HttpMethod.PUT, "/api/cis/" + p + "-s", "application/json", Map.of("class", "server",
        "name", "Web server", "ownerGroup", "network", "criticality", "high",
        "attributes", Map.of("hostname", "web1", "os", "linux", "cpus", 8))));
    assertThat(send("bob", HttpMethod.POST, "/api/cis/" + p + "-s/retire", null, null).getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(ok(send("admin", HttpMethod.POST, "/api/cis/" + p + "-s/retire", null, null)).get("lifecycle")
        .asText()).isEqualTo("retired");
    assertThat(send("nina", HttpMethod.POST, "/api/cis/" + p + "-s/retire", null, null).getStatusCode())
        .isEqualTo(HttpStatus.CONFLICT);

    JsonNode history = ok(send("bob", HttpMethod.GET, "/api/cis/" + p + "-s/history", null, null));
    assertThat(history.findValuesAsText("action")).containsExactly("retired", "updated", "created");
    assertThat(history.findValuesAsText("actor")).containsExactly("admin", "nina", "nina");
    assertThat(history.get(1).at("/before/attributes/cpus").asInt()).isEqualTo(4);
    assertThat(history.get(1).at("/after/attributes/cpus").asInt()).isEqualTo(8);
    assertThat(history.get(1).at("/after/criticality").asText()).isEqualTo("high");

    JsonNode listed = ok(send("bob", HttpMethod.GET, "/api/cis?class=server&lifecycle=retired&q=" + p, null, null));
    assertThat(listed.get("items").findValuesAsText("key")).containsExactly(p + "-s");
    assertThat(listed.get("total").asLong()).isEqualTo(1);
  }
  @Test
  void oneRelationIsAddedAndRemovedByTheOwnerGroupCheckedAgainstTheClassesAndKeptInTheHistory() throws Exception {
    String p = prefix();
    importFile("application/yaml", """
        configurationItems:
          - {key: %1$s-site, class: site, name: Site, ownerGroup: facilities, attributes: {city: Kiel}}
          - {key: %1$s-srv, class: server, name: Server, ownerGroup: network, attributes: {hostname: h, os: linux}}
          - {key: %1$s-db, class: database, name: DB, ownerGroup: network, attributes: {engine: oracle}}
        """.formatted(p));
    String relations = "/api/cis/" + p + "-db/relations";
    Map<String, String> runsOn = Map.of("type", "runs-on", "to", p + "-srv");

    ResponseEntity<String> added = send("nina", HttpMethod.POST, relations, "application/json", runsOn);
    assertThat(added.getStatusCode()).as(added.getBody()).isEqualTo(HttpStatus.CREATED);
    assertThat(added.getHeaders().getLocation()).hasToString(relations);
    assertThat(json.readTree(added.getBody()).get("relations").findValuesAsText("to")).containsExactly(p + "-srv");
    assertThat(ok(send("bob", HttpMethod.GET, "/api/cis/" + p + "-srv/relations", null, null)).get("incoming")
        .findValuesAsText("from")).containsExactly(p + "-db");
    assertThat(ok(send("bob", HttpMethod.GET, "/api/cis/" + p + "-srv/impact", null, null)).get("dependents")
        .findValuesAsText("key")).containsExactly(p + "-db");

    // Refused with nothing changed: twice, a pair the classes do not allow, an unknown type or CI, someone else's CI.
    assertThat(send("nina", HttpMethod.POST, relations, "application/json", runsOn).getStatusCode())
        .isEqualTo(HttpStatus.CONFLICT);
    ResponseEntity<String> notAllowed = send("nina", HttpMethod.POST, relations, "application/json",
        Map.of("type", "located-at", "to", p + "-site"));
    assertThat(notAllowed.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(notAllowed.getBody()).contains("located-at " + p + "-site: the class database allows no located-at "
        + "relation to the class site");
    ResponseEntity<String> unknownType = send("nina", HttpMethod.POST, relations, "application/json",
        Map.of("type", "hugs", "to", p + "-srv"));
    assertThat(unknownType.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(unknownType.getBody()).contains("unknown relation type 'hugs'");
    ResponseEntity<String> dangling = send("nina", HttpMethod.POST, relations, "application/json",
        Map.of("type", "runs-on", "to", p + "-nowhere"));
    assertThat(dangling.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(dangling.getBody()).contains("no CI has the key '" + p + "-nowhere'");
    assertThat(send("nina", HttpMethod.POST, "/api/cis/" + p + "-nothing/relations", "application/json", runsOn)
        .getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(send("bob", HttpMethod.POST, "/api/cis/" + p + "-srv/relations", "application/json",
        Map.of("type", "located-at", "to", p + "-site")).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(send("nina", HttpMethod.POST, "/api/cis/" + p + "-site/relations", "application/json",
        Map.of("type", "located-at", "to", p + "-site")).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(send("bob", HttpMethod.DELETE, relations + "/runs-on/" + p + "-srv", null, null).getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(ok(send("bob", HttpMethod.GET, "/api/cis/" + p + "-db", null, null)).get("relations")
        .findValuesAsText("to")).containsExactly(p + "-srv");

    // An administrator relates any CI; the owner group removes the relation, which is no longer there to remove.
    assertThat(send("admin", HttpMethod.POST, "/api/cis/" + p + "-srv/relations", "application/json",
        Map.of("type", "located-at", "to", p + "-site")).getStatusCode()).isEqualTo(HttpStatus.CREATED);
    JsonNode removed = ok(send("nina", HttpMethod.DELETE, relations + "/runs-on/" + p + "-srv", null, null));
    assertThat(removed.get("relations")).isEmpty();
    assertThat(send("nina", HttpMethod.DELETE, relations + "/runs-on/" + p + "-srv", null, null).getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);

    JsonNode history = ok(send("bob", HttpMethod.GET, "/api/cis/" + p + "-db/history", null, null));
    assertThat(history.findValuesAsText("action")).containsExactly("relation-removed", "relation-added", "imported");
    assertThat(history.findValuesAsText("actor")).containsExactly("nina", "nina", "admin");
    assertThat(history.get(1).at("/before/relations")).isEmpty();
    assertThat(history.get(1).at("/after/relations/0/type").asText()).isEqualTo("runs-on");
    assertThat(history.get(0).at("/before/relations/0/to").asText()).isEqualTo(p + "-srv");
    assertThat(ok(send("bob", HttpMethod.GET, "/api/cis/" + p + "-srv/history", null, null))
        .findValuesAsText("action")).containsExactly("relation-added", "imported");
    // The demo's CIs were imported by FlowDesk at its first start, not by one of the demo's people.
    assertThat(ok(send("bob", HttpMethod.GET, "/api/cis/db-erp/history", null, null)).findValuesAsText("actor"))
        .last().isEqualTo("flowdesk");
  }

  @Test
  void theMatrixByGroupCountsTheCisEachOwnerGroupHasUnderAService() throws Exception {
    String p = prefix();
    JsonNode before = ok(send("bob", HttpMethod.GET, "/api/cis/matrix?by=group", null, null));
    importFile("application/yaml", """
        configurationItems:
          - {key: %1$s-srv, class: server, name: Server, ownerGroup: network, attributes: {hostname: h, os: linux}}
          - {key: %1$s-app, class: application, name: App, ownerGroup: service-desk, attributes: {hosting: cloud},
             relations: [{type: runs-on, to: %1$s-srv}], services: [printer]}
        """.formatted(p));
    JsonNode after = ok(send("bob", HttpMethod.GET, "/api/cis/matrix?by=group", null, null));
    assertThat(after.get("by").asText()).isEqualTo("group");
    assertThat(after.get("groups").toString()).contains("\"network\"", "\"service-desk\"");
    assertThat(groupCis(after, "network", "printer") - groupCis(before, "network", "printer")).isEqualTo(1);
    assertThat(groupCis(after, "service-desk", "printer") - groupCis(before, "service-desk", "printer")).isEqualTo(1);
    for (JsonNode cell : after.get("cells")) {
      assertThat(cell.get("class").isNull()).isTrue();
    }
    // A cell opens the CIs it counts: those the service stands on, transitively, of the row's group or class.
    assertThat(ok(send("bob", HttpMethod.GET, "/api/cis?service=printer&q=" + p, null, null)).get("items")
        .findValuesAsText("key")).containsExactly(p + "-app", p + "-srv");
    assertThat(ok(send("bob", HttpMethod.GET, "/api/cis?service=printer&ownerGroup=network&q=" + p, null, null))
        .get("items").findValuesAsText("key")).containsExactly(p + "-srv");
    assertThat(ok(send("bob", HttpMethod.GET, "/api/cis?service=email&q=" + p, null, null)).get("total").asLong())
        .isZero();
    assertThat(send("bob", HttpMethod.GET, "/api/cis/matrix?by=mood", null, null).getStatusCode())
        .isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(ok(send("bob", HttpMethod.GET, "/api/cis/matrix", null, null)).get("by").asText()).isEqualTo("class");
  }

  static long groupCis(JsonNode matrix, String group, String service) {
    for (JsonNode cell : matrix.get("cells")) {
      if (group.equals(cell.get("ownerGroup").asText()) && cell.get("service").asText().equals(service)) {
        return cell.get("cis").asLong();
      }
    }
    return 0;
  }

  @Test
  void aFileOfTwentyThousandRowsOverOneMegabyteImportsWholeOrNotAtAll() throws Exception {
    String p = prefix();
    StringBuilder csv = new StringBuilder("key,class,name,ownerGroup,relations,services,attributes.hosting\n");
    for (int i = 1; i <= 20_000; i++) {
      // Each application depends on the last one of the file: a CI that comes later, written in another batch.
      // (No service and no chain: the shared database's walks of the other tests stay as they were.)
      csv.append(p).append("-app-").append(i).append(",application,Bulk application ").append(i)
          .append(" of the import,service-desk,").append(i < 20_000 ? "depends-on:" + p + "-app-20000" : "")
          .append(",,cloud\n");
    }
    assertThat(csv.length()).isGreaterThan(1024 * 1024);
    // One bad row at the end refuses the file: the batches written before it are rolled back.
    String refusedFile = csv + p + "-bad,spaceship,Enterprise,network,,,\n";
    ResponseEntity<String> refused = send("admin", HttpMethod.POST, "/api/cis/import", "text/csv", refusedFile);
    assertThat(refused.getStatusCode()).as(refused.getBody()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
    assertThat(json.readTree(refused.getBody()).get("rows").findValuesAsText("key")).containsExactly(p + "-bad");
    assertThat(json.readTree(refused.getBody()).get("rows").get(0).get("row").asInt()).isEqualTo(20_002);
    assertThat(jdbc.sql("SELECT COUNT(*) FROM fd_ci WHERE ci_key LIKE ?").param(p + "%").query(Long.class).single())
        .isZero();

    JsonNode imported = importFile("text/csv", csv.toString());
    assertThat(imported.get("created").asInt()).isEqualTo(20_000);
    assertThat(jdbc.sql("SELECT COUNT(*) FROM fd_ci_relation WHERE from_key LIKE ?").param(p + "%").query(Long.class)
        .single()).isEqualTo(19_999);
    assertThat(jdbc.sql("SELECT COUNT(*) FROM fd_ci_history WHERE ci_key LIKE ?").param(p + "%").query(Long.class)
        .single()).isEqualTo(20_000);
    JsonNode again = importFile("text/csv", csv.toString());
    assertThat(again.get("created").asInt()).isZero();
    assertThat(again.get("unchanged").asInt()).isEqualTo(20_000);
    // The other tests share the database: the 20,000 CIs go again.
    jdbc.sql("DELETE FROM fd_ci_relation WHERE from_key LIKE ?").param(p + "%").update();
    jdbc.sql("DELETE FROM fd_ci_history WHERE ci_key LIKE ?").param(p + "%").update();
    jdbc.sql("DELETE FROM fd_ci WHERE ci_key LIKE ?").param(p + "%").update();
  }
}
