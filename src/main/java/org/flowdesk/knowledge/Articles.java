package org.flowdesk.knowledge;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.Variables;
import org.flowdesk.api.ConflictException;
import org.flowdesk.api.FieldError;
import org.flowdesk.api.ForbiddenException;
import org.flowdesk.api.FormValidationException;
import org.flowdesk.api.NotFoundException;
import org.flowdesk.catalog.Catalog;
import org.flowdesk.catalog.Portfolio;
import org.flowdesk.identity.AgentGroups;
import org.flowdesk.identity.CurrentUser;
import org.flowdesk.search.SearchEntries;
import org.flowdesk.ticket.Ticket;
import org.flowdesk.ticket.TicketAccess;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;

/**
 * Knowledge articles: agents write them (from scratch or from a ticket they resolved), the owner
 * group of the article's service reviews them, readers find the published version. Where an article
 * is in its life is processes/knowledge-article.bpmn's: this class starts it, completes its steps
 * and does what its steps call for.
 */
@Service
public class Articles {

  static final String PROCESS_KEY = "knowledge-article";
  static final String REVIEW_STEP = "Activity_Review";
  static final String REVISE_STEP = "Activity_Revise";
  static final String PERIODIC_REVIEW_STEP = "Activity_PeriodicReview";
  static final String ARTICLE = "article";

  private final ArticleRepository repository;
  private final Catalog catalog;
  private final AgentGroups agentGroups;
  private final TicketAccess ticketAccess;
  private final SearchEntries searchEntries;
  private final RuntimeService runtimeService;
  private final TaskService taskService;
  private final Clock clock;

  Articles(ArticleRepository repository, Catalog catalog, AgentGroups agentGroups, TicketAccess ticketAccess,
      SearchEntries searchEntries, RuntimeService runtimeService, TaskService taskService, Clock clock) {
    this.repository = repository;
    this.catalog = catalog;
    this.agentGroups = agentGroups;
    this.ticketAccess = ticketAccess;
    this.searchEntries = searchEntries;
    this.runtimeService = runtimeService;
    this.taskService = taskService;
    this.clock = clock;
  }

  // --- what people do --------------------------------------------------------------------------

  /**
   * A draft by an agent. From a ticket the agent worked and resolved, the ticket's title, service and
   * resolution fill what the agent left empty.
   */
  @Transactional
  public Article create(CurrentUser user, String service, Article.Text text, String fromTicket) {
    if (!user.isAdministrator() && !agentGroups.isAgent(user)) {
      throw new ForbiddenException("Only agents write knowledge articles.");
    }
    if (fromTicket != null) {
      Ticket ticket = ticketAccess.visible(fromTicket, user);
      if (!ticketAccess.works(ticket, user)) {
        throw new ForbiddenException("Only the agents of " + fromTicket + " may turn it into an article.");
      }
      if (ticket.resolvedAt() == null) {
        throw new ConflictException(fromTicket + " is not resolved yet: an article tells how a problem was solved.");
      }
      service = service == null ? ticket.service() : service;
      text = new Article.Text(blank(text.title()) ? ticket.title() : text.title(),
          blank(text.body()) ? ticket.resolutionNotes() : text.body(), text.category(), text.audience(),
          text.language(), text.keywords());
    }
    List<FieldError> errors = new java.util.ArrayList<>();
    if (service == null || catalog.service(service).isEmpty()) {
      errors.add(new FieldError("service", "is no service of the catalog"));
    }
    if (blank(text.title())) {
      errors.add(new FieldError("title", "must not be blank"));
    }
    if (blank(text.body())) {
      errors.add(new FieldError("body", "must not be blank"));
    }
    if (!errors.isEmpty()) {
      throw new FormValidationException(errors);
    }
    String id = repository.nextId();
    repository.insert(id, service, text, user.id(), fromTicket, clock.instant());
    return repository.find(id).orElseThrow();
  }

