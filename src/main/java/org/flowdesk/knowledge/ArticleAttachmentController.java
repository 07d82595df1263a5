package org.flowdesk.knowledge;

import java.io.IOException;
import java.time.Clock;
import java.util.List;

import org.flowdesk.api.ApiDocs;
import org.flowdesk.api.FieldError;
import org.flowdesk.api.FormValidationException;
import org.flowdesk.api.NotFoundException;
import org.flowdesk.attachment.Attachment;
import org.flowdesk.attachment.AttachmentResponses;
import org.flowdesk.attachment.Attachments;
import org.flowdesk.attachment.Upload;
import org.flowdesk.identity.CurrentUser;
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
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The files of a knowledge article (a screenshot of the setting to change, a form to fill in):
 * checked, stored and sent as a ticket's are (org.flowdesk.attachment). Its author adds and removes
 * them with the text (not while it is reviewed); whoever may read the article downloads them —
 * readers of the published version those attached by the time it was published, its author and
 * the owners of its service all of them.
 */
@RestController
@RequestMapping("/api/articles/{id}/attachments")
@Tag(name = "Knowledge")
class ArticleAttachmentController {

  private final Articles articles;
  private final Attachments attachments;
  private final AttachmentResponses responses;
  private final TransactionTemplate transaction;
  private final Clock clock;

  ArticleAttachmentController(Articles articles, Attachments attachments, AttachmentResponses responses,
      TransactionTemplate transaction, Clock clock) {
    this.articles = articles;
    this.attachments = attachments;
    this.responses = responses;
    this.transaction = transaction;
    this.clock = clock;
  }

  @Schema(name = "ArticleAttachmentUpload", description = "Files to attach to an article, one part each")
  record UploadForm(@ArraySchema(arraySchema = @Schema(description = "The files; each at most the configured size"),
      schema = @Schema(type = "string", format = "binary")) List<String> files) {
  }

