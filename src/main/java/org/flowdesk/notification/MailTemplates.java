package org.flowdesk.notification;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.flowdesk.language.Languages;
import org.springframework.web.util.HtmlUtils;

/**
 * Mail text per notification kind, from files an administrator edits: {@code mail/<kind>.txt}
 * (first line {@code Subject: …}, a blank line, the plain text) and {@code mail/<kind>.html}.
 * {@code {{field}}} is replaced by the ticket's field; in HTML the value is escaped. A mail in another
 * language than English is {@code mail/<kind>.<language>.txt} and {@code .html}; without them the mail
 * goes in English. A watcher of the ticket, told in the model's {@code watcherText}, gets the kind's
 * watcher template, {@code mail/<kind>.watcher.txt} and {@code .html} (in a language:
 * {@code mail/<kind>.watcher.<language>.txt}), which does not speak to them as if the ticket were theirs;
 * a kind without one sends its own. Files are read at every send, so a change applies to the next mail. A
 * value given as HTML already (a list of links whose every part was escaped) goes into the HTML as it is.
 */
public final class MailTemplates {

  private static final Pattern FIELD = Pattern.compile("\\{\\{\\s*([A-Za-z]+)\\s*}}");

  record Mail(String subject, String text, String html) {
  }

  /** What a kind's watcher template adds to its name: {@code mail/request_rejected.watcher.txt}. */
  static final String WATCHER = ".watcher";

  private final Path folder;

  /**
   * What is wrong with a template file of {@code mail/} (its name and content), or null: a text template starts
   * with a line "Subject: …", and every {@code {{…}}} is a field name of letters.
   */
  public static String problem(String fileName, String content) {
    if (fileName.endsWith(".txt") && !content.startsWith("Subject:")) {
      return "a mail's text template must start with a line 'Subject: …'";
    }
    int opened = content.split("\\{\\{", -1).length - 1;
    long fields = FIELD.matcher(content).results().count();
    if (opened != fields) {
      return "every {{ must be a field such as {{ticketNumber}}: letters only, closed by }}";
    }
    return null;
  }

  MailTemplates(Path modelsRoot) {
    this.folder = modelsRoot.resolve("mail");
  }

  /** The template a notification of the kind is mailed with: its watcher template for a watcher, when it has one. */
  String template(String kind, boolean forWatcher) {
    String watcher = kind + WATCHER;
    return forWatcher && Files.isRegularFile(folder.resolve(watcher + ".txt")) ? watcher : kind;
  }

  Mail render(String kind, String language, Map<String, String> values, Map<String, String> htmlValues) {
    String text = read(inLanguage(kind, language, ".txt"));
    if (!text.startsWith("Subject:")) {
      throw new IllegalStateException("mail/" + kind + ".txt must start with a line 'Subject: …'");
    }
    int lineEnd = text.indexOf('\n');
    String subject = text.substring("Subject:".length(), lineEnd < 0 ? text.length() : lineEnd).strip();
    String body = lineEnd < 0 ? "" : text.substring(lineEnd + 1).stripLeading();
    return new Mail(fill(subject, values, Map.of(), false).replaceAll("[\\r\\n]+", " "),
        fill(body, values, Map.of(), false), fill(read(inLanguage(kind, language, ".html")), values, htmlValues, true));
  }

  /** The language the template's mail is in: the language when it has its file there, else the models'. */
  String languageOf(String kind, String language) {
    return inLanguage(kind, language, ".txt").equals(kind + ".txt") ? Languages.MODELS_LANGUAGE : language;
  }

  /** The template's file in the language, or the models' own when that language has none. */
  private String inLanguage(String kind, String language, String extension) {
    String translated = kind + "." + language + extension;
    return Files.isRegularFile(folder.resolve(translated)) ? translated : kind + extension;
  }

  private String read(String file) {
    Path path = folder.resolve(file);
    try {
      return Files.readString(path, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("No mail template " + path + ": add it to send this kind of notification", e);
    }
  }

  private static String fill(String template, Map<String, String> values, Map<String, String> htmlValues,
      boolean html) {
    Matcher field = FIELD.matcher(template);
    StringBuilder out = new StringBuilder();
    while (field.find()) {
      String value = values.getOrDefault(field.group(1), "");
      String filled = !html ? value : htmlValues.containsKey(field.group(1)) ? htmlValues.get(field.group(1))
          : HtmlUtils.htmlEscape(value);
      field.appendReplacement(out, Matcher.quoteReplacement(filled));
    }
    return field.appendTail(out).toString();
  }
}
