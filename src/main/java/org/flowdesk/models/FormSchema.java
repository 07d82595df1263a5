package org.flowdesk.models;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.flowdesk.api.FieldError;
import org.flowdesk.api.FormValidationException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The input fields of a Camunda Form (form-js JSON), used to check what an API client submits
 * exactly as Tasklist would: only the form's fields, required ones present, values of the
 * right type, within the form's limits and among its allowed values.
 *
 * <p>Read-only fields only show values; what is submitted for them is ignored, as in form-js.
 * A field hidden by a simple condition ({@code =action != "resolve"}) is ignored while
 * hidden, as form-js ignores it.
 */
public final class FormSchema {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final BigDecimal LARGEST = BigDecimal.valueOf(Long.MAX_VALUE);
  private static final Set<String> TEXT_TYPES = Set.of("textfield", "textarea", "datetime");
  private static final Set<String> CHOICE_TYPES = Set.of("select", "radio");
  private static final Pattern SIMPLE_CONDITION =
      Pattern.compile("^=\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*(!=|=)\\s*[\"']([^\"']*)[\"']\\s*$");

  record Field(String key, String type, String label, boolean required, boolean readonly, BigDecimal min,
      BigDecimal max, Integer minLength, Integer maxLength, Pattern pattern, Map<String, String> options,
      String hide, String subtype, Integer decimalDigits, JsonNode defaultValue, boolean disallowPassedDates,
      String ticketText, String preparedAnswers, String accept, String multiple) {

    boolean offersPreparedAnswers() {
      return "true".equals(preparedAnswers);
    }

    boolean takesFiles() {
      return FILE_PICKER.equals(type);
    }

    /** form-js's {@code multiple}: true, "true", or an expression (taken as many: its answer is the browser's). */
    boolean takesMany() {
      return multiple != null && !"false".equals(multiple);
    }

    Set<String> values() {
      return options.keySet();
    }
  }

  /**
   * The custom property (form-js "Custom properties") by which a read-only field shows a text of
   * the ticket instead of a process variable: {@code "properties": {"ticket": "answers"}}.
   */
  public static final String TICKET_PROPERTY = "ticket";
  /**
   * The ticket's texts a form may show; {@code answers.<key>} is one answer of the ticket's form. {@code service} is
   * the service's name, {@code conflicts} a change's conflicts as they are when the form is read, both in the
   * reader's language.
   */
  public static final Set<String> TICKET_TEXTS = Set.of("title", "description", "answers", "question",
      "resolutionNotes", "reopenReason", "service", "conflicts");
  public static final String ANSWER_PREFIX = "answers.";

  /**
   * The field by which a task's form asks for the time its step took: whole minutes, more than 0
   * and at most a day, whatever limits the form states. Any task form may declare it (a number
   * field); FlowDesk records the time of every completed task whose form does.
   */
  public static final String TIME_SPENT = "timeSpentMinutes";

  /**
   * The custom property by which a form offers the ticket's prepared answers (responses/*.md) for a
   * text field or area: {@code "properties": {"preparedAnswers": "true"}}. The portal shows the
   * answers beside the field; the agent picks one, edits it and sends the form.
   */
  public static final String PREPARED_ANSWERS_PROPERTY = "preparedAnswers";
  public static final int MOST_MINUTES = 1440;

  /**
   * form-js's file picker. Its files come with the form as parts of a multipart request named by the
   * field's key, are attached to the ticket, and the field's answer is their names.
   */
  public static final String FILE_PICKER = "filepicker";

  /** A file sent for a file picker: the name it is kept under and the type its content showed. */
  public record PickedFile(String name, String type) {
  }

  /** True when a form may show this text of the ticket. */
  public static boolean isTicketText(String name) {
    return name != null && (TICKET_TEXTS.contains(name)
        || (name.startsWith(ANSWER_PREFIX) && name.length() > ANSWER_PREFIX.length()));
  }

  /**
   * One answer as the form labels it: its field's label, the value as submitted and as a person
   * reads it (a choice's label; Yes or No for a checkbox).
   */
  public record Answer(@io.swagger.v3.oas.annotations.media.Schema(example = "model") String key,
      @io.swagger.v3.oas.annotations.media.Schema(example = "Model") String label,
      @io.swagger.v3.oas.annotations.media.Schema(description = "As submitted", example = "developer") String value,
      @io.swagger.v3.oas.annotations.media.Schema(description = "As people read it",
          example = "Developer (16 inch, 32 GB)") String shown) {
  }

