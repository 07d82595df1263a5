package org.flowdesk.workbench;

import static org.flowdesk.UtcColumns.instant;
import static org.flowdesk.UtcColumns.utc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.Deployment;
import org.flowdesk.api.ConflictException;
import org.flowdesk.api.FieldError;
import org.flowdesk.api.FormValidationException;
import org.flowdesk.api.NotFoundException;
import org.flowdesk.catalog.Catalog;
import org.flowdesk.identity.AuditLog;
import org.flowdesk.identity.People;
import org.flowdesk.language.Languages;
import org.flowdesk.models.DeploymentResult;
import org.flowdesk.models.ModelDeployer;
import org.flowdesk.models.ModelLint;
import org.flowdesk.models.ModelProblem;
import org.flowdesk.models.ModelRejectedException;
import org.flowdesk.models.ModelsProperties;
import org.flowdesk.notification.MailTemplates;
import org.flowdesk.responses.CannedResponses;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;

/**
 * Drafts of model changes: several files of processes/, decisions/, forms/ and catalog/ together, under a name
 * and a note, never live until rolled out. Rolling a draft out writes its files into the models folder, which
 * stays the source of truth, and deploys the folder as POST /api/admin/models/deploy does, all or nothing: a
 * rejected deployment puts the files back as they were. A file changed on disk since the draft took it is
 * not overwritten; the roll-out is refused with the difference. Rolling back to an earlier deployment is a
 * draft of that deployment's files, rolled out at once.
 */
@Service
public class ModelDrafts {

  private static final Logger LOG = LoggerFactory.getLogger(ModelDrafts.class);

  /** The files a draft may hold: the deployed model folders' files, by their resource names. */
  static final Pattern PATH = Pattern.compile(
      "(processes/[A-Za-z0-9][A-Za-z0-9._-]*\\.bpmn|decisions/[A-Za-z0-9][A-Za-z0-9._-]*\\.dmn"
          + "|forms/[A-Za-z0-9][A-Za-z0-9._-]*\\.form|catalog/[A-Za-z0-9][A-Za-z0-9._-]*\\.yaml"
          + "|mail/[A-Za-z0-9][A-Za-z0-9._-]*\\.(txt|html)|responses/[A-Za-z0-9][A-Za-z0-9._-]*\\.md"
          + "|i18n/(?:[A-Za-z0-9][A-Za-z0-9_-]*\\.)?[a-z]{2,3}\\.json|forms/i18n/[A-Za-z0-9][A-Za-z0-9._-]*\\.[a-z]{2,3}\\.json"
          + "|catalog/i18n/(?:[A-Za-z0-9][A-Za-z0-9_-]*\\.)?[a-z]{2,3}\\.yaml)");
  /** The folders of the models folder whose files a draft may hold; the words in other languages last. */
  static final List<String> FOLDERS = List.of("processes", "decisions", "forms", "catalog", "mail", "responses",
      "i18n", "forms/i18n", "catalog/i18n");
  static final int MOST_CHARACTERS = 1_000_000;

  public static final String OPEN = "open";
  public static final String ROLLED_OUT = "rolled_out";
  public static final String DISCARDED = "discarded";

  /** A draft and its files (their content only when asked for one draft). */
  public record Draft(long id, String name, String note, String author, String status, Instant createdAt,
      Instant updatedAt, Instant rolledOutAt, String rolledOutBy, String deploymentId, List<DraftFile> files) {
  }

  /**
   * One file of a draft: its new content and whether it is new to the folder. {@code changedOnDisk}: the file on
   * disk is no longer what the draft took (a roll-out would be refused).
   */
  public record DraftFile(String path, boolean newFile, boolean changedOnDisk, String content) {
  }

  /** What a roll-out did: the draft, and the deployment. */
  public record RollOut(Draft draft, DeploymentResult deployment) {
  }

  /** The files changed on disk since the draft took them, each with the difference (unified, disk then → now). */
  public static class ChangedOnDisk extends ConflictException {
    private final transient Map<String, String> differences;

