package org.flowdesk.workbench;

import org.flowdesk.api.ApiDocs;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * The designer's workbench: what a changed decision table would have decided on real tickets, and
 * what a changed process would meet.
 */
@RestController
@Tag(name = "Workbench")
class WhatIfController {

  private final DecisionWhatIf whatIf;
  private final ProcessWhatIf processWhatIf;
  private final Designers designers;

  WhatIfController(DecisionWhatIf whatIf, ProcessWhatIf processWhatIf, Designers designers) {
    this.whatIf = whatIf;
    this.processWhatIf = processWhatIf;
    this.designers = designers;
  }

  @Operation(operationId = "processWhatIf", summary = "What a changed process would meet",
      description = "Runs the deployment's checks on the models with the posted BPMN file in place of the deployed "
          + "process's file (each problem with its file and element), lists the steps the draft adds and removes, "
          + "and the running tickets waiting on a removed step now, with the version they run. Nothing is deployed "
          + "or changed. For process designers and administrators.")
  @ApiResponse(responseCode = "200", description = "The checks and the steps")
  @ApiResponse(responseCode = "400", ref = ApiDocs.BAD_REQUEST)
  @ApiResponse(responseCode = "403", ref = ApiDocs.FORBIDDEN)
  @ApiResponse(responseCode = "404", ref = ApiDocs.NOT_FOUND)
  @PostMapping(path = "/api/workbench/processes/{key}/what-if",
      consumes = {MediaType.APPLICATION_XML_VALUE, MediaType.TEXT_XML_VALUE})
  ProcessWhatIf.Report processWhatIf(
      @Parameter(description = "The process's key (its id in the BPMN file)", example = "incident")
      @PathVariable String key,
      @io.swagger.v3.oas.annotations.parameters.RequestBody(description = "The changed BPMN file")
      @RequestBody byte[] draft, Authentication caller) {
    designers.designer(caller);
    return processWhatIf.evaluate(key, draft);
  }

  @Operation(operationId = "decisionWhatIf", summary = "What a changed decision would have decided",
      description = "Evaluates the posted DMN file's table of this decision again on the inputs of the deployed "
          + "decision's last evaluations (Camunda's decision history) and compares each outcome with the one the "
          + "deployed table gave: how many change, on which tickets, and how often each output value would have "
          + "been decided then and now (tickets moved per group, approvals added or removed). Nothing is deployed "
          + "or changed. The draft may use FEEL only, and no document type. For process designers and "
          + "administrators.")
  @ApiResponse(responseCode = "200", description = "The comparison")
  @ApiResponse(responseCode = "400", ref = ApiDocs.BAD_REQUEST)
  @ApiResponse(responseCode = "403", ref = ApiDocs.FORBIDDEN)
  @ApiResponse(responseCode = "404", ref = ApiDocs.NOT_FOUND)
  @PostMapping(path = "/api/workbench/decisions/{key}/what-if",
      consumes = {MediaType.APPLICATION_XML_VALUE, MediaType.TEXT_XML_VALUE})
  DecisionWhatIf.Report whatIf(
      @Parameter(description = "The decision's key (its id in the DMN file)", example = "incident-priority")
      @PathVariable String key,
      @Parameter(description = "How many of the latest evaluations to compare (1 to 100000)")
      @RequestParam(defaultValue = "1000") int last,
      @io.swagger.v3.oas.annotations.parameters.RequestBody(description = "The changed DMN file")
      @RequestBody byte[] draft, Authentication caller) {
    designers.designer(caller);
    return whatIf.evaluate(key, draft, last);
  }

}
