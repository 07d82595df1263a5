package org.flowdesk.attachment;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.flowdesk.models.FormSchema;
import org.flowdesk.ticket.FormFiles;
import org.springframework.stereotype.Component;
import org.springframework.util.MultiValueMap;
import org.springframework.web.multipart.MultipartFile;

/**
 * The files of a report, an order or a task's form: checked together, as one request, and told
 * apart by the part that carried them (a file picker's key, or {@code files}).
 */
@Component
class FormUploads implements FormFiles {

  private final Attachments attachments;

  FormUploads(Attachments attachments) {
    this.attachments = attachments;
  }

  @Override
  public Checked check(String ticket, MultiValueMap<String, MultipartFile> parts, String formPart) {
    Map<String, List<Upload>> byPart = new LinkedHashMap<>();
    if (parts != null) {
      parts.forEach((name, files) -> {
        List<Upload> uploads = Upload.of(files);
        if (!uploads.isEmpty() && !name.equals(formPart)) {
          byPart.put(name, uploads);
        }
      });
    }
    List<Upload> all = byPart.values().stream().flatMap(List::stream).toList();
    Map<Upload, String> partOf = new IdentityHashMap<>();
    byPart.forEach((name, uploads) -> uploads.forEach(upload -> partOf.put(upload, name)));
    List<CheckedUpload> checked = ticket == null ? attachments.check(all) : attachments.check(ticket, all);
    Map<Upload, CheckedUpload> byUpload = new IdentityHashMap<>();
    checked.forEach(file -> byUpload.put(file.upload(), file));
    Map<String, List<FormSchema.PickedFile>> byField = new LinkedHashMap<>();
    byPart.forEach((name, uploads) -> {
      if (!OTHER_FILES.equals(name)) {
        List<FormSchema.PickedFile> picked = new ArrayList<>();
        uploads.forEach(upload -> {
          CheckedUpload file = byUpload.get(upload);
          picked.add(new FormSchema.PickedFile(file.name(), file.contentType()));
        });
        byField.put(name, List.copyOf(picked));
      }
    });
    return new Sent(attachments, checked, Map.copyOf(byField), partOf);
  }

  /** Checked files of one request; attached as public files, like those of a report or a comment. */
  record Sent(Attachments attachments, List<CheckedUpload> files, Map<String, List<FormSchema.PickedFile>> byField,
      Map<Upload, String> partOf) implements Checked {

    @Override
    public void attach(String ticket, String actor, Instant at) {
      attachments.attach(ticket, files, actor, false, at);
    }

    @Override
    public List<String> fingerprint() {
      // Sorted: the same files sent in another order of parts are the same request.
      return files.stream().map(file -> partOf.get(file.upload()) + "/" + file.name() + "/" + sha256(file)).sorted()
          .toList();
    }

    private static String sha256(CheckedUpload file) {
      MessageDigest sha256 = Attachments.sha256();
      try (InputStream content = new DigestInputStream(file.upload().content().getInputStream(), sha256)) {
        content.transferTo(OutputStream.nullOutputStream());
        return HexFormat.of().formatHex(sha256.digest());
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot read " + file.name(), e);
      }
    }
  }
}
