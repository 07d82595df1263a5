package org.flowdesk.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

class ModelLintTest {

  private final ModelsFixture models = ModelsFixture.copyOfTestModels();

  private ModelLint.Findings lint() {
    return ModelLint.check(new ModelFolders(models.root()).read());
  }

  @Test
  void theTestModelsAreClean() {
    assertThat(lint().isClean()).as(lint().toString()).isTrue();
  }

  private static final String PROCESS_START =
      "<bpmn:process id=\"fixture-review\" name=\"Fixture review\" isExecutable=\"true\" camunda:historyTimeToLive=\"P30D\">";

  private void declare(String... properties) {
    StringBuilder block = new StringBuilder(PROCESS_START + "\n<bpmn:extensionElements><camunda:properties>");
    for (String property : properties) {
      block.append(property);
    }
    models.replace("processes/fixture-review.bpmn", PROCESS_START, block + "</camunda:properties></bpmn:extensionElements>");
  }

  private ModelLint.Findings lintWithSteps(java.util.Map<String, java.util.Set<String>> steps) {
    return ModelLint.check(new ModelFolders(models.root()).read(), new ModelSteps(steps));
  }

  @Test
  void theVocabularyIsReadFromTheModels() {
    declare("<camunda:property name=\"status.new\" value=\"New | open\" />",
        "<camunda:property name=\"status.done\" value=\"Done\" />");
    models.replace("processes/fixture-review.bpmn", "<bpmn:incoming>Flow_ToReview</bpmn:incoming>",
        "<bpmn:extensionElements><camunda:properties><camunda:property name=\"kind\" value=\"approval\" />"
            + "</camunda:properties></bpmn:extensionElements><bpmn:incoming>Flow_ToReview</bpmn:incoming>");

    Vocabulary vocabulary = lint().vocabulary();

    assertThat(vocabulary.statuses()).extracting(Vocabulary.Status::code, Vocabulary.Status::label, Vocabulary.Status::open)
        .containsExactly(tuple("done", "Done", false), tuple("new", "New", true));
    assertThat(vocabulary.openStatuses()).containsExactly("new");
    assertThat(vocabulary.groups()).extracting(Vocabulary.Group::id).containsExactly("service-desk");
    assertThat(vocabulary.kindOf("fixture-review", "Activity_Review")).contains("approval");
  }

  /**
   * A decision's answer that no branch of the gateway deciding on it takes: every order that got it failed with an
   * engine error ("no outgoing sequence flow") once deployed, and nothing said so before.
   */
  @Test
  void anAnswerOfADecisionThatNoBranchTakesIsAnErrorNamingTheGatewayAndTheRule() {
    ModelsFixture project = ModelsFixture.copyOfProjectModels();
    assertThat(ModelLint.check(new ModelFolders(project.root()).read()).errors()).isEmpty();
    // A new approver in the table, misspelt: request-approval.dmn answers "budget-owners", service-request.bpmn's
    // "Who approves?" takes manager, budget-owner and security.
    project.replace("decisions/request-approval.dmn",
        "<outputEntry id=\"OutputEntry_FinanceSystems_1\"><text>\"budget-owner\"</text>",
        "<outputEntry id=\"OutputEntry_FinanceSystems_1\"><text>\"budget-owners\"</text>");

    assertThat(ModelLint.check(new ModelFolders(project.root()).read()).errors())
        .extracting(ModelProblem::file, ModelProblem::element, ModelProblem::reason)
        .containsExactly(tuple("processes/service-request.bpmn", "Gateway_WhoApproves", "decision 'request-approval' "
            + "can answer 'budget-owners' (decisions/request-approval.dmn#Rule_FinanceSystems), which no branch of "
            + "'Who approves?' takes (budget-owner, manager, security): every instance that gets it would stop there. "
            + "Add a branch for it, or a default flow"));

    // A default flow takes whatever no branch does: nothing stops there.
    project.replace("processes/service-request.bpmn", "<bpmn:exclusiveGateway id=\"Gateway_WhoApproves\" name=\"Who approves?\">",
        "<bpmn:exclusiveGateway id=\"Gateway_WhoApproves\" name=\"Who approves?\" default=\"Flow_ToManager\">");
    assertThat(ModelLint.check(new ModelFolders(project.root()).read()).errors()).isEmpty();
  }

