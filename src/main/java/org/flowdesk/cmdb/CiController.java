package org.flowdesk.cmdb;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.flowdesk.api.ApiDocs;
import org.flowdesk.api.FieldError;
import org.flowdesk.api.FormValidationException;
import org.flowdesk.api.NotFoundException;
import org.flowdesk.catalog.Catalog;
import org.flowdesk.identity.AuditLog;
import org.flowdesk.identity.CurrentUser;
import org.flowdesk.language.Languages;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * The CMDB's API: configuration items, their relations, history and impact, the classes they may be
 * of, and the whole as a CSV or YAML file out and in. Agents, service owners and administrators read;
 * a CI's owner group and administrators write it; administrators import.
 */
@RestController
@RequestMapping("/api")
@Tag(name = "Configuration items", description = "The CMDB: which technology the services stand on, and what an "
    + "outage or a change of it touches. Classes and allowed relations are declared in catalog/ci-classes.yaml.")
class CiController {

  static final String KEY = "[A-Za-z0-9][A-Za-z0-9._-]{0,63}";
  static final String KEY_MESSAGE = "must be a CI key: letters, digits, dots, dashes, underscores";
  private static final String NO_CONTROL_CHARACTERS = "[^\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\x7F]*";

  private final Cmdb cmdb;
  private final CiClasses classes;
  private final CiTransfer transfer;
  private final CiImpact impact;
  private final AuditLog audit;
  private final NamedCis named;
  private final Catalog catalog;
  private final CmdbProperties properties;
  private final Languages languages;

  CiController(Cmdb cmdb, CiClasses classes, CiTransfer transfer, CiImpact impact, AuditLog audit, NamedCis named,
      Catalog catalog, CmdbProperties properties, Languages languages) {
    this.properties = properties;
    this.languages = languages;
    this.named = named;
    this.catalog = catalog;
    this.audit = audit;
    this.cmdb = cmdb;
    this.classes = classes;
    this.transfer = transfer;
    this.impact = impact;
  }

  @Schema(name = "CiInput", example = """
      {"key": "srv-db-01", "class": "server", "name": "Database server 1", "ownerGroup": "network",
       "lifecycle": "live", "criticality": "high", "attributes": {"hostname": "db01", "os": "linux", "cpus": 8},
       "relations": [{"type": "located-at", "to": "site-hq"}], "services": ["erp"]}""")
  record CiBody(
      @Size(max = 64) @Schema(description = "Unique key; on an update, the path's or none") String key,
      @JsonProperty("class") @NotBlank @Size(max = 64) @Schema(description = "A class of catalog/ci-classes.yaml")
      String ciClass,
      @NotBlank @Size(max = 200) @Pattern(regexp = NO_CONTROL_CHARACTERS, message = "must not contain control characters")
      String name,
      @Size(max = 64) @Schema(description = "The group that owns it; required unless an administrator writes")
      String ownerGroup,
      @Size(max = 20) @Schema(description = "planned, live (the default) or retired") String lifecycle,
      @Size(max = 20) @Schema(description = "low, medium (the default) or high") String criticality,
      @Size(max = 200) Map<String, Object> attributes,
      @Size(max = CiRules.MOST_RELATIONS) List<Ci.Relation> relations,
      @Size(max = 100) List<@Size(max = 64) String> services) {

    CiRules.Input input() {
      return new CiRules.Input(key, ciClass, name, attributes, ownerGroup, lifecycle, criticality, relations,
          services);
    }
  }

  record Page(List<Ci> items, int page, int size, long total) {
  }

  @Schema(name = "CiRelations", description = "The relations of a CI, both ways")
  record Relations(@Schema(description = "From this CI to those it depends on") List<Ci.Relation> outgoing,
      @Schema(description = "From CIs that depend on this one") List<CiRepository.Incoming> incoming,
      @Schema(description = "Services of the catalog standing on it") List<String> services) {
  }

  @Schema(name = "CiChange", description = "A change of a CI: who, when, and the CI before and after")
  record Change(Instant at, String actor, @Schema(description = "created, updated, retired, imported, relation-added or relation-removed") String action,
      @Schema(description = "The CI before; none for its creation") JsonNode before, JsonNode after) {
  }

