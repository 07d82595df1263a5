package org.flowdesk.request;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;

import org.camunda.bpm.engine.delegate.BpmnError;
import org.flowdesk.TicketOfInstance;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Sends an access order to the provisioning system. An attempt that does not succeed is the
 * BPMN error {@code PROVISIONING_FAILED}: fulfil-access.bpmn decides how often to try again
 * and when the access team takes over. Attempts are counted in {@code provisioningAttempts}.
 */
@Component("provisionAccess")
class ProvisionAccess implements JavaDelegate {

  static final String FAILED = "PROVISIONING_FAILED";
  private static final Logger LOG = LoggerFactory.getLogger(ProvisionAccess.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ProvisioningProperties provisioning;
  private final HttpClient http = HttpClient.newHttpClient();

  ProvisionAccess(ProvisioningProperties provisioning) {
    this.provisioning = provisioning;
  }

  @Override
  public void execute(DelegateExecution execution) throws Exception {
    Object before = execution.getVariable("provisioningAttempts");
    int attempt = (before == null ? 0 : ((Number) before).intValue()) + 1;
    execution.setVariable("provisioningAttempts", attempt);
    String ticket = TicketOfInstance.of(execution);
    if (provisioning.url() == null || provisioning.url().isBlank()) {
      LOG.warn("{} cannot be provisioned automatically: no flowdesk.provisioning.url", ticket);
      throw new BpmnError(FAILED, "No provisioning system is configured");
    }
    Map<String, Object> order = new LinkedHashMap<>();
    order.put("ticket", ticket);
    order.put("item", execution.getVariable("itemId"));
    order.put("user", execution.getVariable("requester"));
    order.put("system", execution.getVariable("system"));
    order.put("attempt", attempt);
    try {
      HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(provisioning.url()))
          .timeout(provisioning.timeout()).header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(order))).build(),
          HttpResponse.BodyHandlers.ofString());
      if (answer.statusCode() / 100 != 2) {
        throw new BpmnError(FAILED, "The provisioning system answered " + answer.statusCode());
      }
      LOG.info("{} provisioned on attempt {}", ticket, attempt);
    } catch (IOException e) {
      LOG.warn("{} provisioning attempt {} failed: {}", ticket, attempt, e.toString());
      throw new BpmnError(FAILED, "The provisioning system could not be reached: " + e.getMessage());
    }
  }
}
