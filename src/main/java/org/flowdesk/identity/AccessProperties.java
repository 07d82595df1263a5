package org.flowdesk.identity;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Which groups play which part, for the Camunda authorizations that Tasklist and
 * {@code /engine-rest} enforce.
 *
 * @param requesterGroups groups whose members report incidents and answer their own tasks
 * @param agentGroups groups that work tickets
 * @param requesterProcesses process keys requesters may start from Tasklist
 */
@ConfigurationProperties("flowdesk.access")
public record AccessProperties(
    @DefaultValue("requesters") List<String> requesterGroups,
    @DefaultValue({"service-desk", "service-desk-managers", "network", "hr", "facilities", "major-incident"})
    List<String> agentGroups,
    @DefaultValue("incident") List<String> requesterProcesses) {
}