  @Test
  void theGroupsTheEscalationTableNotifiesOrReassignsToAreTheModelsGroups() {
    ModelsFixture project = ModelsFixture.copyOfProjectModels();
    project.replace("decisions/sla-escalation.dmn",
        "<outputEntry id=\"OutputEntry_PriorityOneGoesToMajorIncidentTeam_2\"><text>\"major-incident\"</text>",
        "<outputEntry id=\"OutputEntry_PriorityOneGoesToMajorIncidentTeam_2\"><text>\"second-level\"</text>");

    Vocabulary vocabulary = ModelLint.check(new ModelFolders(project.root()).read()).vocabulary();

    assertThat(vocabulary.groups()).filteredOn(group -> group.id().equals("second-level"))
        .flatExtracting(Vocabulary.Group::usedBy)
        .containsExactly("decisions/sla-escalation.dmn#Rule_PriorityOneGoesToMajorIncidentTeam");
    assertThat(vocabulary.groups()).filteredOn(group -> group.id().equals("service-desk-managers"))
        .flatExtracting(Vocabulary.Group::usedBy).contains("decisions/sla-escalation.dmn#Rule_ManagersHearOfEveryBreach");
  }

  @Test
  void anApprovalOfferedToTheGroupsADecisionOutputsCountsThemAsApprovalGroups() {
    // The review is an approval whose candidate groups a decision chooses: ${reviewGroup}.
    models.replace("decisions/fixture-priority.dmn", "name=\"priority\" typeRef=\"integer\"",
        "name=\"reviewGroup\" typeRef=\"string\"");
    models.replace("decisions/fixture-priority.dmn", "<outputEntry id=\"OutputEntry_HighImpact\"><text>1</text>",
        "<outputEntry id=\"OutputEntry_HighImpact\"><text>\"senior-reviewers\"</text>");
    models.replace("decisions/fixture-priority.dmn", "<outputEntry id=\"OutputEntry_OtherImpact\"><text>3</text>",
        "<outputEntry id=\"OutputEntry_OtherImpact\"><text>\"reviewers\"</text>");
    models.replace("processes/fixture-review.bpmn", "camunda:resultVariable=\"priority\"",
        "camunda:resultVariable=\"reviewGroup\"");
    models.replace("processes/fixture-review.bpmn", "camunda:candidateGroups=\"service-desk\"",
        "camunda:candidateGroups=\"${reviewGroup}\"");
    models.replace("processes/fixture-review.bpmn", "<bpmn:incoming>Flow_ToReview</bpmn:incoming>",
        "<bpmn:extensionElements><camunda:properties><camunda:property name=\"kind\" value=\"approval\" />"
            + "</camunda:properties></bpmn:extensionElements><bpmn:incoming>Flow_ToReview</bpmn:incoming>");

    Vocabulary vocabulary = lint().vocabulary();

    assertThat(vocabulary.groupsOfKind("approval")).containsExactly("reviewers", "senior-reviewers");
    // Named first by the rule that outputs it, where a typo would be fixed.
    assertThat(vocabulary.groups()).filteredOn(group -> group.id().equals("senior-reviewers"))
        .flatExtracting(Vocabulary.Group::usedBy)
        .containsExactly("decisions/fixture-priority.dmn#Rule_HighImpact", "processes/fixture-review.bpmn#Activity_Review");
  }

  /** An approval offered to a group is offered to its requester too, when they are a member: a warning says how not. */
  @Test
  void anApprovalOfferedToGroupsIsAWarningThatTheRequesterMightApproveTheirOwn() {
    models.replace("processes/fixture-review.bpmn", "<bpmn:incoming>Flow_ToReview</bpmn:incoming>",
        "<bpmn:extensionElements><camunda:properties><camunda:property name=\"kind\" value=\"approval\" />"
            + "</camunda:properties></bpmn:extensionElements><bpmn:incoming>Flow_ToReview</bpmn:incoming>");

    assertThat(lint().errors()).isEmpty();
    assertThat(lint().warnings()).extracting(ModelProblem::element, ModelProblem::reason).containsExactly(
        tuple("Activity_Review", "an approval offered to candidateGroups \"service-desk\" is offered to its requester "
            + "too when they are a member, who could then approve their own request: offer it with "
            + "camunda:candidateUsers=\"${people.membersExcept('service-desk', requester)}\" instead"));
    // Offered to the group's members but the requester, it is no warning.
    models.replace("processes/fixture-review.bpmn", "camunda:candidateGroups=\"service-desk\"",
        "camunda:candidateUsers=\"${people.membersExcept('service-desk', requester)}\"");
    assertThat(lint().warnings()).isEmpty();
  }

