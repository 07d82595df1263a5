package org.flowdesk.models;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.Deployment;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.junit.jupiter.SpringExtension;

/**
 * The models folder of the {@link EditableModelsTest} context, and what undoes a test's edits.
 * After each test the files are put back as they were copied, the {@code flowdesk-models}
 * deployments the test made are deleted with their process instances (so the deployment the
 * context started with is the latest again, whatever the engine's clock said when the test
 * deployed), and the models are deployed once more, which reloads the catalog from the restored
 * files. Tickets the test created stay, as in any shared context.
 */
public final class EditableModels implements BeforeEachCallback, AfterEachCallback {

  private static final ModelsFixture FILES = ModelsFixture.copyOfProjectModels();
  private static final ModelsFixture ORIGINALS = ModelsFixture.copyOfProjectModels();
  private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(EditableModels.class);

  /** The folder the shared context deploys from; a test edits it as a process designer would. */
  public static ModelsFixture files() {
    return FILES;
  }

  /** Points {@code flowdesk.models.root} of the shared context at the copy. */
  static final class Folder implements ApplicationContextInitializer<ConfigurableApplicationContext> {
    @Override
    public void initialize(ConfigurableApplicationContext context) {
      TestPropertyValues.of("flowdesk.models.root=" + FILES.root()).applyTo(context);
    }
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    context.getStore(NAMESPACE).put(Deployment.class, deploymentIds(repository(context)));
  }

  @Override
  public void afterEach(ExtensionContext context) {
    ApplicationContext application = SpringExtension.getApplicationContext(context);
    restoreFiles();
    RepositoryService repository = application.getBean(RepositoryService.class);
    @SuppressWarnings("unchecked")
    Set<String> before = context.getStore(NAMESPACE).get(Deployment.class, Set.class);
    for (String id : deploymentIds(repository)) {
      if (!before.contains(id)) {
        repository.deleteDeployment(id, true);
      }
    }
    application.getBean(ModelDeployer.class).deploy();
  }

  private static RepositoryService repository(ExtensionContext context) {
    return SpringExtension.getApplicationContext(context).getBean(RepositoryService.class);
  }

  private static Set<String> deploymentIds(RepositoryService repository) {
    Set<String> ids = new HashSet<>();
    repository.createDeploymentQuery().deploymentName(ModelDeployer.DEPLOYMENT_NAME).list()
        .forEach(d -> ids.add(d.getId()));
    return ids;
  }

  /** Deletes the files a test added and writes back those it changed or deleted. */
  private static void restoreFiles() {
    try {
      for (Path file : filesUnder(FILES.root())) {
        if (!Files.exists(ORIGINALS.root().resolve(FILES.root().relativize(file).toString()))) {
          Files.delete(file);
        }
      }
      for (Path original : filesUnder(ORIGINALS.root())) {
        Path file = FILES.root().resolve(ORIGINALS.root().relativize(original).toString());
        byte[] content = Files.readAllBytes(original);
        if (!Files.exists(file) || !Arrays.equals(content, Files.readAllBytes(file))) {
          Files.createDirectories(file.getParent());
          Files.write(file, content);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<Path> filesUnder(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      return paths.filter(Files::isRegularFile).sorted(Comparator.naturalOrder()).toList();
    }
  }
}