  private final String id;
  private final Map<String, Field> fields;

  private FormSchema(String id, Map<String, Field> fields) {
    this.id = id;
    this.fields = fields;
  }

  public static FormSchema parse(InputStream json) {
    try {
      return of(JSON.readTree(json));
    } catch (IOException e) {
      throw new UncheckedIOException("Form is not valid JSON", e);
    }
  }

  /** The form of form-js JSON already read (a form with its words in another language, say). */
  public static FormSchema of(JsonNode form) {
    Map<String, Field> fields = new LinkedHashMap<>();
    collect(form.path("components"), fields);
    return new FormSchema(form.path("id").asText(), fields);
  }

  public String id() {
    return id;
  }

  public Set<String> keys() {
    return fields.keySet();
  }

  /** The values a choice field (select, radio) offers; none for another field or no field of that key. */
  public Set<String> options(String key) {
    Field field = fields.get(key);
    return field == null || !CHOICE_TYPES.contains(field.type()) ? Set.of() : Set.copyOf(field.values());
  }

  /** A choice's label as the form shows it, or empty when the field does not offer the value. */
  public Optional<String> optionLabel(String key, String value) {
    Field field = fields.get(key);
    return field == null || !CHOICE_TYPES.contains(field.type()) ? Optional.empty()
        : Optional.ofNullable(field.options().get(value));
  }

  /** The field's label as the form shows it, or the key. */
  public String label(String key) {
    Field field = fields.get(key);
    return field == null ? key : field.label();
  }

  /**
   * The accepted values with the free texts made transient: the step that handles a text (in the
   * same transaction) writes it to FlowDesk's tables, and the engine never stores it as a variable.
   */
  public Map<String, Object> withTransientTexts(Map<String, Object> accepted) {
    Map<String, Object> values = new LinkedHashMap<>(accepted);
    freeTextKeys().forEach(key -> values.computeIfPresent(key,
        (k, text) -> org.camunda.bpm.engine.variable.Variables.stringValue(text.toString(), true)));
    values.computeIfPresent(TIME_SPENT,
        (k, minutes) -> org.camunda.bpm.engine.variable.Variables.integerValue(((Number) minutes).intValue(), true));
    return values;
  }

  /**
   * The fields whose values reach the engine as transient values: the free texts, and the time
   * spent, which the step's recorder writes to FlowDesk's tables. A stored variable of the time
   * would be read again by the next step.
   */
  public Set<String> transientKeys() {
    Set<String> keys = freeTextKeys();
    if (fields.containsKey(TIME_SPENT)) {
      keys.add(TIME_SPENT);
    }
    return keys;
  }

  /** Whether the form asks for the time its step took ({@link #TIME_SPENT}). */
  public boolean asksTimeSpent() {
    Field field = fields.get(TIME_SPENT);
    return field != null && "number".equals(field.type()) && !field.readonly();
  }

  /**
   * The fields where people write what they like (text fields and areas), and the file pickers, whose
   * answer is the names of the files: texts, not decision inputs.
   */
  public Set<String> freeTextKeys() {
    Set<String> keys = new LinkedHashSet<>();
    fields.values().stream().filter(f -> "textfield".equals(f.type()) || "textarea".equals(f.type()) || f.takesFiles())
        .filter(f -> !f.readonly()).forEach(f -> keys.add(f.key()));
    return keys;
  }

  /** The file pickers people may fill: their files come as parts named by these keys. */
  public Set<String> fileKeys() {
    Set<String> keys = new LinkedHashSet<>();
    fields.values().stream().filter(Field::takesFiles).filter(f -> !f.readonly()).forEach(f -> keys.add(f.key()));
    return keys;
  }

  /**
   * The names of the parts that carry a request's JSON and its other files: a file picker by one of these keys
   * could never be answered.
   */
  public static final Set<String> RESERVED_PARTS = Set.of("files", "order", "report", "change", "fields");