  /** The author changes the working copy; a published version stays what readers see until the next is approved. */
  @Transactional
  public Article edit(CurrentUser user, String id, Article.Text text) {
    Article article = writable(user, id);
    if (Article.IN_REVIEW.equals(article.status())) {
      throw new ConflictException(id + " is being reviewed; it can be changed when it is sent back or published.");
    }
    repository.updateText(id, text, clock.instant());
    return repository.find(id).orElseThrow();
  }

  /** The author submits the article for review: the first time, after it was sent back, or a revision of a published one. */
  @Transactional
  public Article submit(CurrentUser user, String id) {
    Article article = writable(user, id);
    switch (article.status()) {
      case Article.DRAFT -> {
        Task revise = step(id, REVISE_STEP);
        if (revise != null) {
          taskService.complete(revise.getId());
        } else if (article.publishedVersion() == null) {
          String group = catalog.service(article.service()).map(Portfolio.Service::ownerGroup).orElseThrow(
              () -> new ConflictException("The service " + article.service() + " is no longer in the catalog."));
          runtimeService.createProcessInstanceByKey(PROCESS_KEY).processDefinitionWithoutTenantId().businessKey(id)
              .setVariables(Map.of("reviewGroup", group, "author", article.author())).execute();
        } else {
          throw new ConflictException(id + " waits for a review step first.");
        }
      }
      case Article.PUBLISHED -> runtimeService.createMessageCorrelation("ArticleRevised").processInstanceBusinessKey(id)
          .correlate();
      default -> throw new ConflictException(id + " is " + article.status().replace('_', ' ')
          + " and cannot be submitted now.");
    }
    repository.setStatus(id, Article.IN_REVIEW, clock.instant());
    return repository.find(id).orElseThrow();
  }

  /** The owner group approves the article or sends it back with a reason for its author. */
  @Transactional
  public Article review(CurrentUser user, String id, String decision, String reason) {
    if ("send_back".equals(decision) && blank(reason)) {
      throw new FormValidationException(List.of(new FieldError("reason", "tell the author why it goes back")));
    }
    completeStep(user, id, REVIEW_STEP, Variables.createVariables().putValue("decision", decision)
        .putValueTyped("reason", Variables.stringValue(reason, true)));
    return repository.find(id).orElseThrow();
  }

  /** The owner group's periodic review: keep, revise or retire. */
  @Transactional
  public Article periodicReview(CurrentUser user, String id, String outcome) {
    completeStep(user, id, PERIODIC_REVIEW_STEP, Variables.createVariables().putValue("outcome", outcome));
    return repository.find(id).orElseThrow();
  }

  /** The author, the service's owners or an administrator retire a published article. */
  @Transactional
  public Article retire(CurrentUser user, String id) {
    Article article = visibleArticle(user, id);
    if (!mayWrite(user, article) && !ownsService(user, article)) {
      throw new ForbiddenException("Only the author and the owners of the service retire an article.");
    }
    if (!Article.PUBLISHED.equals(article.status())) {
      throw new ConflictException(id + " is " + article.status().replace('_', ' ')
          + "; only a published article is retired (one due for review through its review).");
    }
    runtimeService.createMessageCorrelation("ArticleRetired").processInstanceBusinessKey(id).correlate();
    return repository.find(id).orElseThrow();
  }

  /** The article as the caller may read it: its published version, and for its author and owners the working copy. */
  @Transactional
  public Article visibleArticle(CurrentUser user, String id) {
    Article article = repository.find(id).orElseThrow(() -> new NotFoundException(ARTICLE, id));
    if (mayWrite(user, article) || ownsService(user, article) || (article.isReadable() && inAudience(user, article))) {
      return article;
    }
    throw new NotFoundException(ARTICLE, id);
  }

