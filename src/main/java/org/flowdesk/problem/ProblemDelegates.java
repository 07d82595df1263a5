package org.flowdesk.problem;

import static org.flowdesk.StepInputs.text;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.flowdesk.TicketOfInstance;
import org.flowdesk.catalog.Catalog;
import org.flowdesk.knowledge.Articles;
import org.flowdesk.language.Languages;
import org.flowdesk.models.DeployedVocabulary;
import org.flowdesk.models.SetsStatus;
import org.flowdesk.ticket.TaskActor;
import org.flowdesk.ticket.Ticket;
import org.flowdesk.ticket.TicketLink;
import org.flowdesk.ticket.TicketService;
import org.flowdesk.ticket.TicketType;
import org.flowdesk.ticket.TimelineTexts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The problem steps processes/problem.bpmn calls, and the one change.bpmn calls to tell a problem
 * how its fixing change went. When what happens is the models'; these keep the problem's record,
 * its timeline and its links.
 */
@Configuration(proxyBeanMethods = false)
class ProblemDelegates {

  /** The section of {@code i18n/<language>.json} that words the known error article's own texts. */
  static final String ARTICLE_WORDS = "articles";

  private static final Logger LOG = LoggerFactory.getLogger(ProblemDelegates.class);
  /** The message incident.bpmn waits for while an incident is being worked. */
  static final String INCIDENT_FIXED = "IncidentFixedByProblem";

  /**
   * Task listener (complete) on the investigation: the root cause, affected service and workaround
   * (the form's fields) on the problem's record and timeline; {@code workaroundKnown} for the gateway.
   */
  @Bean
  TaskListener recordInvestigation(ProblemRepository problems, TicketService tickets, Catalog catalog, Clock clock) {
    return task -> {
      String number = TicketOfInstance.of(task);
      String rootCause = (String) task.getVariable("rootCause");
      String service = (String) task.getVariable("affectedService");
      String workaround = (String) task.getVariable("workaround");
      if (service == null || catalog.service(service).isEmpty()) {
        throw new BadUserRequestException("Not recorded: affectedService: service '" + service
            + "' is not in the catalog");
      }
      boolean known = workaround != null && !workaround.isBlank();
      problems.recordFindings(number, rootCause, service, known ? workaround : null);
      // The service by the catalog's name for it ({service} of i18n's timeline texts, read in the reader's language).
      tickets.recordStep(number, TaskActor.of(task), "Root cause (" + catalog.serviceName(service) + "): " + rootCause,
          clock.instant());
      task.getExecution().setVariable("workaroundKnown", known);
    };
  }

  /**
   * Inputs {@code status} and {@code articleAudience} (agents or everyone): the problem becomes a
   * known error, its workaround on the timeline and published as a knowledge article of kind
   * known_error for that audience, written by whoever works the problem; agents apply it until the
   * fix is in.
   */
  @Bean
  JavaDelegate recordKnownError(ProblemRepository problems, TicketService tickets, Articles articles,
      Languages languages, TimelineTexts texts, Clock clock) {
    return execution -> {
      String number = TicketOfInstance.of(execution);
      ProblemRecord problem = problems.find(number).orElseThrow(() -> new IllegalStateException(
          number + " has no findings: the investigation records them"));
      Ticket ticket = tickets.find(number).orElseThrow();
      String audience = text(execution, "articleAudience");
      String author = ticket.assignee() != null ? ticket.assignee() : ticket.requester();
      // In the author's language: its own words as i18n's section "articles" reads them (as the timeline's section
      // reads its entries), what people wrote as written.
      String language = languages.of(author);
      UnaryOperator<String> words = texts.reader(language, ARTICLE_WORDS);
      String article = articles.publishKnownError(new Articles.KnownError(number, problem.affectedService(),
          words.apply("Known error: " + ticket.title()), knownErrorText(ticket, problem, audience, words), audience,
          language, author));
      problems.markKnownError(number, clock.instant());
      tickets.changeStatus(number, text(execution, "status"), "Known error. Workaround: " + problem.workaround()
          + " (published as the article " + article + ")", TicketService.SYSTEM, clock.instant());
    };
  }

