package org.flowdesk.models;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Reads the model files below the models root: *.bpmn under processes/, *.dmn under decisions/,
 * *.form under forms/ and the catalog's *.yaml under catalog/, each named relative to the root
 * so that the deployment looks the same whichever folder FlowDesk was started from. The
 * catalog goes into the deployment too, so a catalog change is a deployment like any other:
 * recorded, audited, and visible in Cockpit.
 */
final class ModelFolders {

  private static final Map<String, String> ENDING_BY_FOLDER =
      Map.of("processes", ".bpmn", "decisions", ".dmn", "forms", ".form", "catalog", ".yaml");

  private final Path root;

  ModelFolders(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  Path root() {
    return root;
  }

  /** The current files, sorted by resource name. */
  List<ModelFile> read() {
    List<ModelFile> files = new ArrayList<>();
    for (var folder : ENDING_BY_FOLDER.entrySet()) {
      Path dir = root.resolve(folder.getKey());
      if (!Files.isDirectory(dir)) {
        continue;
      }
      try (Stream<Path> paths = Files.walk(dir)) {
        // <folder>/i18n/ holds the models' words in other languages, read from disk as they are (Languages).
        for (Path path : paths.filter(Files::isRegularFile).filter(p -> !p.startsWith(dir.resolve("i18n")))
            .filter(p -> p.getFileName().toString().endsWith(folder.getValue()))
            .toList()) {
          files.add(new ModelFile(resourceName(path), Files.readAllBytes(path)));
        }
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot read models under " + dir, e);
      }
    }
    files.sort(Comparator.comparing(ModelFile::resourceName));
    return files;
  }

  private String resourceName(Path path) {
    return root.relativize(path.toAbsolutePath().normalize()).toString().replace('\\', '/');
  }
}
