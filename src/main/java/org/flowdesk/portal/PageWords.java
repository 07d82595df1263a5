package org.flowdesk.portal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import org.flowdesk.language.Languages;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;

/**
 * The words of FlowDesk's pages drawn on the server (the login, the error pages) in the person's language: each
 * element marked {@code data-tr="English"} gets its text from {@code i18n/<lang>.json}'s {@code portal} section, as the
 * portal's script does, and {@code {{lang}}} names the language. The person is the one logged in, if anyone is (their
 * profile's language, else the browser's), else the browser's.
 */
@Component
class PageWords {

  /** An element whose text is translated: {@code <label … data-tr="Username">Username<}. */
  private static final Pattern TRANSLATED = Pattern.compile("(<[^>]* data-tr=\"([^\"]*)\"[^>]*>)([^<]*)");

  private final ObjectProvider<Languages> languages;

  PageWords(ObjectProvider<Languages> languages) {
    this.languages = languages;
  }

  /** The page in the language of the person (a user id, or null for someone not logged in). */
  String translate(String page, String userId) {
    Languages words = languages.getIfAvailable();
    String code = words == null ? Languages.MODELS_LANGUAGE : words.ofCaller(userId);
    JsonNode portal = words == null ? null : words.bundle(code).path("portal");
    String translated = TRANSLATED.matcher(page).replaceAll(text -> Matcher.quoteReplacement(text.group(1)
        + (portal == null ? text.group(3) : HtmlUtils.htmlEscape(portal.path(HtmlUtils.htmlUnescape(text.group(2)))
            .asText(HtmlUtils.htmlUnescape(text.group(3))), StandardCharsets.UTF_8.name()))));
    return translated.replace("{{lang}}", code);
  }

  /** A page the portal's build wrote (portal/build.mjs): outside static/, served only by FlowDesk's controllers. */
  static String read(String name) {
    try (InputStream in = new ClassPathResource(name).getInputStream()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("The portal is not built: " + name + " is missing (run mvn package)", e);
    }
  }
}