  /** Camunda parses a table's FEEL only when it evaluates it: a missing quote would deploy and fail at intake. */
  @Test
  void aDecisionTextThatIsNotFeelIsAnErrorNamingTheRule() {
    ModelsFixture project = ModelsFixture.copyOfProjectModels();
    project.replace("decisions/sla-escalation.dmn",
        "<inputEntry id=\"InputEntry_OwnersHearOfUrgentResolutionBreaches_1\"><text>\"incident\"</text>",
        "<inputEntry id=\"InputEntry_OwnersHearOfUrgentResolutionBreaches_1\"><text>\"incident</text>");
    project.replace("decisions/sla-escalation.dmn",
        "<outputEntry id=\"OutputEntry_ManagersHearOfEveryBreach_1\"><text>\"service-desk-managers\"</text>",
        "<outputEntry id=\"OutputEntry_ManagersHearOfEveryBreach_1\"><text>\"service-desk-managers\" +</text>");

    ModelLint.Findings findings = ModelLint.check(new ModelFolders(project.root()).read());

    assertThat(findings.errors()).extracting(ModelProblem::file, ModelProblem::element).containsExactlyInAnyOrder(
        tuple("decisions/sla-escalation.dmn", "Rule_OwnersHearOfUrgentResolutionBreaches"),
        tuple("decisions/sla-escalation.dmn", "Rule_ManagersHearOfEveryBreach"));
    assertThat(findings.errors()).extracting(ModelProblem::reason).anySatisfy(reason -> assertThat(reason)
        .startsWith("input entry \"incident is not valid FEEL: "));
    assertThat(findings.errors()).extracting(ModelProblem::reason).anySatisfy(reason -> assertThat(reason)
        .startsWith("output entry \"service-desk-managers\" + is not valid FEEL: "));
    assertThat(ModelLint.check(new ModelFolders(ModelsFixture.copyOfProjectModels().root()).read()).errors())
        .as("the project's decisions, every text of them parsed").isEmpty();
  }

  /** A cell's description is not its expression; a file whose tables are JUEL is not FEEL. */
  @Test
  void aCellsDescriptionAndAJuelTableAreNotParsedAsFeel() {
    ModelsFixture project = ModelsFixture.copyOfProjectModels();
    project.replace("decisions/sla-escalation.dmn",
        "<inputEntry id=\"InputEntry_OwnersHearOfUrgentResolutionBreaches_1\"><text>\"incident\"</text>",
        "<inputEntry id=\"InputEntry_OwnersHearOfUrgentResolutionBreaches_1\"><description>Incidents only, not "
            + "requests</description><text>\"incident\"</text>");
    assertThat(ModelLint.check(new ModelFolders(project.root()).read()).errors()).isEmpty();

    ModelsFixture juel = ModelsFixture.copyOfProjectModels();
    String table = juel.read("decisions/sla-escalation.dmn");
    juel.write("decisions/sla-escalation.dmn", table.replaceFirst("<definitions ",
        "<definitions expressionLanguage=\"juel\" ").replace(
        "<outputEntry id=\"OutputEntry_ManagersHearOfEveryBreach_1\"><text>\"service-desk-managers\"</text>",
        "<outputEntry id=\"OutputEntry_ManagersHearOfEveryBreach_1\"><text>${'service-desk-managers'}</text>"));
    assertThat(ModelLint.check(new ModelFolders(juel.root()).read()).errors()).isEmpty();
  }

