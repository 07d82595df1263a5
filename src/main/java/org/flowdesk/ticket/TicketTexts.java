package org.flowdesk.ticket;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.flowdesk.catalog.Catalog;
import org.flowdesk.identity.People;
import org.flowdesk.language.Languages;
import org.flowdesk.models.FormSchema;
import org.flowdesk.models.ModelHelper;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * What people wrote, read from the ticket for those who act on it: the fields a task's form
 * shows with {@code "properties": {"ticket": "…"}} ({@link FormSchema#TICKET_TEXTS}), and the
 * models' texts ({@code ${ticketTexts.title(ticketNumber)}} in a notification). The texts live in
 * FlowDesk's tables, not in process variables.
 */
@ModelHelper
@Component("ticketTexts")
public class TicketTexts {

  private final TicketService tickets;
  private final People people;
  private final Catalog catalog;
  private final ItemAnswerWords answerWords;
  private final Languages languages;
  /** The texts the ticket types' packages know (a change's conflicts), asked when a form shows them. */
  private final ObjectProvider<TicketTextSource> sources;

  TicketTexts(TicketService tickets, People people, Catalog catalog, ItemAnswerWords answerWords, Languages languages,
      ObjectProvider<TicketTextSource> sources) {
    this.tickets = tickets;
    this.people = people;
    this.catalog = catalog;
    this.answerWords = answerWords;
    this.languages = languages;
    this.sources = sources;
  }

  /**
   * A service by the catalog's name for it, for the models' texts ({@code ${ticketTexts.serviceName(service)}}:
   * "Network and Wi-Fi", not the id); a reader of another language reads it by {@code catalog/i18n}'s name, as the
   * {@code {service}} of i18n's words. The id as it is when the catalog has no such service.
   */
  public String serviceName(String service) {
    return service == null ? "" : catalog.serviceName(service);
  }

  /**
   * The model's words about who entered the ticket for its requester, {@code {name}} filled with their
   * name ({@code ${ticketTexts.enteredBy(ticketNumber, ' from {name}, who reported it for you')}}), or an
   * empty text when the requester entered it themselves. Known without reading the ticket at intake.
   */
  public String enteredBy(String number, String words) {
    return tickets.enteredBy(number)
        .map(user -> words.replace("{name}", people.nameOf(user).orElse(user))).orElse("");
  }

  /** The ticket's title, for the models' texts. */
  public String title(String number) {
    return tickets.find(number).map(Ticket::title).orElse(number);
  }

  /**
   * An amount as the models' texts write it, with its cents ({@code ${ticketTexts.amount(price)}}: "250.00", not the
   * variable's "250.0"); a reader in another language gets it in their numbers ("250,00"). Empty for no amount.
   */
  public String amount(Object value) {
    if (value == null || String.valueOf(value).isBlank()) {
      return "";
    }
    return new BigDecimal(String.valueOf(value)).setScale(2, RoundingMode.HALF_UP).toPlainString();
  }

  /** The latest rejection on the ticket's timeline, with who rejected and why, or an empty text. */
  public String rejection(String number) {
    return tickets.lastRejection(number).orElse("");
  }

  /** Who rejected the ticket and why: "nina: the vendor pulled it; sven: no rollback test". */
  public String rejectionReasons(String number) {
    return tickets.rejectionReasons(number);
  }

  /** What fixed the incident: the notice of the resolved problem it was linked to, or an empty text. */
  public String fixNotice(String number) {
    return tickets.fixNotice(number);
  }

  /** One answer of the ticket's form as people read it, or an empty text. */
  public String answer(String number, String key) {
    return tickets.answers(number).stream().filter(a -> a.key().equals(key)).map(FormSchema.Answer::shown)
        .findFirst().orElse("");
  }

  /**
   * The values of the form's fields that show the ticket's texts, by field key; a text the
   * ticket does not have (yet) is null. Its answers as the models word them (Tasklist's forms).
   */
  public Map<String, String> forForm(FormSchema form, String number) {
    return forForm(form, number, Languages.MODELS_LANGUAGE);
  }

  /**
   * The same for a reader of the language: a request's answers labelled as the item's form words them in it
   * ({@link ItemAnswerWords}), what the requester typed as typed.
   */
  public Map<String, String> forForm(FormSchema form, String number, String language) {
    Map<String, String> shown = form.ticketTexts();
    Map<String, String> values = new LinkedHashMap<>();
    if (shown.isEmpty() || number == null) {
      return values;
    }
    Ticket ticket = tickets.find(number).orElse(null);
    if (ticket == null) {
      return values;
    }
    List<FormSchema.Answer> answers = shown.values().stream().anyMatch(t -> t.startsWith("answers"))
        ? answerWords.in(language, ticket.item(), tickets.answers(number)) : List.of();
    shown.forEach((key, text) -> values.put(key, text(ticket, answers, text, language)));
    return values;
  }

  private String text(Ticket ticket, List<FormSchema.Answer> answers, String name, String language) {
    if (name.startsWith(FormSchema.ANSWER_PREFIX)) {
      String key = name.substring(FormSchema.ANSWER_PREFIX.length());
      return answers.stream().filter(a -> a.key().equals(key)).map(FormSchema.Answer::shown).findFirst().orElse(null);
    }
    return switch (name) {
      case "title" -> ticket.title();
      case "description" -> ticket.description();
      case "answers" -> answers.stream().map(a -> a.label() + ": " + a.shown()).collect(Collectors.joining("\n"));
      case "question" -> tickets.lastQuestion(ticket.number()).orElse(null);
      case "resolutionNotes" -> ticket.resolutionNotes();
      case "reopenReason" -> tickets.lastReopenReason(ticket.number()).orElse(null);
      // The service by its name, in the reader's language as catalog/i18n words it.
      case "service" -> ticket.service() == null ? null
          : catalog.serviceName(ticket.service(), languages.catalog(language));
      default -> sources.orderedStream().filter(source -> source.name().equals(name)).findFirst()
          .orElseThrow(() -> new IllegalArgumentException("Tickets have no text '" + name + "'"))
          .of(ticket, language);
    };
  }
}
