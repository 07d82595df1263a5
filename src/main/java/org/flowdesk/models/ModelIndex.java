package org.flowdesk.models;

import java.util.Set;

/** The ids the model files define, for files that refer to them (the catalog). */
public record ModelIndex(Set<String> formIds, Set<String> decisionIds, Set<String> processIds) {
}
