package org.flowdesk.decisions;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** decisions/request-approval.dmn: the approval chain of a request, in order, one case per rule and edge. */
class RequestApprovalDecisionTest {

  static final Decisions APPROVAL = Decisions.of("request-approval");

  List<Object> chain(double price, String lineOfBusiness, String service, boolean manager, boolean sensitive) {
    return APPROVAL.evaluate(Map.of("price", price, "lineOfBusiness", lineOfBusiness, "service", service,
        "requesterIsApprover", manager, "sensitive", sensitive)).collectEntries("approval");
  }

  @ParameterizedTest(name = "{0} in {1}/{2}, manager {3}, sensitive {4} → {5}")
  @CsvSource(delimiter = ';', value = {
      // Below 100 and not sensitive: no approval
      "0;      it;      laptop; false; false; ''",
      "99.99;  it;      laptop; false; false; ''",
      // Rule Manager: from 100, unless the requester is a manager
      "100;    it;      laptop; false; false; manager",
      "999.99; it;      laptop; false; false; manager",
      "100;    it;      laptop; true;  false; ''",
      // Rule BudgetOwner: from 1,000, after the manager
      "1000;   it;      laptop; false; false; manager,budget-owner",
      "2500;   hr;      building; true; false; budget-owner",
      // Rule FinanceSystems: finance below 1,000 needs the budget owner too
      "0;      finance; erp;    false; false; budget-owner",
      "500;    finance; erp;    false; false; manager,budget-owner",
      "1000;   finance; erp;    false; false; manager,budget-owner",
      // Rule Security: sensitive access, last
      "0;      it;      vpn;    false; true;  security",
      "1200;   it;      vpn;    false; true;  manager,budget-owner,security",
      "50;     finance; erp;    true;  true;  budget-owner,security"})
  void theChainFollowsPriceLineOfBusinessAndSensitivity(double price, String lineOfBusiness, String service,
      boolean manager, boolean sensitive, String expected) {
    List<Object> want = expected.isBlank() ? List.of() : Arrays.asList((Object[]) expected.split(","));
    assertThat(chain(price, lineOfBusiness, service, manager, sensitive)).isEqualTo(want);
  }
}
