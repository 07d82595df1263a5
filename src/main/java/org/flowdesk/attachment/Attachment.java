package org.flowdesk.attachment;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A file attached to a ticket or to a knowledge article: its name as made safe, its size, its type
 * as its content shows it, the SHA-256 of its content, who attached it and when, and whether only
 * the agents working the ticket see it (an article's files are seen by the article's readers). Where its content is kept ({@code store}, {@code storageKey}) is never shown.
 */
@Schema(name = "Attachment", description = "A file attached to a ticket or to a knowledge article")
public record Attachment(
    @Schema(description = "The attachment's id, unique across tickets", example = "17") long id,
    @Schema(description = "The ticket it is attached to; absent for an article's file", example = "INC-000042")
    @JsonInclude(JsonInclude.Include.NON_NULL) String ticketNumber,
    @Schema(description = "The file name, without any path, control characters or more than 255 characters",
        example = "vpn-error.png") String name,
    @Schema(description = "Bytes", example = "48213") long size,
    @Schema(description = "The type the content shows (sniffed), not the one the name or the client claimed",
        example = "image/png") String contentType,
    @Schema(description = "SHA-256 of the content, hexadecimal",
        example = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08") String sha256,
    @Schema(description = "The user id of whoever attached it", example = "alice") String uploadedBy,
    Instant uploadedAt,
    @Schema(description = "Shown only to the agents working the ticket") boolean internal,
    @JsonIgnore @Schema(hidden = true) String store,
    @JsonIgnore @Schema(hidden = true) String storageKey,
    @Schema(description = "The knowledge article it is attached to; absent for a ticket's file", example = "KB-000007")
    @JsonInclude(JsonInclude.Include.NON_NULL) String articleId) {

  /** A ticket's attachment. */
  public Attachment(long id, String ticketNumber, String name, long size, String contentType, String sha256,
      String uploadedBy, Instant uploadedAt, boolean internal, String store, String storageKey) {
    this(id, ticketNumber, name, size, contentType, sha256, uploadedBy, uploadedAt, internal, store, storageKey,
        null);
  }

  @Schema(description = "Where the content is downloaded", example = "/api/tickets/INC-000042/attachments/17")
  @JsonProperty
  public String downloadUrl() {
    return articleId != null ? "/api/articles/" + articleId + "/attachments/" + id
        : "/api/tickets/" + ticketNumber + "/attachments/" + id;
  }

  @Schema(description = "A small PNG preview drawn anew from the image, safe to show in a page; only for images "
      + "FlowDesk can read (PNG, JPEG, GIF, BMP, TIFF), otherwise null",
      example = "/api/tickets/INC-000042/attachments/17/thumbnail")
  @JsonProperty
  public String thumbnailUrl() {
    return Thumbnails.previewable(contentType) ? downloadUrl() + "/thumbnail" : null;
  }
}
