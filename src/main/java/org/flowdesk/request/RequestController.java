package org.flowdesk.request;

import java.net.URI;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.variable.Variables;
import org.flowdesk.api.ApiDocs;
import org.flowdesk.catalog.Catalog;
import org.flowdesk.catalog.Portfolio;
import org.flowdesk.identity.AccessProperties;
import org.flowdesk.identity.CurrentUser;
import org.flowdesk.identity.People;
import org.flowdesk.language.Alternatives;
import org.flowdesk.language.Dates;
import org.flowdesk.language.Languages;
import org.flowdesk.models.DeployedForms;
import org.flowdesk.api.FieldError;
import org.flowdesk.models.FormSchema;
import org.flowdesk.api.FormValidationException;
import org.flowdesk.ticket.FormFiles;
import org.flowdesk.ticket.IdempotencyKeys;
import org.flowdesk.ticket.ItemAnswerWords;
import org.flowdesk.ticket.OnBehalf;
import org.flowdesk.ticket.TicketAccess;
import org.flowdesk.api.NotFoundException;
import org.flowdesk.ticket.TicketService;
import org.flowdesk.ticket.TicketStartCheck;
import org.flowdesk.ticket.TicketView;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * Ordering an item of the catalog: the answers are checked against the item's form, then
 * processes/service-request.bpmn decides the approvals and calls the item's fulfilment process.
 */
@RestController
@Tag(name = "Requests", description = "Ordering an item of the service catalog; processes/service-request.bpmn "
    + "decides the approvals and runs the item's fulfilment.")
class RequestController {

  static final String PROCESS_KEY = "service-request";

  private final Catalog catalog;
  private final DeployedForms forms;
  private final RuntimeService runtimeService;
  private final IdempotencyKeys idempotencyKeys;
  private final AccessProperties access;
  private final TicketService tickets;
  private final TicketAccess ticketAccess;
  private final People people;
  private final FormFiles formFiles;
  private final OnBehalf onBehalf;
  private final Clock clock;
  private final Languages languages;
  private final ItemAnswerWords answerWords;

  RequestController(Catalog catalog, DeployedForms forms, RuntimeService runtimeService,
      IdempotencyKeys idempotencyKeys, AccessProperties access, TicketService tickets, TicketAccess ticketAccess,
      People people, FormFiles formFiles, OnBehalf onBehalf, Clock clock, Languages languages,
      ItemAnswerWords answerWords) {
    this.languages = languages;
    this.answerWords = answerWords;
    this.onBehalf = onBehalf;
    this.people = people;
    this.formFiles = formFiles;
    this.clock = clock;
    this.catalog = catalog;
    this.forms = forms;
    this.runtimeService = runtimeService;
    this.idempotencyKeys = idempotencyKeys;
    this.access = access;
    this.tickets = tickets;
    this.ticketAccess = ticketAccess;
  }

  @Schema(description = "An order of one catalog item with the answers to its form", example = """
      {"item": "new-laptop", "answers": {"model": "developer", "reason": "Builds take ages"}}""")
  record Order(@Schema(description = "The request item's id (GET /api/catalog)", example = "new-laptop")
      @NotBlank @Size(max = 64) String item,
      @Schema(description = "The fields of the item's form (GET /api/catalog/items/{id})",
          additionalProperties = Schema.AdditionalPropertiesValue.TRUE) Map<String, Object> answers,
      @Schema(description = "The user id of the person the order is for, when it is not the caller: agents and "
          + "administrators order for anyone, managers for their direct reports. That person becomes the "
          + "requester; the item must be orderable by them and the approvals are theirs.", example = "alice")
      String requestedFor) {
  }

  @Operation(operationId = "orderItem", summary = "Order a catalog item",
      description = """
          Opens a service request (REQ-…) for the caller. The answers are checked against the item's \
          form; the item must be in the catalog (not pipeline or retired) and orderable by the caller. \
          Approvals (manager, budget owner) and delivery follow the item's processes. With \
          multipart/form-data, the order is the part "order" (application/json) and each file a part \
          "files": they are checked first and attached in the ticket's transaction, so a refused file \
          creates no ticket.

          On behalf of someone: "requestedFor" names the person the order is for. That person becomes \
          the requester: the item must be orderable by them, the title's {requester} is their name, the \
          approvals are those their order needs (their manager, not the caller's), they see and confirm \
          it. The ticket records the caller as "enteredBy", and the caller watches it. Agents and \
          administrators may order for anyone, managers for their direct reports; anyone else gets 403, \
          an unknown person is a 400 naming requestedFor. Nothing is created then.""")
  @ApiResponse(responseCode = "201", description = "The new ticket; for a retry with the same Idempotency-Key, "
      + "the ticket the first request made", headers = @Header(name = "Location", description = ApiDocs.LOCATION_DESCRIPTION, schema = @Schema(type = "string", format = "uri-reference")),
      content = @Content(mediaType = "application/json", schema = @Schema(implementation = TicketView.class)))
  @ApiResponse(responseCode = "400", ref = ApiDocs.BAD_REQUEST)
  @ApiResponse(responseCode = "403", ref = ApiDocs.FORBIDDEN)
  @ApiResponse(responseCode = "404", ref = ApiDocs.NOT_FOUND)
  @ApiResponse(responseCode = "422", ref = ApiDocs.UNPROCESSABLE)
  @PostMapping("/api/requests")
  ResponseEntity<TicketView> order(@Valid @RequestBody Order order,
      @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey, Authentication caller) {
    return open(order, idempotencyKey, CurrentUser.of(caller), null);
  }

