package org.flowdesk.language;

import java.util.List;

import org.flowdesk.api.FieldError;

/**
 * An API answer that is no problem but holds refusals written in English, as a bulk action's report holds why each
 * refused ticket was not done: the refusals advice hands it a {@link Reader} in the caller's language, and it answers
 * with itself so read. The language package needs not know the answer's kind.
 */
public interface WithRefusals<T> {

  /** This answer with its refusals as {@code reader} reads them. */
  T read(Reader reader);

  /** Reads refusals in one language, as a problem's detail and its fields' messages are read. */
  interface Reader {

    /** A refusal in the language ("No ticket INC-000042 that you may see"). */
    String refusal(String english);

    /**
     * Refused fields in the language, joined as a problem's detail joins them ("field: message; …"), each named by
     * its label in the form's words of the language when the form (its id) is known, as a refused form's are.
     */
    String fields(List<FieldError> errors, String form);
  }
}
