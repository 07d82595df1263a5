package org.flowdesk.models;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.camunda.bpm.dmn.engine.impl.spi.transform.DmnTransformer;
import org.camunda.bpm.dmn.engine.impl.transform.DefaultDmnTransform;
import org.camunda.bpm.dmn.engine.impl.transform.DefaultDmnTransformer;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;

/**
 * The engine's deployments read a decisions file through {@link ParsedModels}, as the lint before them did, so
 * an unchanged file is not read (and its six DMN schemas compiled) once more for every deployment. A file the
 * read refuses is read again by Camunda's own transform, which refuses it with its own error. An engine plugin,
 * so deployments from Cockpit and the REST API go through it too; a transformer configured otherwise is kept.
 */
public final class DecisionsReadOnce extends AbstractProcessEnginePlugin {

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    DefaultDmnEngineConfiguration dmn = FeelParsedOnce.dmnOf(configuration);
    if (dmn.getTransformer().getClass() == DefaultDmnTransformer.class) {
      dmn.transformer(new Transformer());
    }
  }

  /** Camunda's transformer, whose transforms read the file through {@link ParsedModels}. */
  static final class Transformer extends DefaultDmnTransformer {
    Transformer() {
      transformFactory = Transform::new;
    }
  }

  static final class Transform extends DefaultDmnTransform {
    Transform(DmnTransformer transformer) {
      super(transformer);
    }

    @Override
    public void setModelInstance(InputStream inputStream) {
      byte[] content;
      try {
        content = inputStream.readAllBytes();
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot read the decisions file", e);
      }
      try {
        setModelInstance(ParsedModels.dmn(content));
      } catch (RuntimeException refused) {
        super.setModelInstance(new ByteArrayInputStream(content));
      }
    }
  }
}
