package org.flowdesk.notification;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongFunction;

import org.flowdesk.attachment.Attachment;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.util.unit.DataSize;
import org.springframework.web.util.HtmlUtils;

import com.fasterxml.jackson.databind.JsonNode;

import jakarta.mail.MessagingException;

/**
 * A ticket's public attachments in a mail about it ({@code {{attachments}}} in the templates):
 * each named with its size and a link to it in FlowDesk, where whoever follows the link must log
 * in and may see the ticket. Internal attachments are never named: a mail leaves FlowDesk. The
 * files themselves ride along only when the installation allows it, as many as fit together in
 * {@code upTo} (none by default), oldest first.
 */
final class MailFiles {

  /** Writes an attachment's content (Attachments::copy). */
  interface Content {
    void copy(Attachment attachment, OutputStream out) throws IOException;
  }

  private final List<Attachment> linked;
  private final List<Attachment> carried = new ArrayList<>();
  private final String urlTemplate;

  MailFiles(List<Attachment> attachments, String urlTemplate, DataSize upTo) {
    this.linked = attachments.stream().filter(a -> !a.internal()).toList();
    this.urlTemplate = urlTemplate;
    long room = upTo.toBytes();
    for (Attachment attachment : linked) {
      if (attachment.size() <= room) {
        carried.add(attachment);
        room -= attachment.size();
      }
    }
  }

  /**
   * @param words the mail's language's words ({@code mail} in {@code i18n/<language>.json}, by
   *     their English), empty for English
   * @param size a file's size in the mail's language ({@link org.flowdesk.language.Languages#size})
   */
  String text(JsonNode words, LongFunction<String> size) {
    if (linked.isEmpty()) {
      return "";
    }
    StringBuilder text = new StringBuilder(word(words, "Files on the ticket:")).append('\n');
    for (Attachment a : linked) {
      text.append("- ").append(a.name()).append(" (").append(size.apply(a.size()))
          .append(carried.contains(a) ? ", " + word(words, "attached") : "").append("): ").append(url(a)).append('\n');
    }
    return text.append('\n').toString();
  }

  String html(JsonNode words, LongFunction<String> size) {
    if (linked.isEmpty()) {
      return "";
    }
    StringBuilder html = new StringBuilder("<p>").append(HtmlUtils.htmlEscape(word(words, "Files on the ticket:"), "UTF-8"))
        .append("</p>\n<ul>\n");
    for (Attachment a : linked) {
      html.append("  <li><a href=\"").append(HtmlUtils.htmlEscape(url(a))).append("\">")
          .append(HtmlUtils.htmlEscape(a.name())).append("</a> (").append(HtmlUtils.htmlEscape(size.apply(a.size()), "UTF-8"))
          .append(carried.contains(a) ? ", " + HtmlUtils.htmlEscape(word(words, "attached"), "UTF-8") : "").append(")</li>\n");
    }
    return html.append("</ul>\n").toString();
  }

  private static String word(JsonNode words, String english) {
    return words.path(english).asText(english);
  }

  /** Adds the files that ride along to the mail, each read from its store once, now. */
  void attachTo(MimeMessageHelper mail, Content content) throws MessagingException, IOException {
    for (Attachment a : carried) {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream((int) a.size());
      content.copy(a, bytes);
      mail.addAttachment(a.name(), new ByteArrayResource(bytes.toByteArray()), a.contentType());
    }
  }

  private String url(Attachment a) {
    return urlTemplate.replace("{number}", a.ticketNumber()).replace("{id}", String.valueOf(a.id()));
  }
}