    ChangedOnDisk(Map<String, String> differences) {
      super("Changed on disk since the draft took them, so not overwritten: " + String.join(", ",
          differences.keySet()) + ". Take the file again into the draft (PUT it anew) after looking at the difference.");
      this.differences = Map.copyOf(differences);
    }

    public Map<String, String> differences() {
      return differences;
    }
  }

  private final JdbcClient jdbc;
  private final ModelDeployer deployer;
  private final RepositoryService repositoryService;
  private final AuditLog audit;
  private final Clock clock;
  private final Path root;
  private final CannedResponses responses;
  private final People people;
  private final Catalog catalog;

  ModelDrafts(JdbcClient jdbc, ModelDeployer deployer, RepositoryService repositoryService, AuditLog audit,
      Clock clock, ModelsProperties models, CannedResponses responses, People people,
      Catalog catalog) {
    this.responses = responses;
    this.people = people;
    this.catalog = catalog;
    this.jdbc = jdbc;
    this.deployer = deployer;
    this.repositoryService = repositoryService;
    this.audit = audit;
    this.clock = clock;
    this.root = models.rootPath();
  }

  public Draft create(String name, String note, String author) {
    Instant now = clock.instant();
    GeneratedKeyHolder key = new GeneratedKeyHolder();
    jdbc.sql("INSERT INTO fd_model_draft (name, note, author, status, created_at, updated_at) "
        + "VALUES (?, ?, ?, ?, ?, ?)").params(name, note, author, OPEN, utc(now), utc(now)).update(key, "id");
    long id = key.getKeyAs(Number.class).longValue();
    audit.record(author, "models.draft.create", String.valueOf(id), name);
    return get(id, false);
  }

  public List<Draft> list() {
    return jdbc.sql("SELECT * FROM fd_model_draft ORDER BY updated_at DESC, id DESC")
        .query((rs, row) -> new Draft(rs.getLong("id"), rs.getString("name"), rs.getString("note"),
            rs.getString("author"), rs.getString("status"), instant(rs, "created_at"), instant(rs, "updated_at"),
            instant(rs, "rolled_out_at"), rs.getString("rolled_out_by"), rs.getString("deployment_id"), List.of()))
        .list().stream().map(d -> withFiles(d, false)).toList();
  }

  public Draft get(long id, boolean withContent) {
    Draft draft = jdbc.sql("SELECT * FROM fd_model_draft WHERE id = ?").param(id)
        .query((rs, row) -> new Draft(rs.getLong("id"), rs.getString("name"), rs.getString("note"),
            rs.getString("author"), rs.getString("status"), instant(rs, "created_at"), instant(rs, "updated_at"),
            instant(rs, "rolled_out_at"), rs.getString("rolled_out_by"), rs.getString("deployment_id"), List.of()))
        .optional().orElseThrow(() -> new NotFoundException("draft", String.valueOf(id)));
    return withFiles(draft, withContent);
  }

  private Draft withFiles(Draft draft, boolean withContent) {
    List<DraftFile> files = jdbc.sql("SELECT path, content, base_content FROM fd_model_draft_file WHERE draft_id = ? "
        + "ORDER BY path").param(draft.id())
        .query((rs, row) -> {
          String base = rs.getString("base_content");
          boolean changed = OPEN.equals(draft.status()) && !Objects.equals(base, onDisk(rs.getString("path")));
          return new DraftFile(rs.getString("path"), base == null, changed, withContent ? rs.getString("content") : null);
        }).list();
    return new Draft(draft.id(), draft.name(), draft.note(), draft.author(), draft.status(), draft.createdAt(),
        draft.updatedAt(), draft.rolledOutAt(), draft.rolledOutBy(), draft.deploymentId(), files);
  }

