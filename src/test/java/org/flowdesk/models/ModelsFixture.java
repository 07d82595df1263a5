package org.flowdesk.models;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;

/** A writable copy of a models folder, for tests that change models as a process designer would. */
public final class ModelsFixture {

  private final Path root;

  private ModelsFixture(Path root) {
    this.root = root;
  }

  /** Copies src/test/resources/models (or another folder) into a new temporary folder. */
  public static ModelsFixture copyOf(Path source) {
    try {
      Path root = Files.createTempDirectory("flowdesk-models-");
      try (Stream<Path> paths = Files.walk(source)) {
        for (Path path : paths.toList()) {
          Path target = root.resolve(source.relativize(path).toString());
          if (Files.isDirectory(path)) {
            Files.createDirectories(target);
          } else {
            Files.copy(path, target);
          }
        }
      }
      return new ModelsFixture(root);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A copy of the project's own processes/, decisions/, forms/, catalog/, mail/ and i18n/. */
  public static ModelsFixture copyOfProjectModels() {
    try {
      Path root = Files.createTempDirectory("flowdesk-models-");
      for (String folder : new String[] {"processes", "decisions", "forms", "catalog", "mail", "i18n", "responses"}) {
        ModelsFixture copy = copyOf(Path.of(folder));
        Files.move(copy.root(), root.resolve(folder));
      }
      return new ModelsFixture(root);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static ModelsFixture copyOfTestModels() {
    return copyOf(Path.of("src/test/resources/models"));
  }

  public Path root() {
    return root;
  }

  public String read(String file) {
    try {
      return Files.readString(root.resolve(file), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public ModelsFixture write(String file, String content) {
    try {
      Path path = root.resolve(file);
      Files.createDirectories(path.getParent());
      // Written aside and moved in, as editors save, so that a watcher never reads a half-written
      // file (on a loaded machine the gap between truncating and writing can outlast its interval).
      Path saving = path.resolveSibling(path.getFileName() + ".saving");
      Files.writeString(saving, content, StandardCharsets.UTF_8);
      Files.move(saving, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Replaces text in a file; fails when the text is not there, so a test cannot silently change nothing. */
  public ModelsFixture replace(String file, String text, String replacement) {
    String content = read(file);
    if (!content.contains(text)) {
      throw new IllegalArgumentException(file + " does not contain " + text);
    }
    return write(file, content.replace(text, replacement));
  }

  public ModelsFixture delete(String file) {
    try {
      Files.delete(root.resolve(file));
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