  /**
   * The article whose files the caller changes: its author's (or an administrator's), not while it
   * is reviewed or once retired, as its text. Its row stays locked to the end of the caller's
   * transaction, so that uploads racing each other are checked against its limits one by one.
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public Article forChangingFiles(CurrentUser user, String id) {
    Article article = writable(user, id);
    if (Article.IN_REVIEW.equals(article.status())) {
      throw new ConflictException(id + " is being reviewed; its files can be changed when it is sent back or "
          + "published.");
    }
    repository.lock(id);
    return article;
  }

  /**
   * A page of the articles the caller may see, the last changed first: of a status, written by the
   * caller ({@code mine}), of a service, waiting for the caller's review. Who may see what is part of
   * the query, so an article the caller may not see never counts towards a page or the total.
   */
  @Transactional(readOnly = true)
  Listing list(CurrentUser user, String status, boolean mine, String service, boolean waitingForReview,
      int page, int size) {
    if (service != null && catalog.service(service).isEmpty()) {
      throw new FormValidationException(List.of(new FieldError("service", "is no service of the catalog")));
    }
    ArticleRepository.Filter filter = new ArticleRepository.Filter(new ArticleRepository.Visibility(
        user.isAdministrator(), user.id(), catalog.servicesOwnedBy(user), agentGroups.isAgent(user), user.groups()),
        status, mine ? user.id() : null, service, waitingForReview);
    return new Listing(repository.list(filter, page, size), repository.count(filter));
  }

  /** A page of a list and how many articles the list has in all. */
  record Listing(List<ArticleRepository.Listed> items, long total) {
  }

  /** Whether the caller sees the working copy (author, owners of its service, administrators) or only the published version. */
  boolean writes(CurrentUser user, Article article) {
    return mayWrite(user, article) || ownsService(user, article);
  }

  /** What the caller may do with the article now; reviewStep is the step of its process waiting for the caller's review. */
  record Actions(boolean edit, boolean submit, boolean retire, Task reviewStep) {
  }

  Actions actions(CurrentUser user, Article article) {
    boolean author = mayWrite(user, article);
    String status = article.status();
    Task review = null;
    for (String step : List.of(REVIEW_STEP, PERIODIC_REVIEW_STEP)) {
      Task task = step(article.id(), step);
      if (task != null && (user.isAdministrator() || taskService.getIdentityLinksForTask(task.getId()).stream()
          .anyMatch(link -> user.isMemberOf(link.getGroupId())))) {
        review = task;
      }
    }
    return new Actions(author && (Article.DRAFT.equals(status) || Article.PUBLISHED.equals(status)),
        author && (Article.DRAFT.equals(status) || Article.PUBLISHED.equals(status)),
        (author || ownsService(user, article)) && Article.PUBLISHED.equals(status), review);
  }

  /** Markdown as readers would see it, for an author's preview. */
  public String preview(CurrentUser user, String markdown) {
    if (!user.isAdministrator() && !agentGroups.isAgent(user)) {
      throw new ForbiddenException("Only agents write knowledge articles.");
    }
    return html(markdown);
  }

  /** A reader opened the published version. */
  @Transactional
  public void viewed(Article article) {
    repository.countView(article.id());
  }

  @Transactional
  public void vote(CurrentUser user, String id, boolean helpful, String comment) {
    Article article = readable(user, id);
    repository.vote(article.id(), user.id(), helpful, comment, clock.instant());
  }

  /** "This solved it": the person found the answer and reports nothing. */
  @Transactional
  public void deflected(CurrentUser user, String id) {
    Article article = readable(user, id);
    repository.deflect(article.id(), article.service(), clock.instant());
  }

  List<Article.Version> versions(CurrentUser user, String id) {
    return repository.versions(visibleArticle(user, id).id());
  }

  Article.Version version(CurrentUser user, String id, int version) {
    return repository.version(visibleArticle(user, id).id(), version)
        .orElseThrow(() -> new NotFoundException("version", id + " " + version));
  }

  long[] votes(String id) {
    return repository.votes(id);
  }