  @Test
  void aTaskInputParameterNamedLikeATextFieldOfItsFormIsAnError() {
    models.replace("forms/fixture-review.form", "{ \"id\": \"Field_Approved\"",
        "{ \"id\": \"Field_Note\", \"key\": \"note\", \"label\": \"Note\", \"type\": \"textarea\" },\n"
            + "    { \"id\": \"Field_Approved\"");
    models.replace("processes/fixture-review.bpmn", "<bpmn:incoming>Flow_ToReview</bpmn:incoming>",
        "<bpmn:extensionElements><camunda:inputOutput><camunda:inputParameter name=\"note\" />"
            + "</camunda:inputOutput></bpmn:extensionElements><bpmn:incoming>Flow_ToReview</bpmn:incoming>");

    assertThat(lint().errors()).extracting(ModelProblem::element).containsExactly("Activity_Review");
    assertThat(lint().errors().get(0).reason()).startsWith("input parameter 'note' has the name of a text field "
        + "of form 'fixture-review'");
  }

  @Test
  void aFieldShowingATicketTextMustBeReadOnlyAndNameATextTicketsHave() {
    models.replace("forms/fixture-review.form", "{ \"id\": \"Field_Approved\"",
        "{ \"id\": \"Field_Answers\", \"key\": \"answers\", \"label\": \"Asked for\", \"type\": \"textarea\", "
            + "\"properties\": { \"ticket\": \"answers\" } },\n"
            + "    { \"id\": \"Field_Secret\", \"key\": \"secret\", \"label\": \"Secret\", \"type\": \"textfield\", "
            + "\"readonly\": true, \"properties\": { \"ticket\": \"password\" } },\n"
            + "    { \"id\": \"Field_Approved\"");

    assertThat(lint().errors()).extracting(ModelProblem::file).containsOnly("forms/fixture-review.form");
    assertThat(lint().errors()).extracting(ModelProblem::reason).containsExactlyInAnyOrder(
        "field 'answers' shows the ticket's 'answers' and must be read-only",
        "field 'secret' shows the ticket's 'password', which tickets do not have (one of [answers, conflicts, "
            + "description, question, reopenReason, resolutionNotes, service, title] or answers.<field>)");
  }

  @Test
  void onlyAnEditableTextFieldOffersPreparedAnswers() {
    models.replace("forms/fixture-review.form", "{ \"id\": \"Field_Approved\"",
        "{ \"id\": \"Field_Reply\", \"key\": \"reply\", \"label\": \"Reply\", \"type\": \"textarea\", "
            + "\"properties\": { \"preparedAnswers\": \"true\" } },\n"
            + "    { \"id\": \"Field_Shown\", \"key\": \"shown\", \"label\": \"Shown\", \"type\": \"textarea\", "
            + "\"readonly\": true, \"properties\": { \"preparedAnswers\": \"true\" } },\n"
            + "    { \"id\": \"Field_Code\", \"key\": \"code\", \"label\": \"Code\", \"type\": \"select\", "
            + "\"values\": [{ \"label\": \"A\", \"value\": \"a\" }], \"properties\": { \"preparedAnswers\": \"true\" } },\n"
            + "    { \"id\": \"Field_Note\", \"key\": \"note\", \"label\": \"Note\", \"type\": \"textfield\", "
            + "\"properties\": { \"preparedAnswers\": \"yes\" } },\n"
            + "    { \"id\": \"Field_Approved\"");

    assertThat(lint().errors()).extracting(ModelProblem::file).containsOnly("forms/fixture-review.form");
    assertThat(lint().errors()).extracting(ModelProblem::reason).containsExactlyInAnyOrder(
        "field 'shown' offers prepared answers and must not be read-only",
        "field 'code' offers prepared answers, but it is a select: only a text field or text area takes one",
        "field 'note' has the property preparedAnswers 'yes': it is \"true\" or left out");
  }