  /** File pickers whose key is the name of another part of the request ({@link #RESERVED_PARTS}). */
  public List<String> filePickerProblems() {
    return fileKeys().stream().filter(RESERVED_PARTS::contains).map(key -> "file picker '" + key
        + "' has the name of a part every request with files has (" + String.join(", ", new java.util.TreeSet<>(
            RESERVED_PARTS)) + "): give it another key").toList();
  }

  /** The fields that show a text of the ticket: field key to the text's name ({@link #TICKET_TEXTS}). */
  public Map<String, String> ticketTexts() {
    Map<String, String> texts = new LinkedHashMap<>();
    fields.values().stream().filter(f -> f.ticketText() != null).forEach(f -> texts.put(f.key(), f.ticketText()));
    return texts;
  }

  /** Fields that show a ticket text but could be edited, or name a text the ticket does not have. */
  public List<String> ticketTextProblems() {
    List<String> problems = new ArrayList<>();
    fields.values().stream().filter(f -> f.ticketText() != null).forEach(f -> {
      if (!isTicketText(f.ticketText())) {
        problems.add("field '" + f.key() + "' shows the ticket's '" + f.ticketText() + "', which tickets do not have "
            + "(one of " + new java.util.TreeSet<>(TICKET_TEXTS) + " or " + ANSWER_PREFIX + "<field>)");
      }
      if (!f.readonly()) {
        problems.add("field '" + f.key() + "' shows the ticket's '" + f.ticketText() + "' and must be read-only");
      }
    });
    return problems;
  }

  /**
   * Fields that offer prepared answers but cannot take one: an answer is text the agent edits, so
   * only an editable text field or area takes it, and the property says {@code "true"}.
   */
  public List<String> preparedAnswerProblems() {
    List<String> problems = new ArrayList<>();
    fields.values().stream().filter(f -> f.preparedAnswers() != null).forEach(f -> {
      if (!f.offersPreparedAnswers()) {
        problems.add("field '" + f.key() + "' has the property " + PREPARED_ANSWERS_PROPERTY + " '"
            + f.preparedAnswers() + "': it is \"true\" or left out");
      } else if (!"textarea".equals(f.type()) && !"textfield".equals(f.type())) {
        problems.add("field '" + f.key() + "' offers prepared answers, but it is a " + f.type()
            + ": only a text field or text area takes one");
      } else if (f.readonly()) {
        problems.add("field '" + f.key() + "' offers prepared answers and must not be read-only");
      }
    });
    return problems;
  }

  /**
   * The accepted values of {@link #validate} as people read them, in the form's order: the
   * field's label and, for a choice, the option's label.
   */
  public List<Answer> answers(Map<String, Object> accepted) {
    List<Answer> answers = new ArrayList<>();
    for (Field field : fields.values()) {
      Object value = accepted.get(field.key());
      if (value == null || field.readonly() || field.ticketText() != null) {
        continue;
      }
      String text = String.valueOf(value);
      String shown = value instanceof Boolean yes ? (yes ? "Yes" : "No") : field.options().getOrDefault(text, text);
      answers.add(new Answer(field.key(), field.label(), text, shown));
    }
    return answers;
  }

  /**
   * An answer recorded with an earlier form, as this form words it: its field's label, and the label of the chosen
   * option where the field still offers it; anything else as recorded (a field or option the form has no more, a
   * free text, a number).
   */
  public Answer inWords(Answer recorded) {
    Field field = fields.get(recorded.key());
    if (field == null) {
      return recorded;
    }
    String shown = field.options().getOrDefault(recorded.value(), recorded.shown());
    return new Answer(recorded.key(), field.label(), recorded.value(), shown);
  }

