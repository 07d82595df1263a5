package org.flowdesk.change;

import static org.flowdesk.identity.ApiSliceSecurity.as;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.hasItems;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyMap;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.flowdesk.identity.AccessProperties;
import org.flowdesk.identity.AgentGroups;
import org.flowdesk.identity.ApiSliceSecurity;
import org.flowdesk.identity.CurrentUser;
import org.flowdesk.models.DeployedVocabulary;
import org.flowdesk.models.FormSchema;
import org.flowdesk.models.LatestProcess;
import org.flowdesk.models.StartForms;
import org.flowdesk.models.Vocabulary;
import org.flowdesk.sla.SlaCalendar;
import org.flowdesk.ticket.IdempotencyKeys;
import org.flowdesk.ticket.Ticket;
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

/**
 * The change API's edge: a change the form or the change rules refuse is exactly a 400 naming
 * each field, and who may raise, see and cancel is 403/404; the engine and services are mocks,
 * the start form is the project's forms/change-request.form.
 */
@WebMvcTest(ChangeController.class)
// The intake is the controller's own check, real here with the mocks below.
@Import({ApiSliceSecurity.class, ChangeIntake.class})
class ChangeControllerTest {

  @Autowired
  MockMvc mvc;
  @MockitoBean
  LatestProcess latestProcess;
  @MockitoBean
  RuntimeService runtimeService;
  @MockitoBean
  StartForms startForms;
  @MockitoBean
  ChangeRequests requests;
  @MockitoBean
  SlaCalendar desk;
  @MockitoBean
  ChangePlans plans;
  @MockitoBean
  ChangeCalendar calendar;
  @MockitoBean
  IdempotencyKeys idempotencyKeys;
  @MockitoBean
  TicketService tickets;
  @MockitoBean
  TicketAccess ticketAccess;
  @MockitoBean
  AccessProperties access;
  @MockitoBean
  AgentGroups agents;
  @MockitoBean
  DeployedVocabulary vocabulary;
  @MockitoBean
  Clock clock;
  @MockitoBean
  org.flowdesk.ticket.FormFiles formFiles;
  @MockitoBean
  ChangeWords words;
  @MockitoBean
  org.flowdesk.language.Languages languages;
  @MockitoBean
  org.flowdesk.ticket.TimelineTexts timelineTexts;

  @BeforeEach
  void networkAgentsMayRaiseChanges() throws Exception {
    when(agents.isAgent(any())).thenAnswer(call -> call.<CurrentUser>getArgument(0).isMemberOf("network"));
    when(vocabulary.current()).thenReturn(Vocabulary.EMPTY);
    ProcessDefinition change = mock(ProcessDefinition.class);
    when(change.getId()).thenReturn("change:1:1");
    when(latestProcess.of("change")).thenReturn(Optional.of(change));
    try (InputStream form = Files.newInputStream(Path.of("forms/change-request.form"))) {
      when(startForms.of("change:1:1")).thenReturn(Optional.of(FormSchema.parse(form)));
    }
    when(clock.instant()).thenReturn(Instant.parse("2027-03-01T08:00:00Z"));
  }

  @Test
  void aChangeTheFormRefusesIsExactly400NamingEachFieldAndStartsNothing() throws Exception {
    mvc.perform(post("/api/changes").with(as("nina")).contentType(MediaType.APPLICATION_JSON)
            .content("{\"title\": \"\", \"impact\": \"high\", \"rollbackIdea\": \"none\"}"))
        .andExpect(status().isBadRequest())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.title").value("Invalid input"))
        .andExpect(jsonPath("$.errors[*].field").value(hasItems("title", "impact", "rollbackIdea")));
    verifyNoInteractions(idempotencyKeys, runtimeService);
  }

  @Test
  void aRequesterMayNotRaiseAChange() throws Exception {
    mvc.perform(post("/api/changes").with(as("alice")).contentType(MediaType.APPLICATION_JSON).content("{}"))
        .andExpect(status().isForbidden())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.detail").value("Only agents and change managers may raise changes"));
    verify(requests, never()).check(anyMap(), any());
  }

  @Test
  void aCalendarDateThatIsNoDateIsRefusedNamingTheParameter() throws Exception {
    when(desk.instant("next week")).thenThrow(new DateTimeParseException("no date", "next week", 0));

    mvc.perform(get("/api/changes/calendar").param("from", "next week").with(as("nina")))
        .andExpect(status().isBadRequest())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.errors[*].field").value(contains("from")));
    verifyNoInteractions(calendar);
  }

  @Test
  void cancellingATicketThatIsNoChangeIs404() throws Exception {
    Ticket incident = mock(Ticket.class);
    when(incident.type()).thenReturn("incident");
    when(ticketAccess.visible(eq("INC-000001"), any())).thenReturn(incident);

    mvc.perform(post("/api/changes/INC-000001/cancel").with(as("carl")))
        .andExpect(status().isNotFound())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.detail").value("No change INC-000001 that you may see"));
    verifyNoInteractions(runtimeService);
  }
}
