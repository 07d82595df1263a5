package org.flowdesk.identity;

import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

@RestController
class AuditController {

  private final AuditLog audit;

  AuditController(AuditLog audit) {
    this.audit = audit;
  }

  /** The newest administrative actions (administrators only, see SecurityConfiguration). */
  @GetMapping("/api/admin/audit")
  List<AuditLog.Entry> newest(@RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit) {
    return audit.newest(limit);
  }
}
