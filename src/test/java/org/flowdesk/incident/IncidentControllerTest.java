package org.flowdesk.incident;

import static org.flowdesk.identity.ApiSliceSecurity.as;
import static org.hamcrest.Matchers.contains;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyMap;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;

import org.flowdesk.identity.ApiSliceSecurity;
import org.flowdesk.api.FieldError;
import org.flowdesk.api.FormValidationException;
import org.flowdesk.api.ForbiddenException;
import org.flowdesk.ticket.FormFiles;
import org.flowdesk.ticket.OnBehalf;
import org.flowdesk.ticket.TicketAccess;
import org.flowdesk.ticket.TicketService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/** The incident API's edge: what the intake refuses, and bodies that are no JSON object, are 400 problems. */
@WebMvcTest(IncidentController.class)
@Import(ApiSliceSecurity.class)
class IncidentControllerTest {

  @Autowired
  MockMvc mvc;
  @MockitoBean
  IncidentIntake intake;
  @MockitoBean
  TicketService tickets;
  @MockitoBean
  TicketAccess access;
  @MockitoBean
  FormFiles formFiles;
  @MockitoBean
  OnBehalf onBehalf;

  @BeforeEach
  void everyoneReportsForThemselves() {
    when(onBehalf.requesterFor(any(), any())).thenAnswer(call -> call.getArgument(0));
  }

  @Test
  void aReportTheIntakeRefusesIs400NamingTheFieldAndOpensNoTicket() throws Exception {
    when(intake.report(eq("alice"), eq("alice"), anyMap(), any(), any(), any())).thenThrow(
        new FormValidationException(List.of(new FieldError("impact", "must be 1, 2, 3 or 4"))));

    mvc.perform(post("/api/incidents").with(as("alice")).contentType(MediaType.APPLICATION_JSON)
            .content("{\"title\": \"VPN drops\", \"impact\": 9}"))
        .andExpect(status().isBadRequest())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.title").value("Invalid input"))
        .andExpect(jsonPath("$.errors[*].field").value(contains("impact")));
    verifyNoInteractions(tickets);
  }

  @Test
  void aBodyThatIsNoJsonObjectIs400AndNeverReachesTheIntake() throws Exception {
    mvc.perform(post("/api/incidents").with(as("alice")).contentType(MediaType.APPLICATION_JSON)
            .content("[\"VPN drops\"]"))
        .andExpect(status().isBadRequest())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
    verifyNoInteractions(intake);
  }

  @Test
  void aReportForSomeoneTheCallerMayNotReportForIs403AndNeverReachesTheIntake() throws Exception {
    when(onBehalf.requesterFor(any(), eq("greta"))).thenThrow(new ForbiddenException("Only service desk agents, "
        + "and managers for their direct reports, may report or order for someone else"));

    mvc.perform(post("/api/incidents").with(as("alice")).contentType(MediaType.APPLICATION_JSON)
            .content("{\"requestedFor\": \"greta\", \"title\": \"VPN drops\"}"))
        .andExpect(status().isForbidden())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.startsWith("Only service desk agents")));
    verifyNoInteractions(intake, tickets);
  }

  @Test
  void withoutCredentialsIs401() throws Exception {
    mvc.perform(post("/api/incidents").contentType(MediaType.APPLICATION_JSON).content("{}"))
        .andExpect(status().isUnauthorized());
    verifyNoInteractions(intake);
  }
}
