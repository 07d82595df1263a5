package org.flowdesk.request;

import static org.flowdesk.identity.ApiSliceSecurity.as;
import static org.hamcrest.Matchers.contains;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.camunda.bpm.engine.RuntimeService;
import org.flowdesk.catalog.Catalog;
import org.flowdesk.catalog.Portfolio;
import org.flowdesk.identity.AccessProperties;
import org.flowdesk.identity.People;
import org.flowdesk.identity.ApiSliceSecurity;
import org.flowdesk.language.Languages;
import org.flowdesk.models.DeployedForms;
import org.flowdesk.ticket.IdempotencyKeys;
import org.flowdesk.ticket.ItemAnswerWords;
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

/** The order API's edge: an order without an item is a 400 naming it, an item not in the catalog a 404. */
@WebMvcTest(RequestController.class)
@Import(ApiSliceSecurity.class)
class RequestControllerTest {

  @Autowired
  MockMvc mvc;
  @MockitoBean
  Catalog catalog;
  @MockitoBean
  DeployedForms forms;
  @MockitoBean
  RuntimeService runtimeService;
  @MockitoBean
  IdempotencyKeys idempotencyKeys;
  @MockitoBean
  AccessProperties access;
  @MockitoBean
  TicketService tickets;
  @MockitoBean
  TicketAccess ticketAccess;
  @MockitoBean
  People people;
  @MockitoBean
  FormFiles formFiles;
  @MockitoBean
  OnBehalf onBehalf;
  @MockitoBean
  Languages languages;
  @MockitoBean
  ItemAnswerWords answerWords;

  @BeforeEach
  void everyoneOrdersForThemselves() {
    when(onBehalf.requesterFor(any(), any())).thenAnswer(call -> call.getArgument(0));
  }

  @Test
  void anOrderWithoutAnItemIsRefusedNamingTheField() throws Exception {
    mvc.perform(post("/api/requests").with(as("alice")).contentType(MediaType.APPLICATION_JSON)
            .content("{\"item\": \" \", \"answers\": {}}"))
        .andExpect(status().isBadRequest())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.errors[*].field").value(contains("item")));
    verifyNoInteractions(catalog, runtimeService);
  }

  @Test
  void anItemThatIsNotInTheCatalogIs404() throws Exception {
    when(catalog.portfolio()).thenReturn(mock(Portfolio.class));

    mvc.perform(post("/api/requests").with(as("alice")).contentType(MediaType.APPLICATION_JSON)
            .content("{\"item\": \"gold-laptop\", \"answers\": {}}"))
        .andExpect(status().isNotFound())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.detail").value("No request item gold-laptop that you may see"));
    verifyNoInteractions(runtimeService, idempotencyKeys);
  }
}