  /** The lines that changed from one published version to another, as a unified diff. */
  List<String> diff(CurrentUser user, String id, int from, int to) {
    Article.Version a = version(user, id, from);
    Article.Version b = version(user, id, to);
    List<String> before = lines(a);
    List<String> after = lines(b);
    return UnifiedDiffUtils.generateUnifiedDiff(id + " version " + from, id + " version " + to, before,
        DiffUtils.diff(before, after), 3);
  }

  static String html(String markdown) {
    return ArticleMarkdown.toHtml(markdown);
  }

  // --- known errors -------------------------------------------------------------------------------

  /** What processes/knowledge-article.bpmn starts a known error's article with. */
  static final String KNOWN_ERROR_RECORDED = "KnownErrorRecorded";
  /** Who reads an article: everyone, or agents only. */
  static final Set<String> AUDIENCES = Set.of("everyone", "agents");

  /**
   * A problem's known error as an article: written by {@code author} (who investigated it, in their
   * language), for {@code audience} (agents or everyone), about the problem's service.
   */
  public record KnownError(String problem, String service, String title, String body, String audience,
      String language, String author) {
  }

  /**
   * A problem became a known error: its workaround is published as an article of kind known_error,
   * through processes/knowledge-article.bpmn's "Known error recorded" start (no review: the problem's
   * investigation was one). When the problem becomes a known error again (its fix failed and the
   * investigation found a new workaround), the article's text becomes its next version.
   *
   * @return the article's id
   */
  @Transactional
  public String publishKnownError(KnownError knownError) {
    if (!AUDIENCES.contains(knownError.audience())) {
      throw new IllegalStateException(knownError.problem() + "'s known error: its audience must be one of "
          + AUDIENCES + ", not " + knownError.audience());
    }
    String service = knownError.service();
    String group = catalog.service(service).map(Portfolio.Service::ownerGroup).orElseThrow(() ->
        new IllegalStateException(knownError.problem() + "'s service " + service + " is not in the catalog: its "
            + "known error cannot be published"));
    Article.Text text = new Article.Text(knownError.title(), knownError.body(), null, knownError.audience(),
        knownError.language(), knownError.problem());
    Optional<Article> current = repository.fromTicket(knownError.problem(), Article.KIND_KNOWN_ERROR)
        .stream().filter(article -> !Article.RETIRED.equals(article.status())).findFirst();
    if (current.isPresent()) {
      String id = current.get().id();
      repository.updateText(id, text, clock.instant());
      repository.setReview(id, knownError.author(), null);
      if (current.get().publishedVersion() != null) {
        publish(id);
      }
      return id;
    }
    String id = repository.nextId();
    repository.insert(id, Article.KIND_KNOWN_ERROR, service, text, knownError.author(), knownError.problem(),
        clock.instant());
    repository.setReview(id, knownError.author(), null);
    runtimeService.startProcessInstanceByMessage(KNOWN_ERROR_RECORDED, id, Map.of("reviewGroup", group,
        "author", knownError.author()));
    return id;
  }

  /**
   * The problem is fixed: its known error articles are retired, the published ones through their
   * model's "Retirement asked for"; one being reviewed or revised right now is retired as it is.
   *
   * @return the ids of the articles retired
   */
  @Transactional
  public List<String> retireKnownErrors(String problem) {
    List<String> retired = new ArrayList<>();
    for (Article article : repository.fromTicket(problem, Article.KIND_KNOWN_ERROR)) {
      if (Article.RETIRED.equals(article.status())) {
        continue;
      }
      String instance = processOf(article.id());
      boolean waitsForRetirement = instance != null && runtimeService.createEventSubscriptionQuery()
          .eventType("message").eventName("ArticleRetired").processInstanceId(instance).count() > 0;
      if (waitsForRetirement) {
        runtimeService.createMessageCorrelation("ArticleRetired").processInstanceBusinessKey(article.id())
            .correlate();
      } else {
        if (instance != null) {
          runtimeService.deleteProcessInstance(instance, problem + " is fixed: its known error is retired");
        }
        retired(article.id());
      }
      retired.add(article.id());
    }
    return retired;
  }

