package org.flowdesk.change;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.flowdesk.catalog.Catalog;
import org.flowdesk.language.Languages;
import org.flowdesk.models.DeployedForms;
import org.flowdesk.models.FormSchema;
import org.flowdesk.models.LatestProcess;
import org.springframework.stereotype.Component;

/**
 * A change's plan as people read it: its choices (type, complexity, risk, outcome) by the labels the change
 * process's own forms give them, in the reader's language ({@code forms/i18n}), and its template by the name
 * the catalog gives it ({@code catalog/changes.yaml}, {@code catalog/i18n}). A choice no form of the process
 * offers has no label and is shown as it is.
 */
@Component
class ChangeWords {

  private final RepositoryService repositoryService;
  private final HistoryService historyService;
  private final DeployedForms forms;
  private final Languages languages;
  private final Catalog catalog;
  private final LatestProcess latestProcess;

  ChangeWords(RepositoryService repositoryService, HistoryService historyService, DeployedForms forms,
      Languages languages, Catalog catalog, LatestProcess latestProcess) {
    this.repositoryService = repositoryService;
    this.latestProcess = latestProcess;
    this.historyService = historyService;
    this.forms = forms;
    this.languages = languages;
    this.catalog = catalog;
  }

  /**
   * The labels of the plan's choices and the template's name, by key; only those that have one. The choices are
   * labelled as the forms of the version the change runs under label them (an option a later version renamed or
   * dropped still reads as it did when it was chosen).
   */
  Map<String, String> shown(ChangePlan plan, String processInstanceId, String language) {
    Map<String, String> values = new LinkedHashMap<>();
    values.put("changeType", plan.type());
    values.put("complexity", plan.complexity());
    values.put("risk", plan.risk());
    values.put("outcome", plan.outcome());
    List<FormSchema> asked = formsOfTheProcess(processInstanceId, language);
    Map<String, String> shown = new LinkedHashMap<>();
    values.forEach((key, value) -> {
      if (value != null) {
        asked.stream().map(form -> form.optionLabel(key, value)).flatMap(java.util.Optional::stream).findFirst()
            .ifPresent(label -> shown.put(key, label));
      }
    });
    if (plan.template() != null) {
      catalog.portfolio().changeTemplate(plan.template()).ifPresent(template ->
          shown.put("template", languages.catalog(language).name("changeTemplates", template.id(), template.name())));
    }
    return shown;
  }

  /**
   * The start form first, then the task forms in the model's order, of the version of the change process the
   * change runs (or ran) under (after a move to a newer version, that one); of the latest version when that is no
   * longer known (its history cleaned up, the version deleted).
   */
  private List<FormSchema> formsOfTheProcess(String processInstanceId, String language) {
    HistoricProcessInstance instance = processInstanceId == null ? null
        : historyService.createHistoricProcessInstanceQuery().processInstanceId(processInstanceId).singleResult();
    // Its version, while it is deployed (an administrator may delete an old one in Cockpit).
    ProcessDefinition process = instance == null ? null : repositoryService.createProcessDefinitionQuery()
        .processDefinitionId(instance.getProcessDefinitionId()).singleResult();
    if (process == null) {
      process = latestProcess.of(ChangeController.PROCESS_KEY).orElse(null);
    }
    if (process == null) {
      return List.of();
    }
    BpmnModelInstance model = repositoryService.getBpmnModelInstance(process.getId());
    Set<String> ids = new LinkedHashSet<>();
    model.getModelElementsByType(StartEvent.class).forEach(start -> add(ids, start.getCamundaFormRef()));
    model.getModelElementsByType(UserTask.class).forEach(task -> add(ids, task.getCamundaFormRef()));
    return forms.json(process.getDeploymentId(), ids).stream()
        .map(json -> FormSchema.of(languages.form(json, language))).toList();
  }

  private static void add(Set<String> ids, String formRef) {
    // A formRef is a form's id; an expression (${…}) names no form that can be looked up here.
    if (formRef != null && !formRef.contains("${") && !formRef.contains("#{")) {
      ids.add(formRef);
    }
  }
}