  private static void collect(JsonNode components, Map<String, Field> fields) {
    for (JsonNode component : components) {
      if (component.has("components")) {
        collect(component.get("components"), fields);
      }
      String key = component.path("key").asText(null);
      String type = component.path("type").asText();
      if (key == null || key.isBlank() || "button".equals(type)) {
        continue;
      }
      JsonNode validate = component.path("validate");
      Map<String, String> options = new LinkedHashMap<>();
      component.path("values").forEach(v -> options.put(v.path("value").asText(),
          v.path("label").asText(v.path("value").asText())));
      fields.put(key, new Field(key, type, component.path("label").asText(component.path("dateLabel").asText(key)),
          validate.path("required").asBoolean(false),
          component.path("readonly").asBoolean(false) || component.path("disabled").asBoolean(false),
          decimal(validate.get("min")), decimal(validate.get("max")),
          validate.has("minLength") ? validate.get("minLength").asInt() : null,
          validate.has("maxLength") ? validate.get("maxLength").asInt() : null,
          validate.hasNonNull("pattern") ? Pattern.compile(validate.get("pattern").asText()) : null,
          options, component.path("conditional").path("hide").asText(null), component.path("subtype").asText(null),
          component.has("decimalDigits") ? component.get("decimalDigits").asInt() : null,
          component.hasNonNull("defaultValue") ? component.get("defaultValue") : null,
          component.path("disallowPassedDates").asBoolean(false),
          component.path("properties").path(TICKET_PROPERTY).asText(null),
          component.path("properties").path(PREPARED_ANSWERS_PROPERTY).asText(null),
          component.path("accept").asText(null),
          component.hasNonNull("multiple") ? component.get("multiple").asText() : null));
    }
  }

  private static BigDecimal decimal(JsonNode node) {
    return node == null || !node.isNumber() ? null : node.decimalValue();
  }

  /**
   * Checks submitted values against the form.
   *
   * @return the values to store as variables, typed as the form says
   * @throws FormValidationException naming every field that is wrong
   */
  public Map<String, Object> validate(Map<String, ?> input) {
    return validate(input, Map.of());
  }

  /**
   * Checks submitted values and the files sent for the form's file pickers (by field key) against
   * the form: a file picker's answer is the names of its files, a required one needs a file, one that
   * is not {@code multiple} takes one, and each file's name or type must be among its {@code accept}.
   *
   * @return the values to store as variables, typed as the form says
   * @throws FormValidationException naming every field that is wrong
   */
  public Map<String, Object> validate(Map<String, ?> input, Map<String, List<PickedFile>> files) {
    List<FieldError> errors = new ArrayList<>();
    Map<String, Object> accepted = new LinkedHashMap<>();
    Map<String, ?> submitted = input == null ? Map.of() : input;
    for (String key : submitted.keySet()) {
      if (!fields.containsKey(key)) {
        errors.add(new FieldError(key, "the form '" + id + "' has no field '" + key + "'"));
      }
    }
    for (String key : files.keySet()) {
      Field field = fields.get(key);
      if (field == null || !field.takesFiles() || field.readonly()) {
        errors.add(new FieldError(key, "the form '" + id + "' has no file field '" + key + "'"
            + (fileKeys().isEmpty() ? "" : "; its file fields are " + String.join(", ", fileKeys()))
            + "; other files are sent as parts 'files'"));
      }
    }
    for (Field field : fields.values()) {
      if (field.takesFiles()) {
        picked(field, submitted, files.getOrDefault(field.key(), List.of()), accepted, errors);
        continue;
      }
      if (field.readonly() || hidden(field, submitted)) {
        continue;
      }
      Object value = submitted.get(field.key());
      if (value == null && field.defaultValue() != null && !submitted.containsKey(field.key())) {
        // What form-js submits for a field nobody touched: the form's default.
        value = JSON.convertValue(field.defaultValue(), Object.class);
      }
      if (value == null || (value instanceof String text && text.isBlank())) {
        if (field.required()) {
          errors.add(new FieldError(field.key(), field.label() + " is required"));
        }
        continue;
      }
      Object typed = typed(field, value, errors);
      if (typed != null) {
        accepted.put(field.key(), typed);
      }
    }
    if (!errors.isEmpty()) {
      throw new FormValidationException(errors, id);
    }
    return accepted;
  }

