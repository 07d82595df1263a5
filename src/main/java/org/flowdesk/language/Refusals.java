package org.flowdesk.language;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.stream.Collectors;

import org.flowdesk.api.FieldError;
import org.flowdesk.attachment.AttachmentRefusedException;
import org.flowdesk.api.FormValidationException;
import org.flowdesk.identity.People;
import org.flowdesk.models.DeployedVocabulary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.MethodParameter;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The API's refusals in the caller's language: a problem's title, its detail and each refused field's message are
 * written in English where they are thrown, and read in the language of the person calling (their profile's, else
 * their browser's) from the {@code refusals} section of {@code i18n/<language>.json}: English texts with
 * {placeholders} and their translations, matched as the timeline's entries are. A placeholder's value is kept as it
 * was written, but for a {@code {status}}, the label a model gives, which reads as the language's status word; a
 * {@code {size}} or {@code {total}} in the language's numbers and units; a {@code {group}}, a group's id or its
 * directory name, as the section {@code groups} names it; {@code {groups}}, groups of which any one will do
 * ({@link Alternatives}: "Approvers or Human resources"), each so and joined as the language's portal words join
 * them; an {@code {item}} or a {@code {service}}, a request item or service by the catalog's name for it, as
 * {@code catalog/i18n/<language>.yaml} names it; a {@code {reason}}, read as a refusal of its own; and a value that
 * is itself a refusal the section translates; a {@code {task}}, a task's name, by its step's name as the
 * section {@code steps} names it. A refused file's {@code reason} is read as a refusal of its own, and its detail is
 * the file's name and that reason. An answer that holds refusals ({@link WithRefusals}: a bulk action's report) reads
 * them so too. A text the section does not have stays English, so a language grows one text at a time.
 */
@RestControllerAdvice
class Refusals implements ResponseBodyAdvice<Object> {

  private static final Logger LOG = LoggerFactory.getLogger(Refusals.class);
  static final String SECTION = "refusals";
  private static final String ERRORS = "errors";
  private static final String REASON = "reason";
  private static final String FILE = "file";

  private final ObjectProvider<Languages> languagesProvider;
  private final ObjectProvider<DeployedVocabulary> vocabularyProvider;
  private final ObjectProvider<People> peopleProvider;
  private final ObjectProvider<CatalogNames> catalogProvider;
  private Languages languages;
  private DeployedVocabulary vocabulary;
  /** The directory, to know a group by its name; without one (a test's slice) a group is known by its id only. */
  private People people;
  /** The catalog, to know a request item or service by its name; without one their names stay as written. */
  private CatalogNames catalog;
  /** The refusals' texts as patterns, sorted once per words file read. */
  private final TextPatterns patterns = new TextPatterns();

  /** Read when first needed: a controller test's slice has neither, and its refusals stay English. */
  Refusals(ObjectProvider<Languages> languages, ObjectProvider<DeployedVocabulary> vocabulary,
      ObjectProvider<People> people, ObjectProvider<CatalogNames> catalog) {
    this.languagesProvider = languages;
    this.vocabularyProvider = vocabulary;
    this.peopleProvider = people;
    this.catalogProvider = catalog;
  }

