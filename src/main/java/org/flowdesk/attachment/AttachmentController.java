package org.flowdesk.attachment;

import java.io.IOException;
import java.time.Clock;
import java.util.List;

import org.flowdesk.api.ApiDocs;
import org.flowdesk.api.FieldError;
import org.flowdesk.api.ForbiddenException;
import org.flowdesk.api.FormValidationException;
import org.flowdesk.api.NotFoundException;
import org.flowdesk.identity.CurrentUser;
import org.flowdesk.ticket.Ticket;
import org.flowdesk.ticket.TicketAccess;
import org.flowdesk.ticket.TicketService;
import org.flowdesk.ticket.TimelineEntry;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * A ticket's attachments: upload, list, download, remove, and a comment with files. Whoever may
 * see the ticket may attach and sees the public attachments; internal ones are the agents'.
 */
@RestController
@RequestMapping("/api/tickets/{number}")
@Tag(name = "Attachments", description = "Files on a ticket: screenshots, contracts, invoices. Checked before "
    + "they are accepted (size, type as the content shows it, the installation's virus scanner); downloads are "
    + "always served as attachments, never shown in FlowDesk's pages.")
class AttachmentController {

  /** Text without control characters other than tab and line breaks, as comments are. */
  private static final String NO_CONTROL_CHARACTERS = "[^\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\x7F]*";

  private final Attachments attachments;
  private final TicketAccess access;
  private final TicketService tickets;
  private final TransactionTemplate transaction;
  private final Clock clock;
  private final AttachmentResponses responses;

  AttachmentController(Attachments attachments, TicketAccess access, TicketService tickets,
      TransactionTemplate transaction, Clock clock, AttachmentResponses responses) {
    this.responses = responses;
    this.attachments = attachments;
    this.access = access;
    this.tickets = tickets;
    this.transaction = transaction;
    this.clock = clock;
  }

  @Schema(name = "AttachmentUpload", description = "Files to attach, one part each, and their visibility")
  record UploadForm(
      @ArraySchema(arraySchema = @Schema(description = "The files; each at most the configured size"),
          schema = @Schema(type = "string", format = "binary")) List<String> files,
      @Schema(description = "Only the agents working the ticket see them (only they may say so)",
          defaultValue = "false") Boolean internal) {
  }

