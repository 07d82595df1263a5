package org.flowdesk.knowledge;

import java.time.Instant;
import java.util.List;

import org.flowdesk.api.ApiDocs;
import org.flowdesk.identity.CurrentUser;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@RequestMapping("/api/articles")
@Tag(name = "Knowledge", description = "Knowledge articles: agents write them in Markdown, the owners of the "
    + "article's service review them (processes/knowledge-article.bpmn), everyone in the audience reads the "
    + "published version, votes and counts a deflection. Search finds them (GET /api/search). An article the "
    + "caller may not read answers 404.")
class ArticleController {

  static final String TEXT = "[^\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\x7F]*";
  static final String NO_CONTROL = "must not contain control characters";

  private final Articles articles;

  ArticleController(Articles articles) {
    this.articles = articles;
  }

  @Schema(name = "NewArticle", description = "A draft; from a resolved ticket (fromTicket) the ticket's title, "
      + "service and resolution fill what is left out")
  record NewArticle(@Size(max = 200) @Pattern(regexp = TEXT, message = NO_CONTROL) String title,
      @Schema(description = "Markdown") @Size(max = 100_000) @Pattern(regexp = TEXT, message = NO_CONTROL) String body,
      @Size(max = 64) String service,
      @Size(max = 64) @Pattern(regexp = TEXT, message = NO_CONTROL) String category,
      @Schema(description = "everyone or agents", example = "everyone") @NotNull
      @Pattern(regexp = "everyone|agents", message = "must be everyone or agents") String audience,
      @Schema(description = "en or de", example = "en") @NotNull
      @Pattern(regexp = "en|de", message = "must be en or de") String language,
      @Size(max = 500) @Pattern(regexp = TEXT, message = NO_CONTROL) String keywords,
      @Schema(description = "A ticket the caller worked and resolved", example = "INC-000042") @Size(max = 20)
      String fromTicket) {
  }

  @Schema(name = "ArticleText", description = "The working copy as its author writes it")
  record ArticleText(@NotNull @Size(min = 1, max = 200) @Pattern(regexp = TEXT, message = NO_CONTROL) String title,
      @Schema(description = "Markdown") @NotNull @Size(min = 1, max = 100_000)
      @Pattern(regexp = TEXT, message = NO_CONTROL) String body,
      @Size(max = 64) @Pattern(regexp = TEXT, message = NO_CONTROL) String category,
      @NotNull @Pattern(regexp = "everyone|agents", message = "must be everyone or agents") String audience,
      @NotNull @Pattern(regexp = "en|de", message = "must be en or de") String language,
      @Size(max = 500) @Pattern(regexp = TEXT, message = NO_CONTROL) String keywords) {
  }

  @Schema(name = "ArticleReview", description = "approve, or send_back with a reason for the author")
  record Review(@NotNull @Pattern(regexp = "approve|send_back", message = "must be approve or send_back") String decision,
      @Size(max = 2000) @Pattern(regexp = TEXT, message = NO_CONTROL) String reason) {
  }

  @Schema(name = "ArticlePeriodicReview", description = "keep it published, have it revised, or retire it")
  record PeriodicReview(@NotNull @Pattern(regexp = "keep|revise|retire", message = "must be keep, revise or retire")
      String outcome) {
  }

  @Schema(name = "ArticleVote", description = "Was this helpful? One vote per person; a new one replaces it")
  record Vote(@NotNull Boolean helpful, @Size(max = 2000) @Pattern(regexp = TEXT, message = NO_CONTROL) String comment) {
  }

  @Schema(name = "Article", description = "An article as the caller may read it: the published version as safe "
      + "HTML; its author and the service's owners also get the working copy")
  record View(String id, @Schema(description = "article, or known_error: a problem's workaround, published when the problem became a "
      + "known error (sourceTicket is the problem) and retired when it is fixed", example = "article") String kind, String status, String service, String category, String audience, String language,
      String keywords, String author, String sourceTicket,
      @Schema(description = "The published version shown; null before the first publication") Integer version,
      @Schema(description = "The published version's title") String title,
      @Schema(description = "The published version rendered from Markdown and sanitized") String html,
      Instant publishedAt, long views, long helpful, long notHelpful,
      @Schema(description = "For the author and owners: the working copy") Draft draft,
      @Schema(description = "What the caller may do with it now") Permitted permitted) {
  }

  @Schema(name = "ArticleActions", description = "What the caller may do with an article now")
  record Permitted(@Schema(description = "Change the working copy (PUT)") boolean edit,
      @Schema(description = "Submit it for review") boolean submit,
      @Schema(description = "Retire it") boolean retire,
      @Schema(description = "A step of the article's process waiting for the caller's review; null when none")
      ReviewStep review) {
  }