  /**
   * Puts a file into the draft, or changes it there. The first time, the draft takes the file as it is on disk
   * now (none: a new file), which a roll-out compares with the disk then; putting it again takes it anew.
   */
  public Draft put(long id, String path, String content, String who) {
    Draft draft = open(id);
    checkPath(path);
    if (content == null || content.isBlank()) {
      throw new FormValidationException(List.of(new FieldError("content", "must not be empty")));
    }
    if (content.length() > MOST_CHARACTERS) {
      throw new FormValidationException(List.of(new FieldError("content", "is longer than " + MOST_CHARACTERS
          + " characters")));
    }
    if (content.indexOf('\u0000') >= 0) {
      throw new FormValidationException(List.of(new FieldError("content", "must not contain NUL characters")));
    }
    if (!path.endsWith(".yaml") && !path.endsWith(".form") && !path.endsWith(".json")
        && content.toUpperCase(Locale.ROOT).contains("<!DOCTYPE")) {
      throw new FormValidationException(List.of(new FieldError("content",
          "must not declare a document type (external entities are not read)")));
    }
    String base = onDisk(path);
    int updated = jdbc.sql("UPDATE fd_model_draft_file SET content = ?, base_content = ? WHERE draft_id = ? AND path = ?")
        .params(content, base, id, path).update();
    if (updated == 0) {
      jdbc.sql("INSERT INTO fd_model_draft_file (draft_id, path, content, base_content) VALUES (?, ?, ?, ?)")
          .params(id, path, content, base).update();
    }
    touch(draft.id());
    LOG.info("Draft {} ({}): {} put by {}", id, draft.name(), path, who);
    return get(id, false);
  }

  public Draft remove(long id, String path) {
    open(id);
    checkPath(path);
    if (jdbc.sql("DELETE FROM fd_model_draft_file WHERE draft_id = ? AND path = ?").params(id, path).update() == 0) {
      throw new NotFoundException("draft file", path);
    }
    touch(id);
    return get(id, false);
  }

  public Draft discard(long id, String who) {
    Draft draft = open(id);
    jdbc.sql("UPDATE fd_model_draft SET status = ?, updated_at = ? WHERE id = ? AND status = ?")
        .params(DISCARDED, utc(clock.instant()), id, OPEN).update();
    audit.record(who, "models.draft.discard", String.valueOf(id), draft.name());
    return get(id, false);
  }

  /** The deployment's checks on the models with the draft's files in place, each problem with file and element. */
  public ModelLint.Findings check(long id) {
    return check(contents(get(id, true)));
  }