  @Operation(operationId = "attachArticleFiles", summary = "Attach files to an article",
      description = """
          multipart/form-data with one part "files" per file, by the article's author while it is a draft, \
          sent back or published (not while it is reviewed, not once retired). The checks and limits of \
          a ticket's files hold (size, type as the content shows it, the virus scanner, files and bytes \
          per article); if one file is refused, none is attached. Readers of the published version see \
          a file once the article is published again.""",
      requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
          mediaType = MediaType.MULTIPART_FORM_DATA_VALUE, schema = @Schema(implementation = UploadForm.class))))
  @ApiResponse(responseCode = "201", description = "The attachments made")
  @ApiResponse(responseCode = "400", ref = ApiDocs.BAD_REQUEST)
  @ApiResponse(responseCode = "403", ref = ApiDocs.FORBIDDEN)
  @ApiResponse(responseCode = "404", ref = ApiDocs.NOT_FOUND)
  @ApiResponse(responseCode = "409", ref = ApiDocs.CONFLICT)
  @ApiResponse(responseCode = "413", ref = ApiDocs.TOO_LARGE)
  @ApiResponse(responseCode = "415", ref = ApiDocs.UNSUPPORTED_TYPE)
  @ApiResponse(responseCode = "422", ref = ApiDocs.UNPROCESSABLE)
  @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  @ResponseStatus(HttpStatus.CREATED)
  List<Attachment> attach(@PathVariable String id,
      @Parameter(hidden = true) @RequestPart(name = "files", required = false) List<MultipartFile> files,
      Authentication caller) {
    CurrentUser user = CurrentUser.of(caller);
    List<Upload> uploads = Upload.of(files);
    return transaction.execute(status -> {
      Article article = articles.forChangingFiles(user, id);
      if (uploads.isEmpty()) {
        throw new FormValidationException(List.of(new FieldError("files", "choose at least one file")));
      }
      return attachments.attachToArticle(article.id(), attachments.checkForArticle(article.id(), uploads),
          user.id(), clock.instant());
    });
  }

  @Operation(operationId = "listArticleFiles", summary = "An article's files",
      description = "Oldest first: for readers those of the published version, for its author and the owners of "
          + "its service all of them.")
  @ApiResponse(responseCode = "200", description = "The attachments")
  @ApiResponse(responseCode = "404", ref = ApiDocs.NOT_FOUND)
  @GetMapping
  List<Attachment> list(@PathVariable String id, Authentication caller) {
    CurrentUser user = CurrentUser.of(caller);
    Article article = articles.visibleArticle(user, id);
    return attachments.ofArticle(article.id()).stream().filter(a -> sees(user, article, a)).toList();
  }

  @Operation(operationId = "downloadArticleFile", summary = "Download a file of an article",
      description = "As a ticket's attachment: always a download, nosniff, a sandboxing Content-Security-Policy, "
          + "one byte range answered with 206.")
  @ApiResponse(responseCode = "200", description = "The file", content = @Content(
      mediaType = MediaType.APPLICATION_OCTET_STREAM_VALUE, schema = @Schema(type = "string", format = "binary")))
  @ApiResponse(responseCode = "206", description = "The range asked for", content = @Content(
      mediaType = MediaType.APPLICATION_OCTET_STREAM_VALUE, schema = @Schema(type = "string", format = "binary")))
  @ApiResponse(responseCode = "404", ref = ApiDocs.NOT_FOUND)
  @GetMapping(path = "/{file}", produces = MediaType.ALL_VALUE)
  void download(@PathVariable String id,
      @Parameter(description = "The attachment's id", example = "17") @PathVariable long file,
      @Parameter(description = "One range of bytes") @RequestHeader(name = HttpHeaders.RANGE, required = false)
      String range,
      @Parameter(description = "The ETag the range belongs to") @RequestHeader(name = HttpHeaders.IF_RANGE,
          required = false) String ifRange,
      Authentication caller, HttpServletResponse response) throws IOException {
    responses.download(visible(id, file, CurrentUser.of(caller)), range, ifRange, response);
  }

  @Operation(operationId = "articleFileThumbnail", summary = "A preview of an article's image",
      description = "A PNG drawn anew from the image, as for a ticket's attachment; 404 for other files.")
  @ApiResponse(responseCode = "200", description = "The preview", content = @Content(
      mediaType = MediaType.IMAGE_PNG_VALUE, schema = @Schema(type = "string", format = "binary")))
  @ApiResponse(responseCode = "304", description = "The preview the caller has is still the one")
  @ApiResponse(responseCode = "404", ref = ApiDocs.NOT_FOUND)
  @GetMapping(path = "/{file}/thumbnail", produces = MediaType.ALL_VALUE)
  void thumbnail(@PathVariable String id,
      @Parameter(description = "The attachment's id", example = "17") @PathVariable long file,
      @Parameter(description = "The ETag of the preview the caller has")
      @RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch,
      Authentication caller, HttpServletResponse response) throws IOException {
    responses.thumbnail(visible(id, file, CurrentUser.of(caller)), ifNoneMatch, response);
  }

  @Operation(operationId = "removeArticleFile", summary = "Remove a file of an article",
      description = "By its author, when the text may be changed; readers of the published version no longer "
          + "get it.")
  @ApiResponse(responseCode = "204", description = "Removed")
  @ApiResponse(responseCode = "403", ref = ApiDocs.FORBIDDEN)
  @ApiResponse(responseCode = "404", ref = ApiDocs.NOT_FOUND)
  @ApiResponse(responseCode = "409", ref = ApiDocs.CONFLICT)
  @DeleteMapping("/{file}")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  void remove(@PathVariable String id,
      @Parameter(description = "The attachment's id", example = "17") @PathVariable long file, Authentication caller) {
    CurrentUser user = CurrentUser.of(caller);
    transaction.executeWithoutResult(status -> {
      Article article = articles.forChangingFiles(user, id);
      Attachment attachment = attachments.findOfArticle(article.id(), file)
          .orElseThrow(() -> new NotFoundException("attachment", id + "/" + file));
      attachments.delete(attachment, user.id(), clock.instant());
    });
  }

  private Attachment visible(String id, long file, CurrentUser user) {
    Article article = articles.visibleArticle(user, id);
    return attachments.findOfArticle(article.id(), file).filter(a -> sees(user, article, a))
        .orElseThrow(() -> new NotFoundException("attachment", id + "/" + file));
  }

  /** Readers see the files of the published version: those attached by the time it was published. */
  private boolean sees(CurrentUser user, Article article, Attachment attachment) {
    return articles.writes(user, article)
        || (article.publishedAt() != null && !attachment.uploadedAt().isAfter(article.publishedAt()));
  }
}