  @Operation(operationId = "attachFiles", summary = "Attach files to a ticket",
      description = """
          multipart/form-data with one part "files" per file and an optional field "internal" (true: \
          only the agents working the ticket see them; only they may attach internal files). Every file \
          is checked first; if one is refused, none is attached. Each appears on the ticket's timeline.""",
      requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
          mediaType = MediaType.MULTIPART_FORM_DATA_VALUE, schema = @Schema(implementation = UploadForm.class))))
  @ApiResponse(responseCode = "201", description = "The attachments made")
  @ApiResponse(responseCode = "400", ref = ApiDocs.BAD_REQUEST)
  @ApiResponse(responseCode = "404", ref = ApiDocs.NOT_FOUND)
  @ApiResponse(responseCode = "413", ref = ApiDocs.TOO_LARGE)
  @ApiResponse(responseCode = "415", ref = ApiDocs.UNSUPPORTED_TYPE)
  @ApiResponse(responseCode = "422", ref = ApiDocs.UNPROCESSABLE)
  @PostMapping(path = "/attachments", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  @ResponseStatus(HttpStatus.CREATED)
  List<Attachment> attach(@PathVariable String number,
      @Parameter(hidden = true) @RequestPart(name = "files", required = false) List<MultipartFile> files,
      @Parameter(hidden = true) @RequestParam(name = "internal", defaultValue = "false") boolean internal,
      Authentication caller) {
    CurrentUser user = CurrentUser.of(caller);
    Ticket ticket = access.visible(number, user);
    mayWriteInternal(internal, ticket, user);
    List<Upload> uploads = Upload.of(files);
    if (uploads.isEmpty()) {
      throw new FormValidationException(List.of(new FieldError("files", "choose at least one file")));
    }
    List<CheckedUpload> checked = attachments.check(number, uploads);
    return attachments.attach(number, checked, user.id(), internal, clock.instant());
  }

  @Operation(operationId = "listAttachments", summary = "A ticket's attachments",
      description = "The attachments the caller may see, oldest first: internal ones only for the agents working "
          + "the ticket.")
  @ApiResponse(responseCode = "200", description = "The attachments")
  @ApiResponse(responseCode = "404", ref = ApiDocs.NOT_FOUND)
  @GetMapping("/attachments")
  List<Attachment> list(@PathVariable String number, Authentication caller) {
    CurrentUser user = CurrentUser.of(caller);
    Ticket ticket = access.visible(number, user);
    return attachments.list(number, access.works(ticket, user));
  }

  @Operation(operationId = "downloadAttachment", summary = "Download an attachment",
      description = """
          The content, always as a download (Content-Disposition: attachment) with the type its content \
          showed when it was attached, X-Content-Type-Options: nosniff and a sandboxing \
          Content-Security-Policy, so that an HTML or SVG file never runs in FlowDesk's origin. One byte \
          range (Range: bytes=…) is answered with 206 and that part, so a large download can be resumed.""")
  @ApiResponse(responseCode = "200", description = "The file", headers = {
      @Header(name = HttpHeaders.CONTENT_DISPOSITION, description = "attachment, with the file's name",
          schema = @Schema(type = "string")),
      @Header(name = HttpHeaders.ETAG, description = "The content's SHA-256", schema = @Schema(type = "string"))},
      content = @Content(mediaType = MediaType.APPLICATION_OCTET_STREAM_VALUE,
          schema = @Schema(type = "string", format = "binary")))
  @ApiResponse(responseCode = "206", description = "The range asked for", headers = @Header(
      name = HttpHeaders.CONTENT_RANGE, description = "bytes first-last/size", schema = @Schema(type = "string")),
      content = @Content(mediaType = MediaType.APPLICATION_OCTET_STREAM_VALUE,
          schema = @Schema(type = "string", format = "binary")))
  @ApiResponse(responseCode = "404", ref = ApiDocs.NOT_FOUND)
  @ApiResponse(responseCode = "416", description = "The range starts beyond the end of the file",
      content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
          schema = @Schema(ref = "#/components/schemas/Problem")))
  @GetMapping(path = "/attachments/{id}", produces = MediaType.ALL_VALUE)
  void download(@PathVariable String number,
      @Parameter(description = "The attachment's id", example = "17") @PathVariable long id,
      @Parameter(description = "One range of bytes; several ranges are answered with the whole file",
          example = "bytes=1048576-") @RequestHeader(name = HttpHeaders.RANGE, required = false) String range,
      @Parameter(description = "The ETag the range belongs to: if the file is another, the whole file comes")
      @RequestHeader(name = HttpHeaders.IF_RANGE, required = false) String ifRange,
      Authentication caller, HttpServletResponse response) throws IOException {
    responses.download(visible(number, id, CurrentUser.of(caller)), range, ifRange, response);
  }

  @Operation(operationId = "attachmentThumbnail", summary = "A preview of an image attachment",
      description = """
          A PNG of at most 240 × 240 pixels drawn anew from the image's pixels (nothing of the uploaded \
          file reaches the browser), for PNG, JPEG, GIF, BMP and TIFF attachments; other files, damaged \
          images and images of more than 200 million pixels have none (404). Served with \
          X-Content-Type-Options: nosniff and a sandboxing Content-Security-Policy, to whoever may download \
          the attachment.""")
  @ApiResponse(responseCode = "200", description = "The preview", headers = @Header(name = HttpHeaders.ETAG,
      description = "The content's SHA-256, marked as the preview's", schema = @Schema(type = "string")),
      content = @Content(mediaType = MediaType.IMAGE_PNG_VALUE, schema = @Schema(type = "string", format = "binary")))
  @ApiResponse(responseCode = "304", description = "The preview the caller has (If-None-Match) is still the one")
  @ApiResponse(responseCode = "404", ref = ApiDocs.NOT_FOUND)
  @GetMapping(path = "/attachments/{id}/thumbnail", produces = MediaType.ALL_VALUE)
  void thumbnail(@PathVariable String number,
      @Parameter(description = "The attachment's id", example = "17") @PathVariable long id,
      @Parameter(description = "The ETag of the preview the caller has")
      @RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch,
      Authentication caller, HttpServletResponse response) throws IOException {
    responses.thumbnail(visible(number, id, CurrentUser.of(caller)), ifNoneMatch, response);
  }

  @Operation(operationId = "removeAttachment", summary = "Remove an attachment",
      description = "By whoever attached it or the agents working the ticket; the timeline keeps that it was "
          + "removed, by whom and when.")
  @ApiResponse(responseCode = "204", description = "Removed")
  @ApiResponse(responseCode = "403", ref = ApiDocs.FORBIDDEN)
  @ApiResponse(responseCode = "404", ref = ApiDocs.NOT_FOUND)
  @DeleteMapping("/attachments/{id}")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  void remove(@PathVariable String number,
      @Parameter(description = "The attachment's id", example = "17") @PathVariable long id, Authentication caller) {
    CurrentUser user = CurrentUser.of(caller);
    Attachment attachment = visible(number, id, user);
    if (!attachment.uploadedBy().equals(user.id()) && !access.works(access.visible(number, user), user)) {
      throw new ForbiddenException("Only whoever attached " + attachment.name() + " and the agents working " + number
          + " may remove it");
    }
    attachments.delete(attachment, user.id(), clock.instant());
  }

  /** The comment of a comment with files, as a part of JSON (NewComment in the API document). */
  record CommentPart(@NotBlank @Size(max = 20_000) @Pattern(regexp = NO_CONTROL_CHARACTERS,
      message = "must not contain control characters") String text, Boolean internal,
      @jakarta.validation.constraints.DecimalMin(value = "1", message = MINUTES)
      @jakarta.validation.constraints.DecimalMax(value = "1440", message = MINUTES)
      @jakarta.validation.constraints.Digits(integer = 4, fraction = 0, message = MINUTES)
      java.math.BigDecimal timeSpentMinutes) {

    static final String MINUTES = "must be whole minutes, from 1 to 1440";

    boolean isInternal() {
      return Boolean.TRUE.equals(internal);
    }
  }

  /** A comment with files; the API document shows it with the JSON call ({@link UploadDocs}). */
  @Operation(hidden = true)
  @PostMapping(path = "/comments", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  @ResponseStatus(HttpStatus.CREATED)
  TimelineEntry comment(@PathVariable String number,
      @Parameter(hidden = true) @Valid @RequestPart("comment") CommentPart comment,
      @Parameter(hidden = true) @RequestPart(name = "files", required = false) List<MultipartFile> files,
      Authentication caller) {
    CurrentUser user = CurrentUser.of(caller);
    Ticket ticket = access.visible(number, user);
    boolean agent = access.works(ticket, user);
    mayWriteInternal(comment.isInternal(), ticket, user);
    if (comment.timeSpentMinutes() != null && !agent) {
      throw new FormValidationException(List.of(new FieldError("timeSpentMinutes",
          "only agents working the ticket record time worked")));
    }
    List<CheckedUpload> checked = attachments.check(number, Upload.of(files));
    return transaction.execute(status -> {
      TimelineEntry entry = tickets.comment(number, user.id(), comment.text(), comment.isInternal(), agent,
          comment.timeSpentMinutes() == null ? null : comment.timeSpentMinutes().intValueExact(), clock.instant());
      attachments.attach(number, checked, user.id(), comment.isInternal(), entry.at());
      return entry;
    });
  }

  private void mayWriteInternal(boolean internal, Ticket ticket, CurrentUser user) {
    if (internal && !access.works(ticket, user)) {
      throw new FormValidationException(List.of(new FieldError("internal",
          "only agents working the ticket may attach or write internal ones")));
    }
  }

  /**
   * Always a download: {@code filename} in plain ASCII (anything else, quotes and backslashes
   * become _), and the name itself as RFC 6266's {@code filename*} in UTF-8.
   */
  /** The attachment if the user may see it: its ticket, and internal ones only for its agents. */
  private Attachment visible(String number, long id, CurrentUser user) {
    Ticket ticket = access.visible(number, user);
    return attachments.find(number, id, access.works(ticket, user))
        .orElseThrow(() -> new NotFoundException("attachment", number + "/" + id));
  }
}
