package org.flowdesk.identity;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.NotBlank;

/**
 * The administrator, a member of camunda-admin, created on first start when missing. In the
 * prod profile both come from FLOWDESK_ADMIN_ID and FLOWDESK_ADMIN_PASSWORD.
 */
@Validated
@ConfigurationProperties("flowdesk.admin")
public record AdminProperties(
    @NotBlank(message = "the administrator's user id is missing: set the environment variable FLOWDESK_ADMIN_ID")
    String id,
    @NotBlank(message = "the administrator's password is missing: set the environment variable FLOWDESK_ADMIN_PASSWORD")
    String password) {
}