  /**
   * The deployment's checks on the models with these files in place; the mail templates, prepared responses and
   * words in other languages, which are read from the folder as they are and not deployed, are checked as their
   * readers read them.
   */
  private ModelLint.Findings check(Map<String, byte[]> contents) {
    Map<String, byte[]> models = new LinkedHashMap<>();
    List<ModelProblem> templates = new ArrayList<>();
    contents.forEach((path, content) -> {
      String text = new String(content, StandardCharsets.UTF_8);
      String name = path.substring(path.indexOf('/') + 1);
      String problem = path.startsWith("mail/") ? MailTemplates.problem(name, text)
          : path.startsWith("responses/") ? responses.problem(name, text)
          : Languages.isWordsFile(path) ? Languages.problem(path, text) : null;
      if (problem != null) {
        templates.add(new ModelProblem(path, null, null, problem));
      }
      if (!path.startsWith("mail/") && !path.startsWith("responses/") && !Languages.isWordsFile(path)) {
        models.put(path, content);
      }
    });
    ModelLint.Findings findings = deployer.check(models);
    // A form's words name its fields and options: one it does not have is never shown (a typo, or a field since
    // renamed). The form as the draft has it, else as it is on disk.
    List<ModelProblem> wordWarnings = new ArrayList<>();
    contents.forEach((path, content) -> {
      java.util.regex.Matcher words = FORM_WORDS.matcher(path);
      if (words.matches() && Languages.problem(path, new String(content, StandardCharsets.UTF_8)) == null) {
        String formPath = "forms/" + words.group(1) + ".form";
        byte[] draftForm = contents.get(formPath);
        String form = draftForm != null ? new String(draftForm, StandardCharsets.UTF_8) : onDisk(formPath);
        Languages.formWordsProblems(form, new String(content, StandardCharsets.UTF_8))
            .forEach(problem -> wordWarnings.add(new ModelProblem(path, null, null, problem)));
      }
      // The groups' names are by the identity service's group ids (asked without the designer's authorizations).
      if (path.startsWith("i18n/") && Languages.isWordsFile(path)
          && Languages.problem(path, new String(content, StandardCharsets.UTF_8)) == null) {
        Languages.groupWordsProblems(new String(content, StandardCharsets.UTF_8),
            group -> people.groupNameOf(group).isPresent())
            .forEach(problem -> wordWarnings.add(new ModelProblem(path, null, null, problem)));
      }
      // A request item's title in another language fills the placeholders of the item's title in the catalog in force.
      if (path.startsWith("catalog/i18n/") && Languages.problem(path, new String(content, StandardCharsets.UTF_8)) == null) {
        Languages.catalogTitleProblems(new String(content, StandardCharsets.UTF_8), item -> catalog.portfolio().item(item)
            .map(org.flowdesk.catalog.Portfolio.RequestItem::title).orElse(null))
            .forEach(problem -> wordWarnings.add(new ModelProblem(path, null, null, problem)));
      }
    });
    if (templates.isEmpty() && wordWarnings.isEmpty()) {
      return findings;
    }
    List<ModelProblem> errors = new ArrayList<>(templates);
    errors.addAll(findings.errors());
    List<ModelProblem> warnings = new ArrayList<>(findings.warnings());
    warnings.addAll(wordWarnings);
    return new ModelLint.Findings(errors, warnings, findings.index(), findings.vocabulary());
  }

  /** A form's words: forms/i18n/<form>.<language>.json. */
  private static final Pattern FORM_WORDS = Pattern.compile("forms/i18n/(.+)\\.[a-z]{2,3}\\.json");

  /** A file a draft may hold, as it is in the models folder now. */
  public record ModelFile(String path, String kind, long size, Instant modifiedAt) {
  }