  @Operation(operationId = "ciClasses", summary = "CI classes",
      description = "The classes of configuration items, their typed attributes and allowed relations, and the relation "
          + "types, as catalog/ci-classes.yaml declares them.")
  @ApiResponse(responseCode = "200", description = "The classes in force")
  @ApiResponse(responseCode = "403", ref = ApiDocs.FORBIDDEN)
  @GetMapping("/ci-classes")
  CiClasses.Model ciClasses(Authentication caller) {
    CurrentUser user = CurrentUser.of(caller);
    cmdb.requireReader(user);
    // The classes', their attributes' and the relation types' names in the caller's language (catalog/i18n: ciClasses,
    // relationTypes);
    // their ids stay as the models write them.
    Languages.CatalogWords words = languages.catalog(languages.ofCaller(user.id()));
    CiClasses.Model model = classes.current();
    return new CiClasses.Model(model.relationTypes().stream()
        .map(t -> new CiClasses.RelationType(t.id(), words.name("relationTypes", t.id(), t.name()))).toList(),
        model.classes().stream().map(c -> new CiClasses.CiClass(c.id(), words.name("ciClasses", c.id(), c.name()),
            c.attributes().stream().map(a -> a.in(words.entry("ciClasses", c.id()).path("attributes").path(a.name())))
                .toList(), c.relations())).toList(), model.businessCritical());
  }

  @Operation(operationId = "listCis", summary = "Configuration items",
      description = "CIs by name, optionally of one class, owner group or lifecycle, whose key or name contains q, or "
          + "that a service stands on. "
          + "The list leaves out relations and services; get one CI for them.")
  @ApiResponse(responseCode = "200", description = "A page of CIs")
  @ApiResponse(responseCode = "400", ref = ApiDocs.BAD_REQUEST)
  @ApiResponse(responseCode = "403", ref = ApiDocs.FORBIDDEN)
  @GetMapping("/cis")
  Page list(Authentication caller,
      @Parameter(description = "Only CIs of this class", example = "server")
      @RequestParam(name = "class", required = false) @Size(max = 64) String ciClass,
      @Parameter(description = "Only CIs of this owner group", example = "network")
      @RequestParam(required = false) @Size(max = 64) String ownerGroup,
      @Parameter(description = "Only CIs in this lifecycle", example = "live")
      @RequestParam(required = false) @Pattern(regexp = "planned|live|retired", message = "must be planned, live or retired")
      String lifecycle,
      @Parameter(description = "Only CIs whose key or name contains this", example = "db")
      @RequestParam(required = false) @Size(max = 200) @Pattern(regexp = NO_CONTROL_CHARACTERS,
          message = "must not contain control characters") String q,
      @Parameter(description = "Only CIs this service stands on (linked to it, or what those depend on, transitively; "
          + "not retired): a cell of the matrix", example = "erp")
      @RequestParam(required = false) @Size(max = 64) @Pattern(regexp = KEY, message = "must be a service id")
      String service,
      @Parameter(description = "The page number, from 0") @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
      @Parameter(description = "CIs per page") @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size) {
    CiRepository.Filter filter = filter(ciClass, ownerGroup, lifecycle, q);
    Cmdb.Page found = cmdb.list(CurrentUser.of(caller), new CiRepository.Filter(filter.ciClass(), filter.ownerGroup(),
        filter.lifecycle(), filter.text(), blankToNull(service)), page, size);
    return new Page(found.items(), found.page(), found.size(), found.total());
  }

  @Operation(operationId = "getCi", summary = "A configuration item",
      description = "The CI with its attributes, the relations from it, and the services standing on it.")
  @ApiResponse(responseCode = "200", description = "The CI")
  @ApiResponse(responseCode = "400", ref = ApiDocs.BAD_REQUEST)
  @ApiResponse(responseCode = "403", ref = ApiDocs.FORBIDDEN)
  @ApiResponse(responseCode = "404", ref = ApiDocs.NOT_FOUND)
  @GetMapping("/cis/{key}")
  Ci get(Authentication caller, @PathVariable @Pattern(regexp = KEY, message = KEY_MESSAGE) String key) {
    return cmdb.get(CurrentUser.of(caller), key);
  }

