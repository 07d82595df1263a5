package org.flowdesk.ticket;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.flowdesk.models.FormSchema;
import org.springframework.util.MultiValueMap;
import org.springframework.web.multipart.MultipartFile;

/**
 * The files that come with a form in a multipart request: parts named by one of the form's file
 * pickers ({@link FormSchema#FILE_PICKER}) answer that field, parts {@code files} are other files.
 * The attachment package checks and keeps them; tickets only hand them over, so that this package
 * needs nothing of how files are stored.
 */
public interface FormFiles {

  /** The part that carries files which answer no field. */
  String OTHER_FILES = "files";

  /**
   * Checks every file of the request (against the ticket's limits when it has one) before anything
   * is written: a refused file refuses the whole request.
   *
   * @param ticket the ticket the files are for, or null for a ticket still to be made
   * @param formPart the part that carries the form's JSON, which is no file even when sent as one
   */
  Checked check(String ticket, MultiValueMap<String, MultipartFile> parts, String formPart);

  /** Files that passed every check. */
  interface Checked {

    /** The files sent for each file picker, by field key, for the form's own checks. */
    Map<String, List<FormSchema.PickedFile>> byField();

    /** Attaches them all to the ticket, in the caller's transaction, visible to whoever sees the ticket. */
    void attach(String ticket, String actor, Instant at);

    /**
     * What the files are, for an {@code Idempotency-Key}'s fingerprint of the request: each file's part, name
     * and content digest, in a fixed order (not the order sent); empty when no file was sent. A retry with the same key must send
     * the same files.
     */
    List<String> fingerprint();
  }
}