  /** The files of the models folder a draft may hold, by path. */
  public List<ModelFile> files() {
    List<ModelFile> files = new ArrayList<>();
    for (String folder : FOLDERS) {
      Path dir = root.resolve(folder);
      if (!Files.isDirectory(dir)) {
        continue;
      }
      try (var paths = Files.list(dir)) {
        for (Path file : paths.filter(Files::isRegularFile).sorted().toList()) {
          String path = folder + "/" + file.getFileName();
          if (PATH.matcher(path).matches()) {
            files.add(new ModelFile(path, kind(path), Files.size(file), Files.getLastModifiedTime(file).toInstant()));
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot list " + dir, e);
      }
    }
    return files;
  }

  /** The file's content on disk now; 404 when there is none. */
  public String read(String path) {
    checkPath(path);
    String content = onDisk(path);
    if (content == null) {
      throw new NotFoundException("model file", path);
    }
    return content;
  }

  /** An earlier deployment of the models folder, with the draft that rolled it out, if one did. */
  public record Deployed(String id, Instant deployedAt, Long draftId, String draftName, String rolledOutBy) {
  }

  /** The latest deployments of the models folder, newest first. */
  public List<Deployed> deployments(int most) {
    List<Deployed> deployed = new ArrayList<>();
    for (Deployment deployment : repositoryService.createDeploymentQuery().deploymentName(ModelDeployer.DEPLOYMENT_NAME)
        .orderByDeploymentTime().desc().listPage(0, most)) {
      var draft = jdbc.sql("SELECT id, name, rolled_out_by FROM fd_model_draft WHERE deployment_id = ? ORDER BY id")
          .param(deployment.getId())
          .query((rs, n) -> new Deployed(deployment.getId(), deployment.getDeploymentTime().toInstant(),
              rs.getLong("id"), rs.getString("name"), rs.getString("rolled_out_by")))
          .list().stream().findFirst();
      deployed.add(draft.orElse(new Deployed(deployment.getId(), deployment.getDeploymentTime().toInstant(), null,
          null, null)));
    }
    return deployed;
  }

  static String kind(String path) {
    if (Languages.isWordsFile(path)) {
      return "words";
    }
    String folder = path.substring(0, path.indexOf('/'));
    return switch (folder) {
      case "processes" -> "bpmn";
      case "decisions" -> "dmn";
      case "forms" -> "form";
      case "catalog" -> "yaml";
      case "mail" -> "mail";
      default -> "response";
    };
  }

  /**
   * Rolls the draft out: refused when a file changed on disk since the draft took it (409 with the differences),
   * or when the models with it are rejected (422 with the problems, the files as they were); otherwise its files
   * are written and the folder deployed, and the draft is marked rolled out, in the audit log with the note.
   */
  public RollOut rollOut(long id, String who) {
    synchronized (ModelDrafts.class) {
      Draft draft = open(id);
      Draft full = get(id, true);
      if (full.files().isEmpty()) {
        throw new FormValidationException(List.of(new FieldError("files", "the draft has no file to roll out")));
      }
      Map<String, String> changed = new LinkedHashMap<>();
      for (String path : full.files().stream().map(DraftFile::path).toList()) {
        String base = jdbc.sql("SELECT base_content FROM fd_model_draft_file WHERE draft_id = ? AND path = ?")
            .params(id, path).query(String.class).optional().orElse(null);
        String now = onDisk(path);
        if (!Objects.equals(base, now)) {
          changed.put(path, difference(path, base, now));
        }
      }
      if (!changed.isEmpty()) {
        audit.record(who, "models.rollout.refused", String.valueOf(id), "changed on disk: " + changed.keySet());
        throw new ChangedOnDisk(changed);
      }
      Map<String, byte[]> contents = contents(full);
      ModelLint.Findings findings = check(contents);
      if (!findings.errors().isEmpty()) {
        audit.record(who, "models.rollout.rejected", String.valueOf(id), findings.errors().toString());
        throw new ModelRejectedException(findings.errors(), null);
      }
      Map<String, String> before = new LinkedHashMap<>();
      contents.keySet().forEach(path -> before.put(path, onDisk(path)));
      DeploymentResult result;
      try {
        contents.forEach(this::write);
        result = deployer.deploy();
      } catch (RuntimeException e) {
        before.forEach(this::restore);
        audit.record(who, "models.rollout.rejected", String.valueOf(id), e.getMessage());
        throw e;
      }
      Instant now = clock.instant();
      jdbc.sql("UPDATE fd_model_draft SET status = ?, updated_at = ?, rolled_out_at = ?, rolled_out_by = ?, "
          + "deployment_id = ? WHERE id = ?")
          // A draft of mail templates or responses only deploys nothing: it names no deployment (the one in force is
          // another's), so the deployments list does not credit it and a roll-back does not start from it.
          .params(ROLLED_OUT, utc(now), utc(now), who, result.deployed() ? result.deploymentId() : null, id).update();
      audit.record(who, "models.rollout", String.valueOf(id), draft.name() + ": " + contents.keySet()
          + (draft.note() == null ? "" : " — " + draft.note()) + " → " + result.deploymentId());
      LOG.info("Draft {} ({}) rolled out by {}: {} → deployment {}", id, draft.name(), who, contents.keySet(),
          result.deploymentId());
      return new RollOut(get(id, false), result);
    }
  }

  /**
   * Rolls the models back to what an earlier FlowDesk deployment had: a draft of the files that differ now,
   * rolled out at once (so checked, written, deployed and audited as any roll-out). A file the folder has that
   * the deployment did not have is left in place, and named in the note.
   */
  public RollOut rollBack(String deploymentId, String note, String who) {
    Deployment deployment = repositoryService.createDeploymentQuery().deploymentId(deploymentId)
        .deploymentName(ModelDeployer.DEPLOYMENT_NAME).singleResult();
    if (deployment == null) {
      throw new NotFoundException("deployment of the models", deploymentId);
    }
    Map<String, String> files = new LinkedHashMap<>();
    for (String name : repositoryService.getDeploymentResourceNames(deploymentId)) {
      if (!PATH.matcher(name).matches()) {
        continue;
      }
      String content;
      try (var in = repositoryService.getResourceAsStream(deploymentId, name)) {
        content = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      if (!content.equals(onDisk(name))) {
        files.put(name, content);
      }
    }
    if (files.isEmpty()) {
      throw new ConflictException("The models on disk are those of deployment " + deploymentId + " already");
    }
    Draft draft = create("Roll back to " + deploymentId + " of " + deployment.getDeploymentTime().toInstant(),
        note, who);
    files.forEach((path, content) -> put(draft.id(), path, content, who));
    return rollOut(draft.id(), who);
  }

  private Draft open(long id) {
    Draft draft = get(id, false);
    if (!OPEN.equals(draft.status())) {
      throw new ConflictException("Draft " + id + " is " + draft.status().replace('_', ' ') + ", no longer open");
    }
    return draft;
  }

  private void touch(long id) {
    jdbc.sql("UPDATE fd_model_draft SET updated_at = ? WHERE id = ?").params(utc(clock.instant()), id).update();
  }

  private static void checkPath(String path) {
    if (path == null || !PATH.matcher(path).matches() || path.contains("..")) {
      throw new FormValidationException(List.of(new FieldError("path", "must be a model file such as "
          + "decisions/incident-priority.dmn: processes/*.bpmn, decisions/*.dmn, forms/*.form, catalog/*.yaml, "
          + "mail/*.txt, mail/*.html, responses/*.md, or the words in another language: i18n/<language>.json, "
          + "forms/i18n/<form>.<language>.json, catalog/i18n/<language>.yaml, or a department's own words beside "
          + "them: i18n/<name>.<language>.json, catalog/i18n/<name>.<language>.yaml")));
    }
  }

  private static Map<String, byte[]> contents(Draft draft) {
    Map<String, byte[]> contents = new LinkedHashMap<>();
    draft.files().forEach(file -> contents.put(file.path(), file.content().getBytes(StandardCharsets.UTF_8)));
    return contents;
  }

  private Path file(String path) {
    Path file = root.resolve(path).normalize();
    if (!file.startsWith(root)) {
      throw new IllegalArgumentException(path + " is outside the models folder");
    }
    return file;
  }

  /** The file as it is on disk now; null when there is none. */
  private String onDisk(String path) {
    Path file = file(path);
    try {
      return Files.isRegularFile(file) ? Files.readString(file, StandardCharsets.UTF_8) : null;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + path, e);
    }
  }

  private void write(String path, byte[] content) {
    try {
      Path file = file(path);
      Files.createDirectories(file.getParent());
      Path temporary = file.resolveSibling(file.getFileName() + ".rollout");
      Files.write(temporary, content);
      Files.move(temporary, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
          java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + path, e);
    }
  }

  private void restore(String path, String before) {
    try {
      if (before == null) {
        Files.deleteIfExists(file(path));
      } else {
        write(path, before.getBytes(StandardCharsets.UTF_8));
      }
    } catch (IOException | RuntimeException e) {
      LOG.error("Could not put {} back as it was before the rejected roll-out", path, e);
    }
  }

  /** A unified difference from the disk as the draft took it to the disk now. */
  static String difference(String path, String before, String now) {
    List<String> from = before == null ? List.of() : before.lines().toList();
    List<String> to = now == null ? List.of() : now.lines().toList();
    List<String> lines = UnifiedDiffUtils.generateUnifiedDiff(path + " (when the draft took it)",
        path + " (on disk now)", from, DiffUtils.diff(from, to), 2);
    return String.join("\n", new ArrayList<>(lines));
  }
}
