package org.flowdesk.models;

import java.util.Objects;

import org.springframework.context.ApplicationEventPublisher;

/**
 * The vocabulary of the models in force: set when a deployment went through (or found nothing
 * changed) and announced as a {@link VocabularyChanged} event, so whoever keeps something per
 * status or group (Tasklist access, metrics) follows the models without a restart.
 */
public class DeployedVocabulary {

  /** The models in force now use these words. */
  public record VocabularyChanged(Vocabulary vocabulary) {
  }

  private final ApplicationEventPublisher events;
  private volatile Vocabulary current = Vocabulary.EMPTY;

  public DeployedVocabulary(ApplicationEventPublisher events) {
    this.events = events;
  }

  public Vocabulary current() {
    return current;
  }

  void put(Vocabulary vocabulary) {
    boolean changed = !Objects.equals(current, vocabulary);
    current = vocabulary;
    if (changed && events != null) {
      events.publishEvent(new VocabularyChanged(vocabulary));
    }
  }
}