  @Test
  void anExpressionNamingABeanThatIsNoStepOrHelperIsAnError() {
    models.replace("processes/fixture-review.bpmn", "<bpmn:incoming>Flow_ToReview</bpmn:incoming>",
        "<bpmn:extensionElements><camunda:inputOutput>"
            + "<camunda:inputParameter name=\"rows\">${jdbcClient.sql('delete from fd_ticket').update()}</camunda:inputParameter>"
            + "<camunda:inputParameter name=\"owner\">${people.managerOf(requester)}</camunda:inputParameter>"
            + "<camunda:inputParameter name=\"quoted\">${'dataSource'} ${requester}</camunda:inputParameter>"
            + "</camunda:inputOutput></bpmn:extensionElements><bpmn:incoming>Flow_ToReview</bpmn:incoming>");
    models.replace("processes/fixture-review.bpmn", "<bpmn:sequenceFlow id=\"Flow_ToEnd\" sourceRef=\"Activity_Review\" targetRef=\"Event_Reviewed\" />",
        "<bpmn:sequenceFlow id=\"Flow_ToEnd\" sourceRef=\"Activity_Review\" targetRef=\"Event_Reviewed\">"
            + "<bpmn:conditionExpression xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:type=\"bpmn:tFormalExpression\">${dataSource.connection != null}</bpmn:conditionExpression>"
            + "</bpmn:sequenceFlow>");
    ModelSteps steps = new ModelSteps(java.util.Map.of("openTicket", java.util.Set.of()), java.util.Set.of("people"),
        java.util.Set.of("jdbcClient", "dataSource", "people"));

    ModelLint.Findings findings = ModelLint.check(new ModelFolders(models.root()).read(), steps);

    assertThat(findings.errors()).extracting(ModelProblem::element, ModelProblem::reason).containsExactlyInAnyOrder(
        org.assertj.core.groups.Tuple.tuple("Activity_Review", "names the bean 'jdbcClient' in "
            + "${jdbcClient.sql('delete from fd_ticket').update()}: models call FlowDesk's steps and helpers "
            + "(@ModelHelper), no other bean"),
        org.assertj.core.groups.Tuple.tuple("Flow_ToEnd", "names the bean 'dataSource' in ${dataSource.connection != null}: "
            + "models call FlowDesk's steps and helpers (@ModelHelper), no other bean"));
  }

  /** A helper's method misspelt would deploy and stop every ticket at that step; the lint knows the methods. */
  @Test
  void aMethodAHelperDoesNotHaveIsAnError() {
    models.replace("processes/fixture-review.bpmn", "<bpmn:userTask id=\"Activity_Review\" name=\"Review\"",
        "<bpmn:userTask id=\"Activity_Review\" name=\"Review ${ticketTitle.off(execution)} ${ticketTitle.of(execution)}\"");
    models.replace("processes/fixture-review.bpmn", "<bpmn:incoming>Flow_ToReview</bpmn:incoming>",
        "<bpmn:extensionElements><camunda:inputOutput>"
            + "<camunda:inputParameter name=\"owner\">${people.managerof(requester)}</camunda:inputParameter>"
            + "<camunda:inputParameter name=\"said\">${'people.nobody(1)'}</camunda:inputParameter>"
            + "</camunda:inputOutput></bpmn:extensionElements><bpmn:incoming>Flow_ToReview</bpmn:incoming>");
    ModelSteps steps = new ModelSteps(java.util.Map.of("openTicket", java.util.Set.of()),
        java.util.Set.of("people", "ticketTitle"), java.util.Set.of(),
        java.util.Map.of("people", java.util.Set.of("managerOf", "membersExcept"), "ticketTitle", java.util.Set.of("of")));

    ModelLint.Findings findings = ModelLint.check(new ModelFolders(models.root()).read(), steps);

    assertThat(findings.errors()).extracting(ModelProblem::element, ModelProblem::reason).containsExactlyInAnyOrder(
        tuple("Activity_Review", "calls ticketTitle.off(…) in ${ticketTitle.off(execution)}, which 'ticketTitle' "
            + "does not have (its methods: of)"),
        tuple("Activity_Review", "calls people.managerof(…) in ${people.managerof(requester)}, which 'people' does "
            + "not have (its methods: managerOf, membersExcept)"));
  }

  @Test
  void scriptsAndJavaClassesAreErrors() {
    models.replace("processes/fixture-review.bpmn", "<bpmn:incoming>Flow_ToReview</bpmn:incoming>",
        "<bpmn:extensionElements><camunda:executionListener class=\"org.example.Anything\" event=\"start\" />"
            + "<camunda:inputOutput><camunda:inputParameter name=\"x\"><camunda:script scriptFormat=\"javascript\">"
            + "java.lang.System.exit(1)</camunda:script></camunda:inputParameter></camunda:inputOutput>"
            + "</bpmn:extensionElements><bpmn:incoming>Flow_ToReview</bpmn:incoming>");

    assertThat(lint().errors()).extracting(ModelProblem::element, ModelProblem::reason).containsExactlyInAnyOrder(
        org.assertj.core.groups.Tuple.tuple("Activity_Review", "names the Java class org.example.Anything (camunda:class): "
            + "models call FlowDesk's steps by camunda:delegateExpression"),
        org.assertj.core.groups.Tuple.tuple("Activity_Review", "runs a script (camunda:script): models run FlowDesk's "
            + "steps and expressions, not scripts"));
  }