  @Operation(operationId = "createCi", summary = "Add a configuration item",
      description = "Checked against its class: attributes of their type, required ones present, relations the classes "
          + "allow to CIs that exist, services of the catalog. Members of the owner group it names, and administrators.")
  @ApiResponse(responseCode = "201", description = "The new CI", headers = @Header(name = "Location",
      description = "/api/cis/{key}", schema = @Schema(type = "string", format = "uri-reference")))
  @ApiResponse(responseCode = "400", ref = ApiDocs.BAD_REQUEST)
  @ApiResponse(responseCode = "403", ref = ApiDocs.FORBIDDEN)
  @ApiResponse(responseCode = "409", ref = ApiDocs.CONFLICT)
  @PostMapping("/cis")
  ResponseEntity<Ci> create(Authentication caller, @Valid @RequestBody CiBody body) {
    if (body.key() == null || body.key().isBlank()) {
      throw new FormValidationException(List.of(new FieldError("key", "must not be blank")));
    }
    Ci ci = cmdb.create(CurrentUser.of(caller), body.input());
    return ResponseEntity.created(URI.create("/api/cis/" + ci.key())).body(ci);
  }

  @Operation(operationId = "updateCi", summary = "Change a configuration item",
      description = "Replaces the CI with the body (relations and services included), checked as for a new one. Its "
          + "owner group's members and administrators; the CI stays with one of the caller's groups.")
  @ApiResponse(responseCode = "200", description = "The CI as it is now")
  @ApiResponse(responseCode = "400", ref = ApiDocs.BAD_REQUEST)
  @ApiResponse(responseCode = "403", ref = ApiDocs.FORBIDDEN)
  @ApiResponse(responseCode = "404", ref = ApiDocs.NOT_FOUND)
  @PutMapping("/cis/{key}")
  Ci update(Authentication caller, @PathVariable @Pattern(regexp = KEY, message = KEY_MESSAGE) String key,
      @Valid @RequestBody CiBody body) {
    return cmdb.update(CurrentUser.of(caller), key, body.input());
  }

  @Operation(operationId = "retireCi", summary = "Retire a configuration item",
      description = "Its lifecycle becomes retired: it stays readable with its history, and no longer carries impact.")
  @ApiResponse(responseCode = "200", description = "The retired CI")
  @ApiResponse(responseCode = "400", ref = ApiDocs.BAD_REQUEST)
  @ApiResponse(responseCode = "403", ref = ApiDocs.FORBIDDEN)
  @ApiResponse(responseCode = "404", ref = ApiDocs.NOT_FOUND)
  @ApiResponse(responseCode = "409", ref = ApiDocs.CONFLICT)
  @PostMapping("/cis/{key}/retire")
  Ci retire(Authentication caller, @PathVariable @Pattern(regexp = KEY, message = KEY_MESSAGE) String key) {
    return cmdb.retire(CurrentUser.of(caller), key);
  }

  @Operation(operationId = "ciRelations", summary = "A CI's relations",
      description = "The relations from the CI, those from other CIs to it, and the services standing on it.")
  @ApiResponse(responseCode = "200", description = "Its relations")
  @ApiResponse(responseCode = "400", ref = ApiDocs.BAD_REQUEST)
  @ApiResponse(responseCode = "403", ref = ApiDocs.FORBIDDEN)
  @ApiResponse(responseCode = "404", ref = ApiDocs.NOT_FOUND)
  @GetMapping("/cis/{key}/relations")
  Relations relations(Authentication caller, @PathVariable @Pattern(regexp = KEY, message = KEY_MESSAGE) String key) {
    CurrentUser user = CurrentUser.of(caller);
    Ci ci = cmdb.get(user, key);
    return new Relations(ci.relations(), cmdb.incoming(user, key), ci.services());
  }

  @Schema(name = "CiRelationInput", example = "{\"type\": \"runs-on\", \"to\": \"srv-01\"}")
  record RelationBody(
      @NotBlank @Size(max = 64) @Pattern(regexp = KEY, message = "must be a relation type of catalog/ci-classes.yaml")
      @Schema(description = "A relation type of catalog/ci-classes.yaml") String type,
      @NotBlank @Size(max = 64) @Pattern(regexp = KEY, message = KEY_MESSAGE)
      @Schema(description = "The key of the CI it depends on") String to) {
  }

  @Operation(operationId = "addCiRelation", summary = "Relate a CI to another it depends on",
      description = "One relation more from the CI, checked against catalog/ci-classes.yaml: a known type, a CI at its "
          + "end, and a relation the two classes allow (400 naming the reason otherwise, nothing changed). Its owner "
          + "group's members and administrators. The history keeps it as relation-added, with the CI before and after.")
  @ApiResponse(responseCode = "201", description = "The CI with the relation", headers = @Header(name = "Location",
      description = "/api/cis/{key}/relations", schema = @Schema(type = "string", format = "uri-reference")))
  @ApiResponse(responseCode = "400", ref = ApiDocs.BAD_REQUEST)
  @ApiResponse(responseCode = "403", ref = ApiDocs.FORBIDDEN)
  @ApiResponse(responseCode = "404", ref = ApiDocs.NOT_FOUND)
  @ApiResponse(responseCode = "409", ref = ApiDocs.CONFLICT)
  @PostMapping("/cis/{key}/relations")
  ResponseEntity<Ci> addRelation(Authentication caller,
      @PathVariable @Pattern(regexp = KEY, message = KEY_MESSAGE) String key, @Valid @RequestBody RelationBody body) {
    Ci ci = cmdb.addRelation(CurrentUser.of(caller), key, new Ci.Relation(body.type(), body.to()));
    return ResponseEntity.created(URI.create("/api/cis/" + ci.key() + "/relations")).body(ci);
  }

