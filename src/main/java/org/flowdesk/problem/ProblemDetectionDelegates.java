package org.flowdesk.problem;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.flowdesk.catalog.Catalog;
import org.flowdesk.catalog.Portfolio;
import org.flowdesk.models.DeployedVocabulary;
import org.flowdesk.notification.Notifications;
import org.flowdesk.ticket.TicketService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The steps of processes/problem-detection.bpmn: the clusters of incidents no problem explains
 * yet, what each counts for decisions/problem-detection.dmn, and the proposal to the service's
 * group. The window and the thresholds are the models'.
 */
@Configuration(proxyBeanMethods = false)
class ProblemDetectionDelegates {

  private static final Logger LOG = LoggerFactory.getLogger(ProblemDetectionDelegates.class);

  /** Input {@code window} (an ISO duration such as PT24H): {@code clusters} and {@code windowStart}. */
  @Bean
  JavaDelegate findIncidentClusters(ProblemRepository problems, DeployedVocabulary vocabulary, Clock clock) {
    return execution -> {
      Instant since = clock.instant().minus(Duration.parse((String) execution.getVariable("window")));
      // The step maps its input, so its own variables would end with it: these are the instance's.
      execution.getProcessInstance().setVariable("windowStart", since.toString());
      execution.getProcessInstance().setVariable("clusters",
          new ArrayList<>(problems.incidentClusters(vocabulary.current().openStatuses(), since)));
    };
  }

  /** For the cluster: {@code recentIncidents} (reported in the window) and {@code reopenedIncidents}. */
  @Bean
  JavaDelegate countClusterIncidents(ProblemRepository problems, DeployedVocabulary vocabulary) {
    return execution -> {
      List<ProblemRepository.ClusterIncident> incidents = incidents(execution, problems, vocabulary);
      Instant since = Instant.parse((String) execution.getVariable("windowStart"));
      execution.setVariable("recentIncidents",
          (int) incidents.stream().filter(incident -> !incident.createdAt().isBefore(since)).count());
      execution.setVariable("reopenedIncidents",
          (int) incidents.stream().filter(incident -> incident.reopenCount() > 0).count());
    };
  }

  /**
   * Tells the group that owns the cluster's service (or, for a service without owners, the group of
   * its first incident) that its incidents may have a problem behind them, with the decision's
   * reason and the incidents, which are never proposed again. Input {@code notificationKind}.
   */
  @Bean
  JavaDelegate proposeProblem(ProblemRepository problems, DeployedVocabulary vocabulary, Catalog catalog,
      TicketService tickets, Notifications notifications, Clock clock) {
    return execution -> {
      List<String> incidents = incidents(execution, problems, vocabulary).stream()
          .map(ProblemRepository.ClusterIncident::number).toList();
      if (incidents.isEmpty()) {
        return;
      }
      String[] cluster = cluster(execution);
      String group = catalog.service(cluster[0]).map(Portfolio.Service::ownerGroup)
          .orElseGet(() -> tickets.get(incidents.get(0)).assignmentGroup());
      @SuppressWarnings("unchecked")
      Map<String, Object> detection = (Map<String, Object>) execution.getVariable("detection");
      Instant now = clock.instant();
      problems.recordProposal(incidents, now);
      notifications.toGroup(group, incidents.get(0), (String) execution.getVariable("notificationKind"), "A problem may be behind the incidents of "
          + cluster[0] + (cluster[1].isEmpty() ? "" : " / " + cluster[1]) + " (" + detection.get("detectionReason")
          + "): " + String.join(", ", incidents) + ". Log it with these incidents if so.", now);
      LOG.info("Problem proposed to {} for {}: {}", group, String.join("/", cluster), incidents);
    };
  }

  private static List<ProblemRepository.ClusterIncident> incidents(DelegateExecution execution,
      ProblemRepository problems, DeployedVocabulary vocabulary) {
    String[] cluster = cluster(execution);
    return problems.clusterIncidents(cluster[0], cluster[1], vocabulary.current().openStatuses(),
        Instant.parse((String) execution.getVariable("windowStart")));
  }

  /** "service|category", the category empty when the incidents have none. */
  private static String[] cluster(DelegateExecution execution) {
    return ((String) execution.getVariable("cluster")).split("\\|", 2);
  }
}