  @Test
  void aStatusTheProcessSetsButDoesNotDeclareIsAnError() {
    declare("<camunda:property name=\"status.new\" value=\"New | open\" />");
    models.replace("processes/fixture-review.bpmn", "<bpmn:incoming>Flow_ToPriority</bpmn:incoming>",
        "<bpmn:extensionElements><camunda:inputOutput><camunda:inputParameter name=\"status\">testing"
            + "</camunda:inputParameter></camunda:inputOutput></bpmn:extensionElements><bpmn:incoming>Flow_ToPriority</bpmn:incoming>");

    assertThat(lint().errors()).extracting(ModelProblem::element).containsExactly("Activity_SetPriority");
    assertThat(lint().errors().get(0).reason()).startsWith("sets status 'testing', which process 'fixture-review' does not declare");
  }

  @Test
  void aStepThatDoesNotExistOrWritesAnUndeclaredStatusIsAnError() {
    models.replace("processes/fixture-review.bpmn", "<bpmn:endEvent id=\"Event_Reviewed\" name=\"Reviewed\">",
        "<bpmn:endEvent id=\"Event_Reviewed\" name=\"Reviewed\"><bpmn:extensionElements>"
            + "<camunda:executionListener delegateExpression=\"${closeTicket}\" event=\"start\" />"
            + "<camunda:executionListener delegateExpression=\"${notfy}\" event=\"end\" />"
            + "</bpmn:extensionElements>");

    assertThat(lintWithSteps(java.util.Map.of("closeTicket", java.util.Set.of("closed"))).errors())
        .extracting(ModelProblem::element, ModelProblem::reason).containsExactlyInAnyOrder(
            tuple("Event_Reviewed (execution listener 1)", "calls ${closeTicket}, which sets status 'closed', but process "
                + "'fixture-review' does not declare it (add the extension property status.closed = \"<label> | open\" "
                + "to the process)"),
            tuple("Event_Reviewed (execution listener 2)", "calls ${notfy}, which is no FlowDesk step (a typo, or a step "
                + "that was removed)"));
    // Without the application the steps are not known, and not checked.
    assertThat(lint().errors()).isEmpty();
  }

  @Test
  void unknownFlagsAndKindsAndAStatusMeaningTwoThingsAreErrors() {
    declare("<camunda:property name=\"status.new\" value=\"New | open, urgent\" />");
    models.replace("processes/fixture-review.bpmn", "<bpmn:incoming>Flow_ToReview</bpmn:incoming>",
        "<bpmn:extensionElements><camunda:properties><camunda:property name=\"kind\" value=\"aproval\" />"
            + "</camunda:properties></bpmn:extensionElements><bpmn:incoming>Flow_ToReview</bpmn:incoming>");

    assertThat(lint().errors()).extracting(ModelProblem::reason).containsExactlyInAnyOrder(
        "status 'new' has the unknown flag 'urgent' (known: [open, calendar])",
        "task kind 'aproval' is not one FlowDesk knows ([approval])");
  }

  /** Gives the fixture's review task the extension property milestone = code. */
  private void reviewReaches(String code) {
    models.replace("processes/fixture-review.bpmn", "<bpmn:incoming>Flow_ToReview</bpmn:incoming>",
        "<bpmn:extensionElements><camunda:properties><camunda:property name=\"milestone\" value=\"" + code + "\" />"
            + "</camunda:properties></bpmn:extensionElements><bpmn:incoming>Flow_ToReview</bpmn:incoming>");
  }