  @Override
  public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
    if (languages == null) {
      languages = languagesProvider.getIfAvailable();
      vocabulary = vocabularyProvider.getIfAvailable();
      people = peopleProvider.getIfAvailable();
      catalog = catalogProvider.getIfAvailable();
    }
    return languages != null && vocabulary != null;
  }

  @Override
  public Object beforeBodyWrite(Object body, MethodParameter returnType, MediaType contentType,
      Class<? extends HttpMessageConverter<?>> converterType, ServerHttpRequest request,
      ServerHttpResponse response) {
    if (body instanceof WithRefusals<?> answer) {
      return withRefusals(answer);
    }
    if (!(body instanceof ProblemDetail problem)) {
      return body;
    }
    try {
      return read(problem, callersLanguage(), request);
    } catch (RuntimeException e) {
      // The refusal is answered whatever its words: in English, as it was written.
      LOG.warn("The refusal \"{}\" is answered in English: {}", problem.getDetail(), e.toString());
      return problem;
    }
  }

  /** An answer that holds refusals, read in the caller's language: the whole answer as it was, should that fail. */
  private Object withRefusals(WithRefusals<?> answer) {
    String language = callersLanguage();
    Words words = language == null || Languages.MODELS_LANGUAGE.equals(language) ? null : words(language);
    if (words == null) {
      return answer;
    }
    try {
      return answer.read(new WithRefusals.Reader() {
        @Override
        public String refusal(String english) {
          return words.in(english, null);
        }

        @Override
        public String fields(List<FieldError> errors, String form) {
          JsonNode labels = form == null ? null : languages.formWords(form, language);
          return errors.stream().map(field -> field.field() + ": " + words.in(field.message(),
              labels == null ? null : label(labels.path(answered(field.field()))))).collect(Collectors.joining("; "));
        }
      });
    } catch (RuntimeException e) {
      LOG.warn("An answer's refusals are answered in English: {}", e.toString());
      return answer;
    }
  }

  private ProblemDetail read(ProblemDetail problem, String language, ServerHttpRequest request) {
    Words words = language == null || Languages.MODELS_LANGUAGE.equals(language) ? null : words(language);
    if (words == null) {
      return problem;
    }
    problem.setTitle(words.in(problem.getTitle(), null));
    if (problem.getProperties() != null && problem.getProperties().get(ERRORS) instanceof List<?> errors && !errors.isEmpty()
        && errors.stream().allMatch(FieldError.class::isInstance)) {
      // A form's fields are named by their labels in the language too (forms/i18n/<form>.<language>.json).
      JsonNode labels = request instanceof ServletServerHttpRequest servlet
          && servlet.getServletRequest().getAttribute(FormValidationException.FORM_ATTRIBUTE) instanceof String form
          ? languages.formWords(form, language) : null;
      List<FieldError> read = errors.stream().map(FieldError.class::cast).map(field -> new FieldError(field.field(),
          words.in(field.message(), labels == null ? null : label(labels.path(answered(field.field())))))).toList();
      problem.setProperty(ERRORS, read);
      // The detail is the fields' refusals, as FormValidationException writes it.
      problem.setDetail(read.stream().map(field -> field.field() + ": " + field.message())
          .collect(Collectors.joining("; ")));
    } else if (problem.getProperties() != null && problem.getProperties().get(FILE) instanceof String file
        && problem.getProperties().get(REASON) instanceof String reason) {
      // A refused file (the attachments' refusals): its reason is a refusal of its own, and the detail the file and
      // the reason read so, joined as AttachmentRefusedException joins them; the file's name is as it was sent.
      String read = words.in(reason, null);
      problem.setProperty(REASON, read);
      problem.setDetail(AttachmentRefusedException.detail(file, read));
    } else {
      problem.setDetail(words.in(problem.getDetail(), null));
    }
    return problem;
  }

  /** The text in the language, for whoever wants a refusal read outside an API answer (and for the tests). */
  String in(String language, String text) {
    supports(null, null);
    Words words = Languages.MODELS_LANGUAGE.equals(language) ? null : words(language);
    return words == null ? text : words.in(text, null);
  }

  /** A field's label in a form's words: a date and time field's is its date's label, as the form's own is. */
  private static String label(JsonNode field) {
    return field.path("label").isTextual() ? field.path("label").textValue() : field.path("dateLabel").textValue();
  }

  /** An order's answer is refused as answers.size: the form's field is size. */
  private static String answered(String field) {
    return field.startsWith("answers.") ? field.substring("answers.".length()) : field;
  }

  private String callersLanguage() {
    Authentication caller = SecurityContextHolder.getContext().getAuthentication();
    return caller == null || caller instanceof AnonymousAuthenticationToken || !caller.isAuthenticated()
        ? languages.ofCaller(null) : languages.ofCaller(caller.getName());
  }

  private Words words(String language) {
    JsonNode bundle = languages.bundle(language);
    JsonNode section = bundle == null ? null : bundle.path(SECTION);
    if (section == null || !section.isObject() || section.isEmpty()) {
      return null;
    }
    return new Words(section, patterns.specificFirst(language, List.of(section)), bundle.path("statuses"),
        bundle.path("sizes"), bundle.path(Languages.GROUPS), bundle.path("steps"),
        bundle.path("portal").path(Alternatives.SOME_OR_LAST).textValue(), language);
  }

  /** One language's refusals, the texts with placeholders the most specific first. */
  private final class Words {

    private final JsonNode section;
    private final Set<String> texts;
    private final JsonNode statuses;
    private final JsonNode units;
    private final JsonNode groups;
    private final JsonNode steps;
    private final String someOrLast;
    private final String language;
    private final Locale locale;

    Words(JsonNode section, Set<String> texts, JsonNode statuses, JsonNode units, JsonNode groups, JsonNode steps,
        String someOrLast, String language) {
      this.units = units;
      this.groups = groups;
      this.steps = steps;
      this.someOrLast = someOrLast;
      this.language = language;
      this.locale = Locale.forLanguageTag(language);
      this.section = section;
      this.texts = texts;
      this.statuses = statuses;
    }

    /** The text in the language; a {label} placeholder reads {@code label} when given (the field's, translated). */
    String in(String text, String label) {
      if (text == null) {
        return null;
      }
      JsonNode whole = section.get(text);
      if (whole != null && whole.isTextual()) {
        return whole.asText();
      }
      for (String english : texts) {
        TextPattern pattern = patterns.pattern(english);
        List<String> values = pattern.match(text);
        if (values != null) {
          return filledIn(section.get(english).asText(), pattern, values, label);
        }
      }
      return text;
    }

    private String filledIn(String template, TextPattern pattern, List<String> values, String label) {
      Matcher placeholder = TextPattern.PLACEHOLDER.matcher(template);
      StringBuilder out = new StringBuilder();
      while (placeholder.find()) {
        int index = pattern.names().indexOf(placeholder.group(1));
        String shown = index < 0 ? placeholder.group()
            : "label".equals(placeholder.group(1)) && label != null ? label : value(placeholder.group(1), values.get(index));
        placeholder.appendReplacement(out, Matcher.quoteReplacement(shown));
      }
      placeholder.appendTail(out);
      return out.toString();
    }

    /**
     * A status's label as the language's status word; a size ({size}, {total}) in the language's numbers and units; a
     * {reason} as a refusal of its own; a refusal within the refusal translated; else as written.
     */
    private String value(String name, String value) {
      if ("size".equals(name) || "total".equals(name)) {
        return Sizes.in(value, locale, units);
      }
      if ("reason".equals(name)) {
        return in(value, null);
      }
      if ("group".equals(name)) {
        return group(value);
      }
      if ("groups".equals(name)) {
        return Alternatives.joined(Alternatives.read(value).stream().map(this::group).toList(), someOrLast);
      }
      if ("task".equals(name)) {
        return step(value);
      }
      if ("item".equals(name) || "service".equals(name)) {
        String kind = "item".equals(name) ? CatalogNames.REQUEST_ITEMS : CatalogNames.SERVICES;
        return catalog == null ? value : catalog.idOf(kind, value)
            .map(id -> languages.catalog(language).name(kind, id, value)).orElse(value);
      }
      if ("status".equals(name)) {
        return vocabulary.current().statuses().stream().filter(status -> status.label().equals(value)).findFirst()
            .map(status -> statuses.path(status.code()).asText(value)).orElse(value);
      }
      JsonNode whole = section.get(value);
      return whole != null && whole.isTextual() ? whole.asText() : value;
    }

    /**
     * A step by its name in the models, as the section steps names it ("Work incident": "Störung bearbeiten"); a task
     * whose name goes on with its ticket ("Work incident INC-000042: Printer jams") by the step's name it begins with.
     */
    private String step(String value) {
      if (steps.path(value).isTextual()) {
        return steps.path(value).asText();
      }
      String[] longest = {null};
      steps.fieldNames().forEachRemaining(step -> {
        if (value.startsWith(step + " ") && steps.path(step).isTextual()
            && (longest[0] == null || step.length() > longest[0].length())) {
          longest[0] = step;
        }
      });
      return longest[0] == null ? value : steps.path(longest[0]).asText() + value.substring(longest[0].length());
    }

    /** A group, by its id or by the directory's name for it, as the language's section groups names it. */
    private String group(String value) {
      JsonNode group = groups.get(value);
      if (group == null && people != null) {
        group = people.groupNamed(value).map(groups::get).orElse(null);
      }
      return group != null && group.isTextual() ? group.asText() : value;
    }
  }
}
