package org.flowdesk.attachment;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * An installation's virus scanner: every Spring bean of this type is asked about every file
 * before it is accepted (API, portal and mail alike); FlowDesk ships none, so none is called
 * unless an installation adds one (for example a client of its ClamAV daemon).
 */
public interface AttachmentScanner {

  /**
   * @param name the file's (safe) name
   * @param contentType the type its content shows
   * @param content the content, to be read at most once; the caller closes it
   * @return empty if the file may be accepted, else why not (shown to the uploader)
   * @throws IOException if the scanner cannot be asked: the upload is refused as "try again later"
   */
  Optional<String> scan(String name, String contentType, InputStream content) throws IOException;
}
