package org.flowdesk.models;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.ParseException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.camunda.bpm.engine.repository.DeploymentWithDefinitions;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.repository.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deploys every file under processes/, decisions/, forms/ and catalog/ as one deployment named
 * {@value #DEPLOYMENT_NAME}: all files together, and only when some file differs from the last
 * such deployment. Models that fail the checks or the engine's parser are refused as a whole,
 * so the versions already running stay active.
 */
public class ModelDeployer {

  public static final String DEPLOYMENT_NAME = "flowdesk-models";
  static final String DEPLOYMENT_SOURCE = "flowdesk";

  private static final Logger LOG = LoggerFactory.getLogger(ModelDeployer.class);

  private final RepositoryService repositoryService;
  private final ModelFolders folders;
  private final List<ModelCompanion> companions;
  private final ModelSteps steps;
  private final DeployedVocabulary vocabulary;

  private final java.util.function.Predicate<String> groupExists;

  public ModelDeployer(RepositoryService repositoryService, Path root) {
    this(repositoryService, root, List.of(), ModelSteps.UNKNOWN, new DeployedVocabulary(null), group -> true);
  }

  /**
   * @param groupExists whether the identity service knows a group: a group the models name that it does not know
   *     is a warning (nobody could take its tasks or read its queue until an administrator creates it)
   */
  public ModelDeployer(RepositoryService repositoryService, Path root, List<ModelCompanion> companions,
      ModelSteps steps, DeployedVocabulary vocabulary, java.util.function.Predicate<String> groupExists) {
    this.repositoryService = repositoryService;
    this.folders = new ModelFolders(root);
    this.companions = List.copyOf(companions);
    this.steps = steps;
    this.vocabulary = vocabulary;
    this.groupExists = groupExists;
  }

  /** The lint's findings, and a warning for each group the models name that the identity service does not know. */
  private ModelLint.Findings checked(java.util.Collection<ModelFile> files) {
    ModelLint.Findings findings = ModelLint.check(files, steps);
    if (!findings.errors().isEmpty()) {
      return findings;
    }
    List<ModelProblem> warnings = new ArrayList<>(findings.warnings());
    for (Vocabulary.Group group : findings.vocabulary().groups()) {
      if (!groupExists.test(group.id())) {
        String where = group.usedBy().isEmpty() ? "" : group.usedBy().get(0);
        int hash = where.indexOf('#');
        warnings.add(new ModelProblem(hash < 0 ? (where.isEmpty() ? null : where) : where.substring(0, hash),
            hash < 0 ? null : where.substring(hash + 1), null, "names the group '" + group.id() + "', which the "
                + "identity service does not know: nobody can take its tasks or see its queue until an administrator "
                + "creates it (a typo?)" + (group.usedBy().size() > 1 ? "; also named in "
                + String.join(", ", group.usedBy().subList(1, group.usedBy().size())) : "")));
      }
    }
    return new ModelLint.Findings(findings.errors(), List.copyOf(warnings), findings.index(), findings.vocabulary());
  }


  public synchronized DeploymentResult deploy() {
    List<ModelFile> files = folders.read();
    ModelLint.Findings findings = checked(files);
    if (!findings.errors().isEmpty()) {
      throw new ModelRejectedException(findings.errors(), null);
    }
    List<ModelCompanion.Prepared> prepared = prepareCompanions(findings.index());
    // The companions' warnings (the catalog's) beside the models'.
    List<ModelProblem> warnings = new ArrayList<>(findings.warnings());
    prepared.forEach(companion -> warnings.addAll(companion.warnings()));
    warnings.forEach(w -> LOG.warn("Model warning: {}", w));

    Deployment previous = latestDeployment();
    List<String> changed = changedFiles(files, previous);
    if (files.isEmpty() || changed.isEmpty()) {
      if (files.isEmpty()) {
        LOG.warn("No models found under {}: nothing to deploy", folders.root());
      }
      prepared.forEach(ModelCompanion.Prepared::activate);
      vocabulary.put(findings.vocabulary());
      return new DeploymentResult(false, previous == null ? null : previous.getId(),
          previous == null ? null : previous.getDeploymentTime().toInstant(),
          List.of(), List.of(), List.copyOf(warnings));
    }

    DeploymentBuilder builder = repositoryService.createDeployment()
        .name(DEPLOYMENT_NAME)
        .source(DEPLOYMENT_SOURCE)
        // Guards against another node deploying the same files at the same moment.
        .enableDuplicateFiltering(false);
    files.forEach(f -> builder.addInputStream(f.resourceName(), new ByteArrayInputStream(f.content())));

    DeploymentWithDefinitions deployment;
    try {
      deployment = builder.deployWithResult();
    } catch (ParseException e) {
      throw new ModelRejectedException(problemsOf(e), e);
    } catch (ProcessEngineException e) {
      throw new ModelRejectedException(List.of(new ModelProblem(null, null, null, e.getMessage())), e);
    }

    prepared.forEach(ModelCompanion.Prepared::activate);
    vocabulary.put(findings.vocabulary());
    boolean deployed = previous == null || !previous.getId().equals(deployment.getId());
    List<DeploymentResult.Definition> definitions = deployed ? definitionsOf(deployment) : List.of();
    if (deployed) {
      LOG.info("Deployed {} ({}) after changes to {}: {}", DEPLOYMENT_NAME, deployment.getId(), changed,
          definitions.stream().map(d -> d.key() + " v" + d.version()).collect(Collectors.joining(", ")));
    }
    return new DeploymentResult(deployed, deployment.getId(), deployment.getDeploymentTime().toInstant(),
        deployed ? changed : List.of(), definitions, List.copyOf(warnings));
  }

  /**
   * The deployment's checks on the models as they would be with the draft's files in place of
   * (or beside) those on disk, without deploying anything: each problem with its file and element.
   *
   * @param draft resource name ({@code processes/incident.bpmn}) to the file's new content
   */
  public ModelLint.Findings check(Map<String, byte[]> draft) {
    Map<String, ModelFile> files = new java.util.TreeMap<>();
    folders.read().forEach(file -> files.put(file.resourceName(), file));
    draft.forEach((name, content) -> files.put(name, new ModelFile(name, content)));
    ModelLint.Findings findings = checked(files.values());
    if (!findings.errors().isEmpty()) {
      return findings;
    }
    // The companions (catalog, calendars, CI classes) read their files from catalog/ and decisions/: a copy of
    // those folders as they are on disk, with the draft's files in place, so that Check finds what the roll-out
    // would refuse. Nothing is activated.
    List<ModelProblem> errors = new ArrayList<>();
    List<ModelProblem> warnings = new ArrayList<>(findings.warnings());
    Path copy = null;
    try {
      copy = Files.createTempDirectory("flowdesk-check").toRealPath();
      for (String folder : COMPANION_FOLDERS) {
        Path from = folders.root().resolve(folder);
        if (Files.isDirectory(from)) {
          try (var paths = Files.walk(from)) {
            for (Path file : paths.filter(Files::isRegularFile).toList()) {
              write(copy, folder + "/" + from.relativize(file).toString().replace('\\', '/'), Files.readAllBytes(file));
            }
          }
        }
      }
      for (Map.Entry<String, byte[]> file : draft.entrySet()) {
        if (COMPANION_FOLDERS.stream().anyMatch(folder -> file.getKey().startsWith(folder + "/"))) {
          write(copy, file.getKey(), file.getValue());
        }
      }
      for (ModelCompanion companion : companions) {
        try {
          warnings.addAll(companion.prepare(copy, findings.index()).warnings());
        } catch (ModelRejectedException e) {
          errors.addAll(e.problems());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot check the draft's files", e);
    } finally {
      deleteQuietly(copy);
    }
    return new ModelLint.Findings(List.copyOf(errors), List.copyOf(warnings), findings.index(), findings.vocabulary());
  }

  /** The folders whose files the companions read. */
  private static final List<String> COMPANION_FOLDERS = List.of("catalog", "decisions");

  private static void write(Path root, String name, byte[] content) throws IOException {
    Path target = root.resolve(name).normalize();
    if (!target.startsWith(root)) {
      throw new IllegalArgumentException(name + " is outside the models folder");
    }
    Files.createDirectories(target.getParent());
    Files.write(target, content);
  }

  private static void deleteQuietly(Path folder) {
    if (folder == null) {
      return;
    }
    try (var paths = Files.walk(folder)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException | RuntimeException e) {
      LOG.warn("Could not remove {}: {}", folder, e.getMessage());
    }
  }

  /** Every companion checks its files; all problems of all of them are reported together. */
  private List<ModelCompanion.Prepared> prepareCompanions(ModelIndex index) {
    List<ModelCompanion.Prepared> prepared = new ArrayList<>();
    List<ModelProblem> problems = new ArrayList<>();
    for (ModelCompanion companion : companions) {
      try {
        prepared.add(companion.prepare(folders.root(), index));
      } catch (ModelRejectedException e) {
        problems.addAll(e.problems());
      }
    }
    if (!problems.isEmpty()) {
      throw new ModelRejectedException(problems, null);
    }
    return prepared;
  }

  private Deployment latestDeployment() {
    return repositoryService.createDeploymentQuery()
        .deploymentName(DEPLOYMENT_NAME)
        .orderByDeploymentTime().desc()
        .listPage(0, 1)
        .stream().findFirst().orElse(null);
  }

  private List<String> changedFiles(List<ModelFile> files, Deployment previous) {
    Map<String, byte[]> deployed = new HashMap<>();
    if (previous != null) {
      for (Resource resource : repositoryService.getDeploymentResources(previous.getId())) {
        deployed.put(resource.getName(), resourceBytes(previous.getId(), resource.getName()));
      }
    }
    Set<String> changed = new TreeSet<>();
    for (ModelFile file : files) {
      byte[] before = deployed.remove(file.resourceName());
      if (before == null || !file.sameContentAs(before)) {
        changed.add(file.resourceName());
      }
    }
    changed.addAll(deployed.keySet());
    return List.copyOf(changed);
  }

  private byte[] resourceBytes(String deploymentId, String name) {
    try (InputStream in = repositoryService.getResourceAsStream(deploymentId, name)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<DeploymentResult.Definition> definitionsOf(DeploymentWithDefinitions deployment) {
    List<DeploymentResult.Definition> definitions = new ArrayList<>();
    Objects.requireNonNullElse(deployment.getDeployedProcessDefinitions(), List.<ProcessDefinition>of())
        .forEach(p -> definitions.add(new DeploymentResult.Definition("process", p.getKey(), p.getVersion(), p.getResourceName())));
    Objects.requireNonNullElse(deployment.getDeployedDecisionDefinitions(), List.<DecisionDefinition>of())
        .forEach(d -> definitions.add(new DeploymentResult.Definition("decision", d.getKey(), d.getVersion(), d.getResourceName())));
    return definitions;
  }

  private static List<ModelProblem> problemsOf(ParseException e) {
    List<ModelProblem> problems = new ArrayList<>();
    e.getResorceReports().forEach(report -> report.getErrors().forEach(problem -> problems.add(new ModelProblem(
        report.getResourceName(), problem.getMainElementId(), problem.getLine() > 0 ? problem.getLine() : null,
        problem.getMessage()))));
    if (problems.isEmpty()) {
      problems.add(new ModelProblem(null, null, null, e.getMessage()));
    }
    return problems;
  }
}