  /** The same order with files; the API document shows it with the JSON call (attachment.UploadDocs). */
  @Operation(hidden = true)
  @PostMapping(path = "/api/requests", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  ResponseEntity<TicketView> orderWithFiles(@Parameter(hidden = true) @Valid @RequestPart("order") Order order,
      @Parameter(hidden = true) @RequestParam MultiValueMap<String, MultipartFile> parts,
      @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey, Authentication caller) {
    return open(order, idempotencyKey, CurrentUser.of(caller), formFiles.check(null, parts, "order"));
  }

  /**
   * Opens the request for the caller or the person it is for ({@link OnBehalf}), who then is the
   * requester in everything the order decides; the files, already checked, are attached in its transaction
   * (those sent for the form's file pickers answer them).
   */
  private ResponseEntity<TicketView> open(Order order, String idempotencyKey, CurrentUser caller,
      FormFiles.Checked files) {
    CurrentUser user = onBehalf.requesterFor(caller, order.requestedFor());
    Portfolio.RequestItem item = catalog.portfolio().item(order.item())
        .orElseThrow(() -> new NotFoundException("request item", order.item()));
    Portfolio.Service service = catalog.service(item.service()).orElseThrow();
    if (!Portfolio.CATALOG.equals(service.lifecycle())) {
      throw new NotOrderableException(item.name() + " cannot be ordered: its service " + service.name() + " is "
          + (Portfolio.RETIRED.equals(service.lifecycle()) ? "retired" : "not offered yet (pipeline)"));
    }
    if (!catalog.orderable(user).contains(item)) {
      // The groups as the directory names them ("Approvers or Human resources"), read in the caller's language.
      throw new NotOrderableException(item.name() + " can be ordered only by members of "
          + Alternatives.written(item.orderableBy().stream().map(people::groupName).toList())
          + (user == caller ? "" : "; " + people.nameOf(user.id()).orElse(user.id()) + " is not one"));
    }
    FormSchema form = forms.byId(item.form()).orElseThrow(() -> new IllegalStateException(
        "The form " + item.form() + " of request item " + item.id() + " is not deployed"));
    Map<String, Object> answers;
    try {
      answers = form.validate(order.answers(), files == null ? Map.of() : files.byField());
    } catch (FormValidationException e) {
      throw ofTheAnswers(e);
    }
    List<FormSchema.Answer> labelled = form.answers(answers);
    // Free texts live in FlowDesk's tables only; choices, numbers and dates are what models decide on.
    Map<String, Object> variables = new HashMap<>(answers);
    variables.keySet().removeAll(form.freeTextKeys());
    variables.put("requester", user.id());
    // The title reaches the ticket through "Open ticket" in this transaction and is never stored as a variable.
    // It reads wholly in the requester's language: theirs when they order, their profile's when someone orders for
    // them. The item's title and name are the catalog's words in it (catalog/i18n), the answers the form's
    // (forms/i18n: "27 Zoll"), a day as the language writes days.
    String language = user == caller ? languages.ofCaller(user.id()) : languages.of(user.id());
    Languages.CatalogWords catalogWords = languages.catalog(language);
    String itemName = catalogWords.name("requestItems", item.id(), item.name());
    Map<String, String> shown = new HashMap<>();
    java.util.Locale locale = java.util.Locale.forLanguageTag(language);
    boolean english = Languages.MODELS_LANGUAGE.equals(language);
    answerWords.in(language, item.id(), labelled).forEach(answer -> shown.put(answer.key(),
        english ? answer.shown() : Dates.in(answer.shown(), locale)));
    variables.put("title", Variables.stringValue(item.titleFor(catalogWords.title(item.id(), item.title()), itemName,
        shown, people.nameOf(user.id()).orElse(user.id())), true));
    variables.put("service", item.service());
    variables.put("itemId", item.id());
    variables.put("price", item.price().doubleValue());
    variables.put("lineOfBusiness", service.lineOfBusiness());
    variables.put("sensitive", item.isSensitive());
    variables.put("requesterIsApprover", access.approverGroups().stream().anyMatch(user::isMemberOf));
    variables.put("deliveryTarget", item.deliveryTarget());
    variables.put("fulfilmentProcess", item.process());
    OnBehalf.recordEnteredBy(variables, caller, user);
    String number = idempotencyKeys.intake(caller.id(), idempotencyKey, order, files, () -> {
      String opened;
      try {
        opened = runtimeService.createProcessInstanceByKey(PROCESS_KEY).processDefinitionWithoutTenantId()
            .setVariables(variables).execute().getBusinessKey();
      } catch (BadUserRequestException e) {
        // A rule beyond the form ("Open ticket"'s checks: the device a return names is the requester's).
        RuntimeException refused = TicketStartCheck.refusal(e);
        throw refused instanceof FormValidationException fields ? ofTheAnswers(fields) : refused;
      }
      tickets.recordAnswers(opened, labelled);
      if (files != null) {
        files.attach(opened, caller.id(), clock.instant());
      }
      return opened;
    }).ticketNumber();
    // The answers labelled as the one who ordered reads them, as GET /api/tickets/{number} answers them.
    TicketView ticket = ticketAccess.view(number, caller, languages.ofCaller(caller.id()));
    return ResponseEntity.created(URI.create("/api/tickets/" + number)).body(ticket);
  }

  /** The field errors of an order's answers, named as the order's fields (answers.model). */
  private static FormValidationException ofTheAnswers(FormValidationException refused) {
    return new FormValidationException(refused.errors().stream()
        .map(error -> new FieldError("answers." + error.field(), error.message())).toList(), refused.form());
  }

  /** An item that exists but may not be ordered, with the reason. */
  static class NotOrderableException extends RuntimeException {
    NotOrderableException(String message) {
      super(message);
    }
  }

}
