package org.flowdesk.history;

import org.camunda.bpm.engine.impl.bpmn.helper.BpmnProperties;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParser;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.camunda.bpm.engine.impl.util.xml.Namespace;
import org.flowdesk.models.Milestones;

/**
 * Marks, when a model is deployed, the elements a token only passes through: exclusive gateways,
 * parallel and inclusive splits (not their joins, where tokens wait for each other) and plain
 * start, end and throw events, which take no time and show no more than the activities around
 * them. {@link FlowDeskHistoryLevel} writes no activity instance for them. An element that marks
 * a journey milestone ({@code camunda:property milestone}) is not marked, since the journey reads
 * its record.
 */
final class PassingSteps extends AbstractBpmnParseListener {

  /** The activity property that marks a step passed through without a record. */
  static final String PASSED_THROUGH = "flowdesk.passedThrough";

  private static final Namespace CAMUNDA = new Namespace(BpmnParser.CAMUNDA_BPMN_EXTENSIONS_NS);

  static boolean passedThrough(ActivityImpl activity) {
    return activity != null && Boolean.TRUE.equals(activity.getProperty(PASSED_THROUGH));
  }

  @Override
  public void parseExclusiveGateway(Element element, ScopeImpl scope, ActivityImpl activity) {
    mark(element, activity);
  }

  /** A parallel or inclusive join is where tokens wait for each other: it keeps its record. */
  @Override
  public void parseInclusiveGateway(Element element, ScopeImpl scope, ActivityImpl activity) {
    if (element.elements("incoming").size() <= 1) {
      mark(element, activity);
    }
  }

  @Override
  public void parseParallelGateway(Element element, ScopeImpl scope, ActivityImpl activity) {
    if (element.elements("incoming").size() <= 1) {
      mark(element, activity);
    }
  }

  @Override
  public void parseStartEvent(Element element, ScopeImpl scope, ActivityImpl activity) {
    markWhenPlain(element, activity, "startEvent");
  }

  @Override
  public void parseEndEvent(Element element, ScopeImpl scope, ActivityImpl activity) {
    markWhenPlain(element, activity, "noneEndEvent");
  }

  @Override
  public void parseIntermediateThrowEvent(Element element, ScopeImpl scope, ActivityImpl activity) {
    markWhenPlain(element, activity, "intermediateNoneThrowEvent");
  }

  private static void markWhenPlain(Element element, ActivityImpl activity, String plainType) {
    if (plainType.equals(activity.getProperties().get(BpmnProperties.TYPE))) {
      mark(element, activity);
    }
  }

  private static void mark(Element element, ActivityImpl activity) {
    if (!marksMilestone(element)) {
      activity.setProperty(PASSED_THROUGH, Boolean.TRUE);
    }
  }

  private static boolean marksMilestone(Element element) {
    Element extensions = element.element("extensionElements");
    Element properties = extensions == null ? null : extensions.elementNS(CAMUNDA, "properties");
    return properties != null && properties.elementsNS(CAMUNDA, "property").stream()
        .anyMatch(property -> Milestones.STEP_PROPERTY.equals(property.attribute("name")));
  }
}