  @Operation(operationId = "removeCiRelation", summary = "Remove one relation of a CI",
      description = "The relation of this type from the CI to the other goes; its owner group's members and "
          + "administrators. The history keeps it as relation-removed, with the CI before and after.")
  @ApiResponse(responseCode = "200", description = "The CI without the relation")
  @ApiResponse(responseCode = "400", ref = ApiDocs.BAD_REQUEST)
  @ApiResponse(responseCode = "403", ref = ApiDocs.FORBIDDEN)
  @ApiResponse(responseCode = "404", ref = ApiDocs.NOT_FOUND)
  @DeleteMapping("/cis/{key}/relations/{type}/{to}")
  Ci removeRelation(Authentication caller, @PathVariable @Pattern(regexp = KEY, message = KEY_MESSAGE) String key,
      @Parameter(description = "The relation type", example = "runs-on")
      @PathVariable @Pattern(regexp = KEY, message = "must be a relation type") String type,
      @Parameter(description = "The key of the CI it goes to", example = "srv-01")
      @PathVariable @Pattern(regexp = KEY, message = KEY_MESSAGE) String to) {
    return cmdb.removeRelation(CurrentUser.of(caller), key, new Ci.Relation(type, to));
  }

  @Operation(operationId = "ciHistory", summary = "A CI's history",
      description = "Every change of the CI, newest first: who, when, what it did, and the CI before and after.")
  @ApiResponse(responseCode = "200", description = "Its changes")
  @ApiResponse(responseCode = "400", ref = ApiDocs.BAD_REQUEST)
  @ApiResponse(responseCode = "403", ref = ApiDocs.FORBIDDEN)
  @ApiResponse(responseCode = "404", ref = ApiDocs.NOT_FOUND)
  @GetMapping("/cis/{key}/history")
  List<Change> history(Authentication caller, @PathVariable @Pattern(regexp = KEY, message = KEY_MESSAGE) String key)
      throws Exception {
    List<Change> changes = new java.util.ArrayList<>();
    for (CiRepository.Change change : cmdb.history(CurrentUser.of(caller), key)) {
      changes.add(new Change(change.at(), change.actor(), change.action(),
          change.before() == null ? null : CiRepository.JSON.readTree(change.before()),
          CiRepository.JSON.readTree(change.after())));
    }
    return changes;
  }

  @Operation(operationId = "ciImpact", summary = "What a CI's outage or change touches",
      description = "Every CI that depends on it, transitively through the relations (each once, cycles included; "
          + "retired CIs carry nothing), the services of the catalog standing on any of them with their criticality, "
          + "open incidents and changes booked in the calendar that are not over, and their lines of business. The "
          + "dependents are the first limit of them by key, dependentsTotal how many there are; the services and lines "
          + "of business are always all of them.")
  @ApiResponse(responseCode = "200", description = "The impact")
  @ApiResponse(responseCode = "400", ref = ApiDocs.BAD_REQUEST)
  @ApiResponse(responseCode = "403", ref = ApiDocs.FORBIDDEN)
  @ApiResponse(responseCode = "404", ref = ApiDocs.NOT_FOUND)
  @GetMapping("/cis/{key}/impact")
  CiImpact.Impact impact(Authentication caller, @PathVariable @Pattern(regexp = KEY, message = KEY_MESSAGE) String key,
      @Parameter(description = "The most dependents listed (1 to 100,000)", example = "1000")
      @RequestParam(defaultValue = "1000") @Min(1) @Max(100_000) int limit) {
    return impact.of(CurrentUser.of(caller), key, limit);
  }