  /**
   * The known error article's Markdown: what people notice, the workaround, and for agents the root cause; its
   * headings and closing sentence as {@code words} (the author's language's section "articles") read them, else in
   * English.
   */
  static String knownErrorText(Ticket ticket, ProblemRecord problem, String audience, UnaryOperator<String> words) {
    StringBuilder text = new StringBuilder();
    if (ticket.description() != null && !ticket.description().isBlank()) {
      text.append("## ").append(words.apply("Symptoms")).append("\n\n").append(ticket.description().strip())
          .append("\n\n");
    }
    text.append("## ").append(words.apply("Workaround")).append("\n\n").append(problem.workaround().strip())
        .append("\n\n");
    if ("agents".equals(audience) && problem.rootCause() != null && !problem.rootCause().isBlank()) {
      text.append("## ").append(words.apply("Root cause")).append("\n\n").append(problem.rootCause().strip())
          .append("\n\n");
    }
    text.append(words.apply("A fix is being worked on under " + ticket.number()
        + "; this article is retired when it is in."));
    return text.toString();
  }

  /** The fix is in: the problem's known error articles are retired, and its timeline says which. */
  @Bean
  JavaDelegate retireKnownErrorArticle(Articles articles, TicketService tickets, Clock clock) {
    return execution -> {
      String number = TicketOfInstance.of(execution);
      List<String> retired = articles.retireKnownErrors(number);
      if (!retired.isEmpty()) {
        tickets.recordStep(number, TicketService.SYSTEM, "Known error article retired: " + String.join(", ", retired),
            clock.instant());
      }
    };
  }

  /** Resolved with the fix notice: which change fixed it. */
  @Bean
  @SetsStatus("resolved")
  JavaDelegate resolveProblem(TicketService tickets, Clock clock) {
    return execution -> {
      String number = TicketOfInstance.of(execution);
      String notice = tickets.links(number).stream()
          .filter(link -> Problems.FIXED_BY.equals(link.relation()) && TicketType.CHANGE.id().equals(link.type()))
          .reduce((first, later) -> later).map(change -> "Fixed by the change " + change.number() + ": " + change.title())
          .orElse("Fixed");
      tickets.resolve(number, "fixed", notice, TicketService.SYSTEM, clock.instant());
    };
  }

  /**
   * The problem's open incidents being worked are resolved with its fix notice (their model,
   * incident.bpmn, resolves them and asks their requesters to confirm); the timeline names those
   * that were not waiting for it (waiting on their requester), for an agent to resolve.
   */
  @Bean
  JavaDelegate resolveProblemIncidents(TicketService tickets, RuntimeService runtime, DeployedVocabulary vocabulary,
      Clock clock) {
    return execution -> {
      String number = TicketOfInstance.of(execution);
      List<String> open = vocabulary.current().openStatuses();
      List<String> resolved = new ArrayList<>();
      List<String> left = new ArrayList<>();
      for (TicketLink link : tickets.links(number)) {
        if (!Problems.CAUSED.equals(link.relation()) || !TicketType.INCIDENT.id().equals(link.type())
            || !open.contains(link.status())) {
          continue;
        }
        boolean told = !runtime.createMessageCorrelation(INCIDENT_FIXED).processInstanceBusinessKey(link.number())
            .correlateAllWithResult().isEmpty();
        (told ? resolved : left).add(link.number());
      }
      tickets.recordStep(number, TicketService.SYSTEM, (resolved.isEmpty() ? "No open incidents to resolve"
          : "Resolved with the fix: " + String.join(", ", resolved))
          + (left.isEmpty() ? "" : "; not being worked, resolve by hand: " + String.join(", ", left)), clock.instant());
      LOG.info("{} resolved its incidents {}, left {}", number, resolved, left);
    };
  }

  /** Task listener (complete) on the review. */
  @Bean
  TaskListener recordProblemReview(TicketService tickets, Clock clock) {
    return task -> tickets.recordStep(TicketOfInstance.of(task), TaskActor.of(task),
        "Review: " + task.getVariable("reviewFindings"), clock.instant());
  }

  /**
   * A step of change.bpmn: input {@code message} (the outcome), correlated to every problem the
   * change was raised to fix that waits for it. A change that fixes no problem goes on.
   */
  @Bean
  JavaDelegate tellProblemsOfChange(TicketService tickets, RuntimeService runtime) {
    return execution -> {
      String change = TicketOfInstance.of(execution);
      String message = text(execution, "message");
      tickets.links(change).stream()
          .filter(link -> Problems.FIXES.equals(link.relation()) && TicketType.PROBLEM.id().equals(link.type()))
          .forEach(problem -> {
            runtime.createMessageCorrelation(message).processInstanceBusinessKey(problem.number())
                .correlateAllWithResult();
            LOG.info("{} told {}: {}", change, problem.number(), message);
          });
    };
  }
}