  /** A file picker's files: the answer is their names, as the ticket keeps them. */
  private static void picked(Field field, Map<String, ?> submitted, List<PickedFile> files,
      Map<String, Object> accepted, List<FieldError> errors) {
    if (field.readonly()) {
      return; // what is sent for a read-only field is ignored, as for every field (its files are refused above)
    }
    if (submitted.get(field.key()) != null) {
      errors.add(new FieldError(field.key(), field.label() + " takes files: send them as parts named '"
          + field.key() + "' of a multipart/form-data request, not as a value"));
      return;
    }
    if (hidden(field, submitted)) {
      if (!files.isEmpty()) {
        errors.add(new FieldError(field.key(), field.label() + " is hidden by the form's other answers; send no files for it"));
      }
      return;
    }
    if (files.isEmpty()) {
      if (field.required()) {
        errors.add(new FieldError(field.key(), field.label() + " is required: attach a file"));
      }
      return;
    }
    if (files.size() > 1 && !field.takesMany()) {
      errors.add(new FieldError(field.key(), field.label() + " takes one file, not " + files.size()));
      return;
    }
    for (PickedFile file : files) {
      if (!accepts(field.accept(), file)) {
        errors.add(new FieldError(field.key(), file.name() + " is " + file.type() + ": " + field.label()
            + " takes " + field.accept()));
        return;
      }
    }
    accepted.put(field.key(), String.join(", ", files.stream().map(PickedFile::name).toList()));
  }

  /**
   * Whether a file is among what a file picker's {@code accept} lists, as a browser reads it: an
   * extension (".pdf", by the file's name), a type ("application/pdf") or a family ("image/*"), by the type
   * the file's content showed, not what the client claimed. No accept, or an expression, takes any file.
   * Whatever the name says, the attachment checks have let only allowed types through.
   */
  static boolean accepts(String accept, PickedFile file) {
    if (accept == null || accept.isBlank() || accept.strip().startsWith("=")) {
      return true;
    }
    String name = file.name().toLowerCase(java.util.Locale.ROOT);
    String type = file.type() == null ? "" : file.type().toLowerCase(java.util.Locale.ROOT);
    for (String token : accept.split(",")) {
      String wanted = token.strip().toLowerCase(java.util.Locale.ROOT);
      if (wanted.isEmpty()) {
        continue;
      }
      if (wanted.startsWith(".") ? name.endsWith(wanted)
          : wanted.endsWith("/*") ? type.startsWith(wanted.substring(0, wanted.length() - 1)) : type.equals(wanted)) {
        return true;
      }
    }
    return false;
  }

  private static boolean hidden(Field field, Map<String, ?> input) {
    if (field.hide() == null) {
      return false;
    }
    Matcher condition = SIMPLE_CONDITION.matcher(field.hide());
    if (!condition.matches()) {
      return false;
    }
    Object actual = input.get(condition.group(1));
    boolean equal = actual != null && actual.toString().equals(condition.group(3));
    return "=".equals(condition.group(2)) == equal;
  }

  private static Object typed(Field field, Object value, List<FieldError> errors) {
    String type = field.type();
    if ("number".equals(type)) {
      return number(field, value, errors);
    }
    if ("checkbox".equals(type)) {
      if (value instanceof Boolean) {
        return value;
      }
      errors.add(new FieldError(field.key(), field.label() + " must be true or false"));
      return null;
    }
    if (TEXT_TYPES.contains(type) || CHOICE_TYPES.contains(type)) {
      if (!(value instanceof String text)) {
        errors.add(new FieldError(field.key(), field.label() + " must be text"));
        return null;
      }
      if (text.chars().anyMatch(FormSchema::isControl)) {
        errors.add(new FieldError(field.key(), field.label() + " contains control characters"));
        return null;
      }
      if (!isWellFormed(text)) {
        // Half of a character that takes two UTF-16 units ("\ud800" in JSON): no text, and a strict reader of the
        // lists it would be shown in fails on it.
        errors.add(new FieldError(field.key(), field.label() + " contains half a character"));
        return null;
      }
      if ("textfield".equals(type) && (text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0)) {
        // A text field is one line, as its input in the form is: a title with line breaks breaks lists and mails.
        errors.add(new FieldError(field.key(), field.label() + " must be one line"));
        return null;
      }
      if (CHOICE_TYPES.contains(type) && !field.values().isEmpty() && !field.values().contains(text)) {
        errors.add(new FieldError(field.key(), field.label() + " must be one of " + field.values()));
        return null;
      }
      if (field.maxLength() != null && text.length() > field.maxLength()) {
        errors.add(new FieldError(field.key(), field.label() + " must be at most " + field.maxLength() + " characters"));
        return null;
      }
      if (field.minLength() != null && text.length() < field.minLength()) {
        errors.add(new FieldError(field.key(), field.label() + " must be at least " + field.minLength() + " characters"));
        return null;
      }
      if (field.pattern() != null && !field.pattern().matcher(text).matches()) {
        errors.add(new FieldError(field.key(), field.label() + " does not have the expected format"));
        return null;
      }
      if ("datetime".equals(type) && !isDateOrTime(text, field.subtype())) {
        errors.add(new FieldError(field.key(), field.label() + " must be a " + ("date".equals(field.subtype())
            ? "date like 2026-12-10" : "date and time like 2026-12-10T09:00")));
        return null;
      }
      if ("datetime".equals(type) && field.disallowPassedDates() && isPassed(text, field.subtype())) {
        errors.add(new FieldError(field.key(), field.label() + " must not be in the past"));
        return null;
      }
      return text;
    }
    errors.add(new FieldError(field.key(), "fields of type '" + type + "' cannot be submitted"));
    return null;
  }