  @Test
  void theMilestonesAreReadInTheOrderTheProcessDeclaresThem() {
    declare("<camunda:property name=\"milestone.requested\" value=\"Requested\" />",
        "<camunda:property name=\"milestone.review\" value=\"Being reviewed | optional\" />");
    models.replace("processes/fixture-review.bpmn", "<bpmn:outgoing>Flow_ToPriority</bpmn:outgoing>",
        "<bpmn:extensionElements><camunda:properties><camunda:property name=\"milestone\" value=\"requested\" />"
            + "</camunda:properties></bpmn:extensionElements><bpmn:outgoing>Flow_ToPriority</bpmn:outgoing>");
    reviewReaches("review");

    assertThat(lint().isClean()).as(lint().toString()).isTrue();
    assertThat(lint().vocabulary().milestones()).extracting(Vocabulary.Milestone::process, Vocabulary.Milestone::code,
        Vocabulary.Milestone::label, Vocabulary.Milestone::optional, Vocabulary.Milestone::reachedBy).containsExactly(
            tuple("fixture-review", "requested", "Requested", false, java.util.List.of("Event_Requested")),
            tuple("fixture-review", "review", "Being reviewed", true, java.util.List.of("Activity_Review")));
  }

  @Test
  void aStepThatReachesAnUndeclaredMilestoneIsAnErrorNamingFileAndElement() {
    declare("<camunda:property name=\"milestone.review\" value=\"Being reviewed\" />",
        "<camunda:property name=\"milestone.Done!\" value=\"Done\" />",
        "<camunda:property name=\"milestone.archived\" value=\"Archived | hidden\" />");
    reviewReaches("reviewing");

    assertThat(lint().errors()).extracting(ModelProblem::file, ModelProblem::element, ModelProblem::reason)
        .containsExactlyInAnyOrder(
            tuple("processes/fixture-review.bpmn", "Activity_Review", "reaches milestone 'reviewing', which process "
                + "'fixture-review' does not declare (add the extension property milestone.reviewing = \"<label>\" to "
                + "the process, in the order people pass it)"),
            tuple("processes/fixture-review.bpmn", "fixture-review", "milestone property 'milestone.Done!' needs a code "
                + "of lower-case letters, digits and _ and a label: milestone.approval = \"Approval\" (or \"Approval | "
                + "optional\")"),
            tuple("processes/fixture-review.bpmn", "fixture-review",
                "milestone 'archived' has the unknown flag 'hidden' (known: [optional])"));
    // Declared but reached by no step: it would always be ahead.
    assertThat(lint().warnings()).extracting(ModelProblem::reason).contains(
        "milestone 'review' is declared, but no step reaches it (give a step the extension property milestone = review)");
  }

  @Test
  void aLabelOverAnotherElementIsAWarning() {
    models.replace("processes/fixture-review.bpmn", "<dc:Bounds x=\"152\" y=\"102\" width=\"36\" height=\"36\" />",
        "<dc:Bounds x=\"152\" y=\"102\" width=\"36\" height=\"36\" /><bpmndi:BPMNLabel>"
            + "<dc:Bounds x=\"230\" y=\"90\" width=\"60\" height=\"14\" /></bpmndi:BPMNLabel>");

    assertThat(lint().warnings()).extracting(ModelProblem::element, ModelProblem::reason)
        .containsExactly(tuple("Event_Requested", "its label overlaps Activity_SetPriority in the diagram"));
  }

  @Test
  void anElementWithoutADiagramShapeIsFound() {
    models.replace("processes/fixture-review.bpmn", "<bpmndi:BPMNShape id=\"Activity_Review_di\" bpmnElement=\"Activity_Review\">",
        "<bpmndi:BPMNShape id=\"Activity_Review_di\">");

    assertThat(lint().warnings()).extracting(ModelProblem::element, ModelProblem::reason)
        .containsExactly(tuple("Activity_Review", "element is not drawn in the diagram"));
  }

  @Test
  void aUserTaskWithoutAFormIsFound() {
    models.replace("processes/fixture-review.bpmn",
        " camunda:formRef=\"fixture-review\" camunda:formRefBinding=\"deployment\"", "");

    assertThat(lint().warnings()).extracting(ModelProblem::element, ModelProblem::reason)
        .containsExactly(tuple("Activity_Review", "user task has no form"));
  }

