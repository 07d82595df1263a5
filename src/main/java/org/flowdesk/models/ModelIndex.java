package org.flowdesk.models;

import java.util.Map;
import java.util.Set;

/**
 * The ids the model files define, for files that refer to them (the catalog), the forms by id, for
 * what refers to their fields (a request item's title), and the groups the models name, for
 * what names a group (a request item's fulfilment group).
 */
public record ModelIndex(Set<String> formIds, Set<String> decisionIds, Set<String> processIds,
    Map<String, FormSchema> forms, Set<String> groups) {
}