  @Operation(operationId = "serviceCis", summary = "The CIs a service stands on",
      description = "The configuration items linked to the service and those they depend on, transitively, that are not "
          + "retired and are nobody's device (no assignedTo), by class and name: what the incident and change forms offer in "
          + "their optional field configurationItem once the service is chosen, with the requester's own devices "
          + "(GET /api/me/devices). A ticket naming another CI is refused. For the CMDB's readers "
          + "(agents, service owners, administrators).")
  @ApiResponse(responseCode = "200", description = "The service's CIs")
  @ApiResponse(responseCode = "403", ref = ApiDocs.FORBIDDEN)
  @ApiResponse(responseCode = "404", ref = ApiDocs.NOT_FOUND)
  @GetMapping("/services/{id}/cis")
  List<CiImpact.Item> serviceCis(Authentication caller,
      @Parameter(description = "The service's id", example = "erp") @PathVariable @Size(max = 64) String id) {
    cmdb.requireReader(CurrentUser.of(caller));
    catalog.service(id).orElseThrow(() -> new NotFoundException("service", id));
    return named.of(id);
  }

  @Operation(operationId = "ciMatrix", summary = "CI classes against services",
      description = "Where the technology silos meet the services: for each CI class (or, by=group, each group owning "
          + "CIs) and each service of the catalog that is not retired, how many of its CIs the service stands on (linked "
          + "to it, or what those depend on, transitively; retired CIs left out) and the open incidents that name one "
          + "of those CIs; each service with all its open incidents. Only cells with CIs are listed; by group, CIs "
          + "without an owner group are left out.")
  @ApiResponse(responseCode = "200", description = "The matrix")
  @ApiResponse(responseCode = "400", ref = ApiDocs.BAD_REQUEST)
  @ApiResponse(responseCode = "403", ref = ApiDocs.FORBIDDEN)
  @GetMapping("/cis/matrix")
  CiImpact.Matrix matrix(Authentication caller,
      @Parameter(description = "The rows: CI classes (class, the default) or the groups that own the CIs (group)",
          example = "group")
      @RequestParam(defaultValue = "class") @Pattern(regexp = "class|group", message = "must be class or group")
      String by) {
    return impact.matrix(CurrentUser.of(caller), "group".equals(by));
  }

