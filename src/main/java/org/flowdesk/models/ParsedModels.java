package org.flowdesk.models;

import java.io.ByteArrayInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.function.UnaryOperator;

import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.DmnModelInstance;

/**
 * BPMN and DMN files read through Camunda's model API once per content. The model API compiles its XML schemas
 * anew for every file it reads (six of them for a decision: DMN 1.1 to 1.5), and that compiling, not the file,
 * was most of the read; the lint, the calendars' check and the what-ifs read the same unchanged files at every
 * deployment and every check. A content read before is answered with a copy of what was read, an instance of
 * its own that the caller may change; the copy keeps what the schema-validating read gave the document (its ids
 * are ids). A file that does not parse is read, and refused, each time. The latest {@value #KEPT} contents are
 * kept.
 */
public final class ParsedModels {

  static final int KEPT = 128;

  private static final Map<String, Object> READ = new LinkedHashMap<>(KEPT, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Object> eldest) {
      return size() > KEPT;
    }
  };

  private ParsedModels() {
  }

  /** The decisions file, as {@code Dmn.readModelFromStream} reads it; its exceptions for a file it refuses. */
  public static DmnModelInstance dmn(byte[] content) {
    return read("dmn:", content, bytes -> Dmn.readModelFromStream(new ByteArrayInputStream(bytes)),
        DmnModelInstance::clone);
  }

  /** The process file, as {@code Bpmn.readModelFromStream} reads it; its exceptions for a file it refuses. */
  public static BpmnModelInstance bpmn(byte[] content) {
    return read("bpmn:", content, bytes -> Bpmn.readModelFromStream(new ByteArrayInputStream(bytes)),
        BpmnModelInstance::clone);
  }

  /** How many contents are kept now. */
  static int kept() {
    synchronized (READ) {
      return READ.size();
    }
  }

  private static <T> T read(String kind, byte[] content, Function<byte[], T> parse, UnaryOperator<T> copy) {
    String key = kind + digest(content);
    Object kept;
    synchronized (READ) {
      kept = READ.get(key);
    }
    if (kept == null) {
      T parsed = parse.apply(content);
      synchronized (READ) {
        READ.putIfAbsent(key, parsed);
        kept = READ.get(key);
      }
    }
    @SuppressWarnings("unchecked")
    T original = (T) kept;
    // The model API's copy locks the original's document while it clones it.
    return copy.apply(original);
  }

  private static String digest(byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }
}
