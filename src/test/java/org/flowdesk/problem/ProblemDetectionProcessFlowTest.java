package org.flowdesk.problem;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;
import org.flowdesk.models.ProcessFlow;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * processes/problem-detection.bpmn on its own, with the real decisions/problem-detection.dmn: the
 * hourly timer's job is run, the delegates are mocks that hand over the clusters and their counts.
 */
class ProblemDetectionProcessFlowTest {

  @RegisterExtension
  static ProcessEngineCoverageExtension extension = ProcessFlow.coverage("problem-detection");

  ProcessEngine engine;
  ProcessFlow.Delegates delegates;
  final List<String> proposed = new ArrayList<>();

  @BeforeEach
  void deploy() {
    engine = extension.getProcessEngine();
    ProcessFlow.use(engine);
  }

  @AfterEach
  void reset() {
    ProcessFlow.release();
  }

  /** The clusters found and, per cluster, its recent and reopened incidents. */
  void found(Map<String, int[]> clusters) {
    delegates = new ProcessFlow.Delegates()
        .on("findIncidentClusters", execution -> {
          execution.getProcessInstance().setVariable("windowStart", "2027-05-02T09:00:00Z");
          execution.getProcessInstance().setVariable("clusters", new ArrayList<>(clusters.keySet()));
        })
        .on("countClusterIncidents", execution -> {
          int[] counts = clusters.get((String) execution.getVariable("cluster"));
          execution.setVariable("recentIncidents", counts[0]);
          execution.setVariable("reopenedIncidents", counts[1]);
        })
        .on("proposeProblem", execution -> proposed.add((String) execution.getVariable("cluster")));
  }

  /** The hourly timer comes: this model's one timer job. */
  List<String> runOnce() {
    var job = engine.getManagementService().createJobQuery().processDefinitionKey("problem-detection").timers()
        .singleResult();
    engine.getManagementService().executeJob(job.getId());
    return engine.getHistoryService().createHistoricActivityInstanceQuery().finished()
        .orderPartiallyByOccurrence().asc().list().stream()
        .filter(activity -> activity.getProcessDefinitionKey().equals("problem-detection"))
        .map(HistoricActivityInstance::getActivityId).toList();
  }

  @Test
  void aClusterTheTableFlagsIsProposedAndTheOthersAreNot() {
    Map<String, int[]> clusters = new java.util.LinkedHashMap<>();
    clusters.put("printer|hardware", new int[] {5, 0});
    clusters.put("email|software", new int[] {1, 0});
    clusters.put("vpn|network", new int[] {0, 3});
    found(clusters);

    List<String> passed = runOnce();

    assertThat(passed).contains("Activity_FindClusters", "Event_Proposed", "Event_NoProblem", "Event_Checked");
    assertThat(delegates.calls("countClusterIncidents")).hasSize(3);
    assertThat(proposed).containsExactly("printer|hardware", "vpn|network");
    assertThat(delegates.calls("findIncidentClusters").get(0).input()).containsEntry("window", "PT24H");
    assertThat(engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey("problem-detection")
        .count()).isZero();
  }

  @Test
  void anHourWithoutClustersChecksNothing() {
    found(Map.of());

    assertThat(runOnce()).contains("Activity_FindClusters", "Event_Checked");
    assertThat(delegates.calls("countClusterIncidents")).isEmpty();
    assertThat(proposed).isEmpty();
  }
}