  @Operation(operationId = "exportCis", summary = "Export CIs as CSV or YAML",
      description = "The CIs the list finds with the same filters, all of them, by key, in the format an import reads: "
          + "CSV columns key, class, name, ownerGroup, lifecycle, criticality, relations (type:key, space-separated), "
          + "services (space-separated) and attributes.<name>; or YAML under configurationItems. In CSV a cell a "
          + "spreadsheet would run as a formula (beginning with =, +, -, @) gets an apostrophe before it, which the "
          + "import takes off again.")
  @ApiResponse(responseCode = "200", description = "The file", content = {
      @Content(mediaType = "text/csv", schema = @Schema(type = "string")),
      @Content(mediaType = "application/yaml", schema = @Schema(type = "string")) })
  @ApiResponse(responseCode = "400", ref = ApiDocs.BAD_REQUEST)
  @ApiResponse(responseCode = "403", ref = ApiDocs.FORBIDDEN)
  @GetMapping("/cis/export")
  ResponseEntity<String> export(Authentication caller,
      @Parameter(description = "csv or yaml", example = "csv") @RequestParam(defaultValue = "csv")
      @Pattern(regexp = "csv|yaml", message = "must be csv or yaml") String format,
      @RequestParam(name = "class", required = false) @Size(max = 64) String ciClass,
      @RequestParam(required = false) @Size(max = 64) String ownerGroup,
      @RequestParam(required = false) @Pattern(regexp = "planned|live|retired", message = "must be planned, live or retired")
      String lifecycle,
      @RequestParam(required = false) @Size(max = 200) @Pattern(regexp = NO_CONTROL_CHARACTERS,
          message = "must not contain control characters") String q) {
    CurrentUser user = CurrentUser.of(caller);
    CiRepository.Filter filter = filter(ciClass, ownerGroup, lifecycle, q);
    boolean csv = "csv".equals(format);
    String file = csv ? transfer.exportCsv(user, filter) : transfer.exportYaml(user, filter);
    return ResponseEntity.ok()
        .contentType(csv ? new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8)
            : new MediaType("application", "yaml", java.nio.charset.StandardCharsets.UTF_8))
        .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"cis." + format + "\"")
        .body(file);
  }

  @Operation(operationId = "importCis", summary = "Import CIs from CSV or YAML",
      description = "For administrators. Each row is a whole CI (as the export writes it): a new key is created, a row "
          + "that differs from its CI updates it, an equal one changes nothing, so the same file twice changes nothing "
          + "the second time. Every row is checked first; if any is refused (unknown class, attribute of the wrong type, "
          + "relation the classes do not allow, reference to a CI that neither exists nor comes with the file), the "
          + "answer is 422 naming each refused row and why, and nothing is imported.")
  @ApiResponse(responseCode = "200", description = "What the import did")
  @ApiResponse(responseCode = "400", ref = ApiDocs.BAD_REQUEST)
  @ApiResponse(responseCode = "403", ref = ApiDocs.FORBIDDEN)
  @ApiResponse(responseCode = "415", ref = ApiDocs.UNSUPPORTED_TYPE)
  @ApiResponse(responseCode = "422", description = "Rows refused; nothing was imported", content = @Content(
      mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE, schema = @Schema(implementation = ImportRefused.class)))
  @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, description = "The file, at most "
      + "flowdesk.cmdb.import-max-size (64 MB: the 100,000 rows of the benchmark several times)", content = {
          @Content(mediaType = "text/csv", schema = @Schema(type = "string")),
          @Content(mediaType = "application/yaml", schema = @Schema(type = "string")),
          @Content(mediaType = "application/x-yaml", schema = @Schema(type = "string")),
          @Content(mediaType = "text/yaml", schema = @Schema(type = "string")) })
  @PostMapping(path = "/cis/import", consumes = {"text/csv", "application/yaml", "application/x-yaml", "text/yaml"})
  CiTransfer.Report importFile(Authentication caller, @RequestHeader(HttpHeaders.CONTENT_TYPE) String contentType,
      HttpServletRequest request) throws IOException {
    CurrentUser user = CurrentUser.of(caller);
    cmdb.requireAdministrator(user, "Importing CIs");
    // The body goes to a file as it comes, never to memory; the import reads it row by row, twice.
    Path file = Files.createTempFile("flowdesk-cmdb-import-", ".txt");
    try {
      spool(request.getInputStream(), file);
      Charset charset = Optional.ofNullable(MediaType.parseMediaType(contentType).getCharset())
          .orElse(StandardCharsets.UTF_8);
      CiTransfer.Source source = () -> Files.newBufferedReader(file, charset);
      CiTransfer.Rows rows = MediaType.parseMediaType(contentType).getSubtype().equals("csv")
          ? CiTransfer.csv(source) : CiTransfer.yaml(source);
      CiTransfer.Report report = transfer.importRows(user, rows);
      audit.record(user.id(), "cmdb.import", "/api/cis/import", report.created() + " created, " + report.updated()
          + " updated, " + report.unchanged() + " unchanged");
      return report;
    } finally {
      Files.deleteIfExists(file);
    }
  }

  /** The body into the file, refused with 413 once it is larger than an import may be (a body sent without length). */
  private void spool(InputStream body, Path file) throws IOException {
    long most = properties.importMaxSize().toBytes();
    try (InputStream in = body; OutputStream out = Files.newOutputStream(file)) {
      byte[] buffer = new byte[64 * 1024];
      long copied = 0;
      for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
        copied += read;
        if (copied > most) {
          throw new ResponseStatusException(HttpStatus.PAYLOAD_TOO_LARGE, "A CMDB import may be at most "
              + properties.importMaxSize().toMegabytes() + " MB.");
        }
        out.write(buffer, 0, read);
      }
    }
  }

  /** The problem of a refused import, for the OpenAPI document. */
  @Schema(name = "CiImportRefused", description = "An import that was refused: each bad row and why")
  record ImportRefused(String title, int status, String detail, List<CiTransfer.RowError> rows) {
  }

  @ExceptionHandler(CiTransfer.Refused.class)
  ProblemDetail refused(CiTransfer.Refused e) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_ENTITY, e.getMessage() + ": "
        + String.join("; ", e.rows().stream().limit(5).map(r -> "row " + r.row() + " (" + r.key() + ") " + r.field()
            + ": " + r.reason()).toList()) + (e.rows().size() > 5 ? "; …" : ""));
    problem.setTitle("Import refused");
    problem.setProperty("rows", e.rows());
    return problem;
  }

  private static CiRepository.Filter filter(String ciClass, String ownerGroup, String lifecycle, String q) {
    return new CiRepository.Filter(blankToNull(ciClass), blankToNull(ownerGroup), blankToNull(lifecycle),
        blankToNull(q));
  }

  private static String blankToNull(String text) {
    return text == null || text.isBlank() ? null : text;
  }
}
