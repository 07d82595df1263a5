package org.flowdesk.models;

import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.flowdesk.identity.AuditLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import jakarta.annotation.PreDestroy;

/**
 * Deploys saved model changes without a restart (flowdesk.models.watch=true). The folders are
 * read every interval; a change is deployed once the files have stayed the same for one more
 * interval, so that an editor's half-written save is not deployed.
 */
@Component
@ConditionalOnProperty(prefix = "flowdesk.models", name = "watch", havingValue = "true")
class ModelWatcher {

  private static final Logger LOG = LoggerFactory.getLogger(ModelWatcher.class);
  static final String ACTOR = "model-watcher";

  private final ModelDeployer deployer;
  private final AuditLog audit;
  private final ModelFolders folders;
  private final ModelsProperties properties;
  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread thread = new Thread(r, "flowdesk-model-watcher");
    thread.setDaemon(true);
    return thread;
  });

  private List<ModelFile> lastSeen;
  private boolean settled = true;

  ModelWatcher(ModelDeployer deployer, ModelsProperties properties, AuditLog audit) {
    this.deployer = deployer;
    this.audit = audit;
    this.properties = properties;
    this.folders = new ModelFolders(properties.rootPath());
  }

  @EventListener(ApplicationReadyEvent.class)
  void start() {
    lastSeen = folders.read();
    long interval = properties.watchInterval().toMillis();
    scheduler.scheduleWithFixedDelay(this::look, interval, interval, TimeUnit.MILLISECONDS);
    LOG.info("Watching {} for model changes", properties.rootPath());
  }

  private void look() {
    try {
      List<ModelFile> now = folders.read();
      if (!now.equals(lastSeen)) {
        lastSeen = now;
        settled = false;
        return;
      }
      if (!settled) {
        settled = true;
        DeploymentResult result = deployer.deploy();
        if (result.deployed()) {
          audit.record(ACTOR, "models.deploy", result.deploymentId(), "deployed " + result.changedFiles());
        } else {
          LOG.info("Model files changed back to the deployed versions: nothing deployed");
        }
      }
    } catch (ModelRejectedException e) {
      LOG.error("{} The running versions stay active; fix the file and save again.", e.getMessage());
      audit.record(ACTOR, "models.deploy.rejected", null, e.getMessage());
    } catch (RuntimeException e) {
      LOG.error("Watching models failed; trying again in {}", properties.watchInterval(), e);
    }
  }

  @PreDestroy
  void stop() {
    scheduler.shutdownNow();
  }
}
