package org.flowdesk.identity;

import java.util.List;

import org.flowdesk.api.ApiDocs;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@Tag(name = "People")
class AuditController {

  private final AuditLog audit;

  AuditController(AuditLog audit) {
    this.audit = audit;
  }

  /** The newest administrative actions (administrators only, see SecurityConfiguration). */
  @Operation(operationId = "auditLog", summary = "The audit log",
      description = "The newest administrative actions (people placed, models deployed), newest first. "
          + "Administrators only.")
  @ApiResponse(responseCode = "200", description = "The newest entries")
  @ApiResponse(responseCode = "400", ref = ApiDocs.BAD_REQUEST)
  @ApiResponse(responseCode = "403", ref = ApiDocs.FORBIDDEN)
  @GetMapping("/api/admin/audit")
  List<AuditLog.Entry> newest(@Parameter(description = "How many entries") @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit) {
    return audit.newest(limit);
  }
}