  @Schema(name = "ArticleReviewStep", description = "A review waiting for the caller: its task (GET /api/tasks/{task} "
      + "has its form, the model's) and the article's endpoint that takes the form's answers")
  record ReviewStep(String task, @Schema(example = "Review article") String name,
      @Schema(description = "review or periodic-review: POST /api/articles/{id}/{action}", example = "review")
      String action) {
  }

  @Schema(name = "ArticleSummary", description = "An article in a list: the working copy's title for its author and "
      + "the owners of its service, the published version's for readers")
  record Summary(String id, @Schema(description = "article, or known_error: a problem's workaround, published when the problem became a "
      + "known error (sourceTicket is the problem) and retired when it is fixed", example = "article") String kind, String status, String service, String category, String audience, String language,
      String author, String title,
      @Schema(description = "The published version readers see; null before the first publication") Integer version,
      Instant publishedAt, Instant updatedAt, long views) {
  }

  @Schema(name = "ArticlePage", description = "One page of articles and how many the list has in all")
  record Page(List<Summary> items, int page, int size, long total) {
  }

  @Schema(name = "ArticlePreviewRequest", description = "Markdown to render as readers would see it")
  record PreviewRequest(@Schema(description = "Markdown") @NotNull @Size(max = 100_000)
      @Pattern(regexp = TEXT, message = NO_CONTROL) String body) {
  }

  @Schema(name = "ArticlePreview", description = "The Markdown rendered and sanitized as a published version is")
  record Preview(String html) {
  }

  @Operation(operationId = "listArticles", summary = "List articles",
      description = "The articles the caller may see, the last changed first, a page at a time: their own and those "
          + "of the services their groups own in every status, others only published and in their audience. An "
          + "article the caller may not see never counts towards a page or the total.")
  @ApiResponse(responseCode = "200", description = "A page of articles")
  @ApiResponse(responseCode = "400", ref = ApiDocs.BAD_REQUEST)
  @GetMapping
  Page list(Authentication caller,
      @Parameter(description = "Only articles in this status")
      @RequestParam(required = false) @Pattern(regexp = "draft|in_review|published|due_for_review|retired",
          message = "must be draft, in_review, published, due_for_review or retired") String status,
      @Parameter(description = "Only articles the caller wrote") @RequestParam(defaultValue = "false") boolean mine,
      @Parameter(description = "Only articles of this service (its id)", example = "vpn")
      @RequestParam(required = false) @Size(max = 64) @Pattern(regexp = "[A-Za-z0-9_.-]+",
          message = "must be a service id such as vpn") String service,
      @Parameter(description = "Only articles whose review waits for one of the caller's groups")
      @RequestParam(defaultValue = "false") boolean review,
      @Parameter(description = "The page number, from 0") @RequestParam(defaultValue = "0") @Min(0) @Max(10_000) int page,
      @Parameter(description = "Articles per page") @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
    CurrentUser user = CurrentUser.of(caller);
    Articles.Listing listing = articles.list(user, status, mine, service, review, page, size);
    return new Page(listing.items().stream().map(listed -> {
      Article a = listed.article();
      String title = articles.writes(user, a) || listed.publishedTitle() == null ? a.title() : listed.publishedTitle();
      return new Summary(a.id(), a.kind(), a.status(), a.service(), a.category(), a.audience(), a.language(), a.author(), title,
          a.publishedVersion(), a.publishedAt(), a.updatedAt(), a.views());
    }).toList(), page, size, listing.total());
  }

  @Operation(operationId = "previewArticle", summary = "Preview an article's Markdown",
      description = "For authors (agents): the Markdown rendered and sanitized as readers will see it; nothing is kept.")
  @ApiResponse(responseCode = "200", description = "The rendered HTML")
  @ApiResponse(responseCode = "400", ref = ApiDocs.BAD_REQUEST)
  @ApiResponse(responseCode = "403", ref = ApiDocs.FORBIDDEN)
  @PostMapping("/preview")
  Preview preview(@Valid @RequestBody PreviewRequest request, Authentication caller) {
    return new Preview(articles.preview(CurrentUser.of(caller), request.body()));
  }

  @Schema(name = "ArticleDraft", description = "The working copy: Markdown, its rendering, the last review's reason")
  record Draft(String title, String body, String html, String reviewNote, Instant updatedAt) {
  }

  @Schema(name = "ArticleVersion", description = "A published version as it was published")
  record VersionView(int version, String title, String html, Instant publishedAt, String approvedBy) {
  }

  @Schema(name = "ArticleDiff", description = "What changed between two published versions: a unified diff of "
      + "the Markdown")
  record Diff(int from, int to, List<String> lines) {
  }

