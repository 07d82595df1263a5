package org.flowdesk.models;

import java.util.Arrays;

/** One model file, named relative to the models root with '/' separators (processes/incident.bpmn). */
record ModelFile(String resourceName, byte[] content) {

  ModelFile {
    content = content.clone();
  }

  @Override
  public byte[] content() {
    return content.clone();
  }

  boolean sameContentAs(byte[] other) {
    return Arrays.equals(content, other);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ModelFile f && f.resourceName.equals(resourceName) && f.sameContentAs(content);
  }

  @Override
  public int hashCode() {
    return resourceName.hashCode() * 31 + Arrays.hashCode(content);
  }

  @Override
  public String toString() {
    return resourceName;
  }
}
