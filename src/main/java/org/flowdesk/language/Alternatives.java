package org.flowdesk.language;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Names of which any one will do, as a refusal writes them in the models' language ("Approvers or Human resources",
 * "A, B or C") and as a person reads them in theirs: joined by the language's {@code {some} or {last}} of the portal's
 * words ("{some} oder {last}"), as the portal joins whom a ticket waits on.
 */
public final class Alternatives {

  static final String SOME_OR_LAST = "{some} or {last}";
  private static final String OR = " or ";
  private static final String AND = ", ";

  private Alternatives() {
  }

  /** "A", "A or B", "A, B or C"; an empty text for none. */
  public static String written(List<String> names) {
    return joined(names, SOME_OR_LAST);
  }

  /** The names a {@link #written} text holds (a name with ", " or " or " in it is read as two). */
  static List<String> read(String written) {
    int or = written.lastIndexOf(OR);
    if (or < 0) {
      return List.of(written);
    }
    List<String> names = new ArrayList<>(Arrays.asList(written.substring(0, or).split(AND)));
    names.add(written.substring(or + OR.length()));
    return names;
  }

  /** The names joined as {@code someOrLast} ("{some} oder {last}") joins them; the English way for a template without both. */
  static String joined(List<String> names, String someOrLast) {
    if (names.size() <= 1) {
      return names.isEmpty() ? "" : names.get(0);
    }
    String template = someOrLast != null && someOrLast.contains("{some}") && someOrLast.contains("{last}")
        ? someOrLast : SOME_OR_LAST;
    return template.replace("{some}", String.join(AND, names.subList(0, names.size() - 1)))
        .replace("{last}", names.get(names.size() - 1));
  }
}
