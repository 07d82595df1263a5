package org.flowdesk.models;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The latest version as the engine starts it by key, and as a call activity of a tenant's process calls it with
 * binding "latest": the versions of that tenant alone (of no tenant, for a process deployed for none). By key alone,
 * FlowDesk's own version, of no tenant, whatever tenants have deployed.
 */
class LatestProcessTest {

  @RegisterExtension
  static ProcessEngineExtension engine = ProcessEngineExtension.builder().useProcessEngine(ProcessTestEngine.get())
      .build();

  static final String KEY = "latest-process-fixture";

  RepositoryService repository;
  LatestProcess latest;
  final List<String> deployments = new ArrayList<>();

  @BeforeEach
  void engine() {
    repository = engine.getRepositoryService();
    latest = new LatestProcess(engine.getProcessEngine());
  }

  @AfterEach
  void undeploy() {
    deployments.forEach(id -> repository.deleteDeployment(id, true));
  }

  ProcessDefinition deploy(String name, String tenantId) {
    var deployment = repository.createDeployment().name(name).tenantId(tenantId).addModelInstance(KEY + ".bpmn",
        Bpmn.createExecutableProcess(KEY).name(name).camundaHistoryTimeToLive(1).startEvent().endEvent().done())
        .deploy();
    deployments.add(deployment.getId());
    return repository.createProcessDefinitionQuery().deploymentId(deployment.getId()).singleResult();
  }

  @Test
  void theLatestVersionOfAKeyIsTheOneDeployedLast() {
    deploy("first", null);
    ProcessDefinition second = deploy("second", null);

    assertThat(latest.of(KEY)).get().extracting(ProcessDefinition::getId).isEqualTo(second.getId());
    assertThat(latest.of(KEY, null)).get().extracting(ProcessDefinition::getId).isEqualTo(second.getId());
    assertThat(latest.of("no-such-process")).isEmpty();
  }

  @Test
  void aTenantsLatestVersionIsAmongItsOwnVersionsOnly() {
    ProcessDefinition shared = deploy("shared", null);
    ProcessDefinition tenants = deploy("tenant's", "tenant-one");
    deploy("shared again", null);
    ProcessDefinition sharedAgain = repository.createProcessDefinitionQuery().processDefinitionKey(KEY)
        .withoutTenantId().latestVersion().singleResult();

    assertThat(latest.of(KEY, "tenant-one")).get().extracting(ProcessDefinition::getId).isEqualTo(tenants.getId());
    assertThat(latest.of(KEY, null)).get().extracting(ProcessDefinition::getId).isEqualTo(sharedAgain.getId())
        .isNotEqualTo(shared.getId());
    assertThat(latest.of(KEY, "tenant-two")).isEmpty();
  }

  @Test
  void byKeyAloneTheVersionOfNoTenantWhateverTenantsHave() {
    ProcessDefinition shared = deploy("shared", null);
    deploy("tenant one's", "tenant-one");
    deploy("tenant two's", "tenant-two");
    deploy("tenant one's again", "tenant-one");

    assertThat(latest.of(KEY)).get().extracting(ProcessDefinition::getId).isEqualTo(shared.getId());
    assertThat(latest.tenantsOf(KEY)).containsExactly("tenant-one", "tenant-two");
    assertThat(latest.tenantsOf("no-such-process")).isEmpty();
  }

  @Test
  void aKeyOnlyTenantsHaveHasNoVersionOfItsOwn() {
    deploy("tenant two's", "tenant-two");
    deploy("tenant one's", "tenant-one");

    assertThat(latest.of(KEY)).isEmpty();
    assertThat(latest.tenantsOf(KEY)).containsExactly("tenant-one", "tenant-two");
  }
}