  @Operation(operationId = "createArticle", summary = "Write an article",
      description = "A draft by an agent, optionally from a ticket they worked and resolved.")
  @ApiResponse(responseCode = "201", description = "The draft")
  @ApiResponse(responseCode = "400", ref = ApiDocs.BAD_REQUEST)
  @ApiResponse(responseCode = "403", ref = ApiDocs.FORBIDDEN)
  @ApiResponse(responseCode = "404", ref = ApiDocs.NOT_FOUND)
  @ApiResponse(responseCode = "409", ref = ApiDocs.CONFLICT)
  @PostMapping
  @ResponseStatus(HttpStatus.CREATED)
  View create(@Valid @RequestBody NewArticle article, Authentication caller) {
    CurrentUser user = CurrentUser.of(caller);
    Article created = articles.create(user, article.service(), new Article.Text(article.title(), article.body(),
        article.category(), article.audience(), article.language(), article.keywords()), article.fromTicket());
    return view(created, user, false);
  }

  @Operation(operationId = "getArticle", summary = "Read an article",
      description = "The published version as sanitized HTML (counted as a view); the author and the owners of its "
          + "service also get the working copy.")
  @ApiResponse(responseCode = "200", description = "The article")
  @ApiResponse(responseCode = "404", ref = ApiDocs.NOT_FOUND)
  @GetMapping("/{id}")
  View get(@PathVariable String id, Authentication caller) {
    CurrentUser user = CurrentUser.of(caller);
    Article article = articles.visibleArticle(user, id);
    if (article.isReadable()) {
      articles.viewed(article);
    }
    return view(article, user, article.isReadable());
  }

  @Operation(operationId = "editArticle", summary = "Change an article's working copy",
      description = "By its author, while it is not being reviewed. A published version stays what readers see "
          + "until the changed one is submitted and approved.")
  @ApiResponse(responseCode = "200", description = "The article")
  @ApiResponse(responseCode = "400", ref = ApiDocs.BAD_REQUEST)
  @ApiResponse(responseCode = "403", ref = ApiDocs.FORBIDDEN)
  @ApiResponse(responseCode = "404", ref = ApiDocs.NOT_FOUND)
  @ApiResponse(responseCode = "409", ref = ApiDocs.CONFLICT)
  @PutMapping("/{id}")
  View edit(@PathVariable String id, @Valid @RequestBody ArticleText text, Authentication caller) {
    CurrentUser user = CurrentUser.of(caller);
    return view(articles.edit(user, id, new Article.Text(text.title(), text.body(), text.category(), text.audience(),
        text.language(), text.keywords())), user, false);
  }

  @Operation(operationId = "submitArticle", summary = "Submit an article for review",
      description = "The first time, after it was sent back, or a revision of a published article.")
  @ApiResponse(responseCode = "200", description = "The article, in review")
  @ApiResponse(responseCode = "403", ref = ApiDocs.FORBIDDEN)
  @ApiResponse(responseCode = "404", ref = ApiDocs.NOT_FOUND)
  @ApiResponse(responseCode = "409", ref = ApiDocs.CONFLICT)
  @PostMapping("/{id}/submit")
  View submit(@PathVariable String id, Authentication caller) {
    CurrentUser user = CurrentUser.of(caller);
    return view(articles.submit(user, id), user, false);
  }

  @Operation(operationId = "reviewArticle", summary = "Review an article",
      description = "By the owner group of its service: approve (it is published) or send it back with a reason.")
  @ApiResponse(responseCode = "200", description = "The article")
  @ApiResponse(responseCode = "400", ref = ApiDocs.BAD_REQUEST)
  @ApiResponse(responseCode = "403", ref = ApiDocs.FORBIDDEN)
  @ApiResponse(responseCode = "404", ref = ApiDocs.NOT_FOUND)
  @ApiResponse(responseCode = "409", ref = ApiDocs.CONFLICT)
  @PostMapping("/{id}/review")
  View review(@PathVariable String id, @Valid @RequestBody Review review, Authentication caller) {
    CurrentUser user = CurrentUser.of(caller);
    return view(articles.review(user, id, review.decision(), review.reason()), user, false);
  }

  @Operation(operationId = "reviewPublishedArticle", summary = "Review a published article that is due",
      description = "By the owner group of its service when the model's review period is over: keep, revise, retire.")
  @ApiResponse(responseCode = "200", description = "The article")
  @ApiResponse(responseCode = "400", ref = ApiDocs.BAD_REQUEST)
  @ApiResponse(responseCode = "403", ref = ApiDocs.FORBIDDEN)
  @ApiResponse(responseCode = "404", ref = ApiDocs.NOT_FOUND)
  @ApiResponse(responseCode = "409", ref = ApiDocs.CONFLICT)
  @PostMapping("/{id}/periodic-review")
  View periodicReview(@PathVariable String id, @Valid @RequestBody PeriodicReview review, Authentication caller) {
    CurrentUser user = CurrentUser.of(caller);
    return view(articles.periodicReview(user, id, review.outcome()), user, false);
  }

