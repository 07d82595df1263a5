package org.flowdesk.models;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the models live and whether saved changes are deployed without a restart.
 *
 * @param root folder holding processes/, decisions/ and forms/ (default: the working directory)
 * @param watch deploy saved changes automatically
 * @param watchInterval how often the folders are looked at when watching
 */
@ConfigurationProperties("flowdesk.models")
public record ModelsProperties(
    @DefaultValue(".") String root,
    @DefaultValue("false") boolean watch,
    @DefaultValue("2s") Duration watchInterval) {

  // A String, not a Path: Spring would resolve "." against the servlet context, not the working directory.
  public Path rootPath() {
    return Path.of(root).toAbsolutePath().normalize();
  }
}
