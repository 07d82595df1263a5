package org.flowdesk.request;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The provisioning system access requests are sent to: an HTTP endpoint that takes a JSON
 * order. Without one, every automatic attempt fails and the access team does it by hand.
 *
 * @param url where orders are POSTed, or none
 * @param timeout how long one attempt may take
 */
@ConfigurationProperties("flowdesk.provisioning")
public record ProvisioningProperties(String url, @DefaultValue("10s") Duration timeout) {
}