  @Operation(operationId = "retireArticle", summary = "Retire a published article",
      description = "By its author, the owners of its service or an administrator; search no longer finds it.")
  @ApiResponse(responseCode = "200", description = "The article, retired")
  @ApiResponse(responseCode = "403", ref = ApiDocs.FORBIDDEN)
  @ApiResponse(responseCode = "404", ref = ApiDocs.NOT_FOUND)
  @ApiResponse(responseCode = "409", ref = ApiDocs.CONFLICT)
  @PostMapping("/{id}/retire")
  View retire(@PathVariable String id, Authentication caller) {
    CurrentUser user = CurrentUser.of(caller);
    return view(articles.retire(user, id), user, false);
  }

  @Operation(operationId = "listArticleVersions", summary = "An article's published versions",
      description = "Every version as it was published (its HTML sanitized), oldest first, with who approved it.")
  @ApiResponse(responseCode = "200", description = "Every published version, oldest first")
  @ApiResponse(responseCode = "404", ref = ApiDocs.NOT_FOUND)
  @GetMapping("/{id}/versions")
  List<VersionView> versions(@PathVariable String id, Authentication caller) {
    return articles.versions(CurrentUser.of(caller), id).stream().map(v -> new VersionView(v.version(), v.title(),
        Articles.html(v.body()), v.publishedAt(), v.approvedBy())).toList();
  }

  @Operation(operationId = "diffArticleVersions", summary = "What changed between two published versions",
      description = "A unified diff of the title and Markdown of two published versions (from, to).")
  @ApiResponse(responseCode = "200", description = "A unified diff of the two versions' Markdown")
  @ApiResponse(responseCode = "400", ref = ApiDocs.BAD_REQUEST)
  @ApiResponse(responseCode = "404", ref = ApiDocs.NOT_FOUND)
  @GetMapping("/{id}/diff")
  Diff diff(@PathVariable String id, @RequestParam @Min(1) @Max(100_000) int from,
      @RequestParam @Min(1) @Max(100_000) int to, Authentication caller) {
    return new Diff(from, to, articles.diff(CurrentUser.of(caller), id, from, to));
  }

  @Operation(operationId = "voteOnArticle", summary = "Was this article helpful?",
      description = "A reader's vote with an optional comment; a person's later vote replaces the earlier one.")
  @ApiResponse(responseCode = "204", description = "Counted (a person's earlier vote is replaced)")
  @ApiResponse(responseCode = "400", ref = ApiDocs.BAD_REQUEST)
  @ApiResponse(responseCode = "404", ref = ApiDocs.NOT_FOUND)
  @ApiResponse(responseCode = "409", ref = ApiDocs.CONFLICT)
  @PostMapping("/{id}/votes")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  void vote(@PathVariable String id, @Valid @RequestBody Vote vote, Authentication caller) {
    articles.vote(CurrentUser.of(caller), id, vote.helpful(), vote.comment());
  }

  @Operation(operationId = "deflectWithArticle", summary = "This solved it",
      description = "The caller found the answer in the article and reports no ticket: counted as a deflection for "
          + "the article's service.")
  @ApiResponse(responseCode = "204", description = "Counted")
  @ApiResponse(responseCode = "404", ref = ApiDocs.NOT_FOUND)
  @ApiResponse(responseCode = "409", ref = ApiDocs.CONFLICT)
  @PostMapping("/{id}/deflections")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  void deflect(@PathVariable String id, Authentication caller) {
    articles.deflected(CurrentUser.of(caller), id);
  }

  private View view(Article article, CurrentUser user, boolean counted) {
    Article.Version published = article.isReadable()
        ? articles.version(user, article.id(), article.publishedVersion()) : null;
    long[] votes = articles.votes(article.id());
    boolean writer = articles.writes(user, article);
    Articles.Actions actions = articles.actions(user, article);
    return new View(article.id(), article.kind(), article.status(), article.service(), article.category(), article.audience(),
        article.language(), article.keywords(), article.author(), article.sourceTicket(),
        published == null ? null : published.version(), published == null ? null : published.title(),
        published == null ? null : Articles.html(published.body()), article.publishedAt(),
        article.views() + (counted ? 1 : 0), votes[0], votes[1],
        writer ? new Draft(article.title(), article.body(), Articles.html(article.body()), article.reviewNote(),
            article.updatedAt()) : null,
        new Permitted(actions.edit(), actions.submit(), actions.retire(), actions.reviewStep() == null ? null
            // The step's name without the article's id, which its model names it with for Tasklist.
            : new ReviewStep(actions.reviewStep().getId(),
                org.flowdesk.ticket.TicketTitle.step(actions.reviewStep().getName(), article.id()),
                Articles.PERIODIC_REVIEW_STEP.equals(actions.reviewStep().getTaskDefinitionKey())
                    ? "periodic-review" : "review")));
  }
}