  @Test
  void modelsWithoutHistoryTimeToLiveAreFound() {
    models.replace("processes/fixture-review.bpmn", " camunda:historyTimeToLive=\"P30D\"", "");
    models.replace("decisions/fixture-priority.dmn", " camunda:historyTimeToLive=\"P30D\"", "");

    assertThat(lint().warnings()).extracting(ModelProblem::file, ModelProblem::reason).containsExactlyInAnyOrder(
        tuple("processes/fixture-review.bpmn", "process has no camunda:historyTimeToLive"),
        tuple("decisions/fixture-priority.dmn", "decision has no camunda:historyTimeToLive"));
  }

  @Test
  void anUnnamedElementAndAMissingExecutionPlatformAreFound() {
    models.replace("processes/fixture-review.bpmn", " name=\"Reviewed\"", "");
    models.replace("processes/fixture-review.bpmn", "modeler:executionPlatform=\"Camunda Platform\"", "");

    assertThat(lint().warnings()).extracting(ModelProblem::reason).containsExactlyInAnyOrder(
        "element has no name", "modeler:executionPlatform is not 'Camunda Platform'");
  }

  @Test
  void referencesToMissingFormsAndDecisionsAreErrors() {
    models.replace("processes/fixture-review.bpmn", "camunda:formRef=\"fixture-request\"", "camunda:formRef=\"nope\"");
    models.replace("processes/fixture-review.bpmn", "camunda:decisionRef=\"fixture-priority\"",
        "camunda:decisionRef=\"nada\"");

    assertThat(lint().errors()).extracting(ModelProblem::element).containsExactlyInAnyOrder(
        "Event_Requested", "Activity_SetPriority");
  }

  @Test
  void referencesByExpressionAreLeftToRunTime() {
    models.replace("processes/fixture-review.bpmn", "camunda:formRef=\"fixture-request\"",
        "camunda:formRef=\"${formId}\"");

    assertThat(lint().errors()).isEmpty();
  }

  @Test
  void twoFormsWithTheSameIdAreAnError() {
    models.write("forms/review-copy.form", models.read("forms/fixture-review.form"));

    assertThat(lint().errors()).extracting(ModelProblem::reason)
        .containsExactly("form id 'fixture-review' is also defined by forms/fixture-review.form");
  }

  /**
   * The same files against the same steps are not linted twice: the findings of the check before are the answer. A
   * changed file, a renamed one or other steps are linted anew.
   */
  @Test
  void theSameFilesAndStepsAreLintedOnce() {
    java.util.Map<String, java.util.Set<String>> steps = java.util.Map.of("ticketSteps", java.util.Set.of("new"));
    ModelLint.Findings first = lintWithSteps(steps);

    assertThat(lintWithSteps(java.util.Map.of("ticketSteps", java.util.Set.of("new")))).isSameAs(first);
    assertThat(lintWithSteps(java.util.Map.of("ticketSteps", java.util.Set.of("new", "done")))).isNotSameAs(first);
    assertThat(lint()).isNotSameAs(first);

    models.replace("processes/fixture-review.bpmn", "name=\"Fixture review\"", "name=\"Fixture reviewed\"");
    ModelLint.Findings changed = lintWithSteps(steps);
    assertThat(changed).isNotSameAs(first);
    assertThat(changed.errors()).isEqualTo(first.errors());
    assertThat(changed.warnings()).isEqualTo(first.warnings());

    java.util.List<ModelFile> files = new ModelFolders(models.root()).read();
    java.util.List<ModelFile> renamed = new java.util.ArrayList<>(files);
    ModelFile process = renamed.stream().filter(f -> f.resourceName().endsWith("fixture-review.bpmn")).findFirst()
        .orElseThrow();
    renamed.set(renamed.indexOf(process), new ModelFile("processes/fixture-reviewed.bpmn", process.content()));
    assertThat(ModelLint.check(renamed, new ModelSteps(steps))).isNotSameAs(ModelLint.check(files, new ModelSteps(steps)));
    assertThat(ModelLint.kept()).isLessThanOrEqualTo(ModelLint.KEPT);
  }

  /** The project's own models: every one must open cleanly in Camunda Modeler and deploy. */
  @Test
  void theProjectsModelsHaveNoFindings() {
    ModelLint.Findings findings = ModelLint.check(new ModelFolders(Path.of(".")).read());

    assertThat(findings.errors()).isEmpty();
    assertThat(findings.warnings()).isEmpty();
  }
}