  /**
   * A date (form-js {@code disallowPassedDates}) that has passed everywhere on earth: before today in
   * the last zone to reach it (UTC-12). The person's browser holds them to their own today; the
   * server does not know the person's zone, so it refuses only what is past in every zone.
   */
  private static boolean isPassed(String text, String subtype) {
    if ("time".equals(subtype)) {
      return false;
    }
    java.time.LocalDate date = text.length() > 10 ? java.time.LocalDate.parse(text.substring(0, 10))
        : java.time.LocalDate.parse(text);
    return date.isBefore(java.time.LocalDate.now(org.flowdesk.EngineClock.utc().withZone(java.time.ZoneOffset.ofHours(-12))));
  }

  private static boolean isDateOrTime(String text, String subtype) {
    try {
      if ("date".equals(subtype)) {
        java.time.LocalDate.parse(text);
      } else if ("time".equals(subtype)) {
        java.time.LocalTime.parse(text.length() > 8 ? text.substring(0, 8) : text);
      } else {
        try {
          java.time.OffsetDateTime.parse(text);
        } catch (RuntimeException local) {
          java.time.LocalDateTime.parse(text);
        }
      }
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }

  /** False when the text holds half of a surrogate pair: a high one not followed by a low one, or a low one alone. */
  public static boolean isWellFormed(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return false;
      }
    }
    return true;
  }

  /** Control characters other than tab and line breaks: no person types them, and PostgreSQL refuses NUL. */
  public static boolean isControl(int c) {
    return (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F;
  }

  private static Object number(Field field, Object value, List<FieldError> errors) {
    if (!(value instanceof Number number) || (value instanceof Double d && !Double.isFinite(d))
        || (value instanceof Float f && !Float.isFinite(f))) {
      errors.add(new FieldError(field.key(), field.label() + " must be a number"));
      return null;
    }
    BigDecimal decimal = new BigDecimal(number.toString());
    if ((field.min() != null && decimal.compareTo(field.min()) < 0)
        || (field.max() != null && decimal.compareTo(field.max()) > 0)) {
      errors.add(new FieldError(field.key(), field.label() + " must be between "
          + (field.min() == null ? "-∞" : field.min().toPlainString()) + " and "
          + (field.max() == null ? "∞" : field.max().toPlainString())));
      return null;
    }
    if (field.decimalDigits() != null && decimal.stripTrailingZeros().scale() > field.decimalDigits()) {
      errors.add(new FieldError(field.key(), field.label() + (field.decimalDigits() == 0 ? " must be a whole number"
          : " may have at most " + field.decimalDigits() + " decimal places")));
      return null;
    }
    if (TIME_SPENT.equals(field.key()) && (decimal.stripTrailingZeros().scale() > 0 || decimal.signum() <= 0
        || decimal.compareTo(BigDecimal.valueOf(MOST_MINUTES)) > 0)) {
      errors.add(new FieldError(field.key(), field.label() + " must be whole minutes, from 1 to " + MOST_MINUTES));
      return null;
    }
    if (decimal.abs().compareTo(LARGEST) > 0) {
      errors.add(new FieldError(field.key(), field.label() + " is too large"));
      return null;
    }
    if (decimal.stripTrailingZeros().scale() <= 0) {
      long whole = decimal.longValueExact();
      if (whole == (int) whole) {
        return (int) whole;
      }
      return whole;
    }
    return decimal.doubleValue();
  }
}