  private String processOf(String id) {
    return runtimeService.createProcessInstanceQuery().processDefinitionKey(PROCESS_KEY).processInstanceBusinessKey(id)
        .list().stream().map(instance -> instance.getId()).findFirst().orElse(null);
  }

  // --- what the model's steps call -------------------------------------------------------------

  void reviewed(String id, String reviewer, String reason) {
    repository.setReview(id, reviewer, blank(reason) ? null : reason);
  }

  void publish(String id) {
    Article article = repository.find(id).orElseThrow();
    repository.publish(article, clock.instant());
    // The search reads the text as people do: Markdown's marks left out of its index and excerpts.
    searchEntries.put(new SearchEntries.Entry(ARTICLE, id, article.title(),
        ArticleMarkdown.toText(article.body()) + (article.keywords() == null ? "" : "\n" + article.keywords()),
        article.service(),
        Article.PUBLISHED, article.language(), "agents".equals(article.audience()) ? SearchEntries.AGENTS
            : SearchEntries.EVERYONE, Set.of()), clock.instant());
  }

  void sendBack(String id) {
    repository.setStatus(id, Article.DRAFT, clock.instant());
  }

  void dueForReview(String id) {
    repository.setStatus(id, Article.DUE_FOR_REVIEW, clock.instant());
  }

  void keep(String id) {
    repository.setStatus(id, Article.PUBLISHED, clock.instant());
  }

  void retired(String id) {
    repository.setStatus(id, Article.RETIRED, clock.instant());
    searchEntries.remove(ARTICLE, id);
  }

  // --- who may do what ---------------------------------------------------------------------------

  private void completeStep(CurrentUser user, String id, String step, Map<String, Object> variables) {
    visibleArticle(user, id);
    Task task = step(id, step);
    if (task == null) {
      throw new ConflictException(id + " waits for no " + (REVIEW_STEP.equals(step) ? "review" : "periodic review")
          + " now.");
    }
    boolean candidate = taskService.getIdentityLinksForTask(task.getId()).stream()
        .anyMatch(link -> user.isMemberOf(link.getGroupId()));
    if (!candidate && !user.isAdministrator()) {
      throw new ForbiddenException("Only the owners of the article's service review it.");
    }
    taskService.setAssignee(task.getId(), user.id());
    taskService.complete(task.getId(), variables);
  }

  private Task step(String id, String step) {
    return taskService.createTaskQuery().processDefinitionKey(PROCESS_KEY).processInstanceBusinessKey(id)
        .taskDefinitionKey(step).singleResult();
  }

  private Article readable(CurrentUser user, String id) {
    Article article = visibleArticle(user, id);
    if (!article.isReadable()) {
      throw new ConflictException(id + " is not published.");
    }
    return article;
  }

  private Article writable(CurrentUser user, String id) {
    Article article = visibleArticle(user, id);
    if (!mayWrite(user, article)) {
      throw new ForbiddenException("Only the author of " + id + " changes it.");
    }
    if (Article.RETIRED.equals(article.status())) {
      throw new ConflictException(id + " is retired.");
    }
    return article;
  }

  private static boolean mayWrite(CurrentUser user, Article article) {
    return user.isAdministrator() || user.id().equals(article.author());
  }

  boolean ownsService(CurrentUser user, Article article) {
    return catalog.service(article.service()).map(s -> user.isMemberOf(s.ownerGroup())).orElse(false);
  }

  private boolean inAudience(CurrentUser user, Article article) {
    return !"agents".equals(article.audience()) || agentGroups.isAgent(user);
  }

  private static List<String> lines(Article.Version version) {
    return Arrays.asList(("# " + version.title() + "\n\n" + version.body()).split("\r?\n", -1));
  }

  private static boolean blank(String text) {
    return text == null || text.isBlank();
  }
}
