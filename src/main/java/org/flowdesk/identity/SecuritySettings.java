package org.flowdesk.identity;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * How FlowDesk guards its logins.
 *
 * @param loginThrottle how failed logins from one client address slow that address down
 * @param productionIdentities refuse to start while the directory still holds the demo users or an
 *     administrator whose password is not {@code flowdesk.admin.password} (on in the prod profile)
 */
@Validated
@ConfigurationProperties("flowdesk.security")
public record SecuritySettings(@DefaultValue LoginThrottle loginThrottle,
    @DefaultValue("false") boolean productionIdentities) {

  /**
   * After {@code maxFailures} failed logins from one address within {@code window}, that address
   * may not try again for {@code firstBlock}; each failure after a block doubles the next one, up to
   * {@code maxBlock}. An address that stays quiet for a window after its block starts afresh.
   */
  public record LoginThrottle(
      @DefaultValue("10") @Min(1) int maxFailures,
      @DefaultValue("5m") @NotNull Duration window,
      @DefaultValue("1m") @NotNull Duration firstBlock,
      @DefaultValue("15m") @NotNull Duration maxBlock) {
  }
}
