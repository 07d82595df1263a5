package org.flowdesk.ticket;

import static org.flowdesk.identity.ApiSliceSecurity.as;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Clock;

import org.flowdesk.api.NotFoundException;
import org.flowdesk.identity.ApiSliceSecurity;
import org.flowdesk.language.Languages;
import org.flowdesk.models.DeployedVocabulary;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/** The ticket API's edge: input checked, 401/403/404 as problem details; the services are mocks. */
@WebMvcTest(TicketController.class)
@Import({ApiSliceSecurity.class, TicketLists.class})
class TicketControllerTest {

  @Autowired
  MockMvc mvc;
  @MockitoBean
  TicketService tickets;
  @MockitoBean
  TicketRepository repository;
  @MockitoBean
  TicketAccess access;
  @MockitoBean
  Clock clock;
  @MockitoBean
  DeployedVocabulary vocabulary;
  @MockitoBean
  TimelineTexts timelineTexts;
  @MockitoBean
  Languages languages;
  @MockitoBean
  TicketComments comments;

  @Test
  void aBlankCommentIsRefusedNamingTheField() throws Exception {
    mvc.perform(post("/api/tickets/INC-000001/comments").with(as("alice"))
            .contentType(MediaType.APPLICATION_JSON).content("{\"text\": \"\"}"))
        .andExpect(status().isBadRequest())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.title").value("Invalid input"))
        .andExpect(jsonPath("$.errors[*].field").value(contains("text")));
    verifyNoInteractions(tickets, comments);
  }

  @Test
  void listFiltersOutsideTheirLimitsAreRefusedNamingEachParameter() throws Exception {
    mvc.perform(get("/api/tickets").param("type", "bug").param("size", "500").with(as("alice")))
        .andExpect(status().isBadRequest())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.errors[*].field").value(containsInAnyOrder("type", "size")));
    verifyNoInteractions(repository);
  }

  @Test
  void aTicketTheCallerMayNotSeeIs404() throws Exception {
    when(access.visible(eq("INC-000404"), any())).thenThrow(new NotFoundException("ticket", "INC-000404"));

    mvc.perform(get("/api/tickets/INC-000404").with(as("alice")))
        .andExpect(status().isNotFound())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.detail").value("No ticket INC-000404 that you may see"));
  }

  @Test
  void addingAWatcherToAnotherRequestersTicketIs403() throws Exception {
    Ticket bobs = mock(Ticket.class);
    when(bobs.requester()).thenReturn("bob");
    when(access.visible(eq("INC-000007"), any())).thenReturn(bobs);

    mvc.perform(post("/api/tickets/INC-000007/watchers").with(as("alice"))
            .contentType(MediaType.APPLICATION_JSON).content("{\"user\": \"nina\"}"))
        .andExpect(status().isForbidden())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.detail").value(containsString("may add watchers")));
    verify(tickets, never()).watch(anyString(), anyString(), anyString(), any());
  }

  @Test
  void withoutCredentialsIs401AndAskedForHttpBasic() throws Exception {
    mvc.perform(get("/api/tickets/INC-000001"))
        .andExpect(status().isUnauthorized())
        .andExpect(header().string("WWW-Authenticate", containsString("Basic")))
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
    verifyNoInteractions(access);
  }
}
