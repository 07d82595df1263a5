package org.flowdesk.change;

/** The statuses a change passes through; processes/change.bpmn moves it from one to the next. */
final class ChangeStatus {

  static final String NEW = "new";
  static final String ASSESSMENT = "assessment";
  static final String APPROVAL = "approval";
  static final String SCHEDULED = "scheduled";
  static final String IMPLEMENTING = "implementing";
  static final String REVIEW = "review";
  static final String CLOSED = "closed";
  static final String REJECTED = "rejected";
  static final String CANCELLED = "cancelled";

  private ChangeStatus() {
  }
}
