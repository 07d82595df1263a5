package org.flowdesk.cmdb;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A configuration item: its class (catalog/ci-classes.yaml), attributes checked against the class,
 * the group that owns it, where it is in its life, how critical it is, the relations that go from
 * it to the CIs it depends on, and the catalog's services that stand on it.
 */
@Schema(name = "ConfigurationItem")
public record Ci(
    @Schema(example = "srv-db-01") String key,
    @JsonProperty("class") @Schema(example = "server") String ciClass,
    @Schema(example = "Database server 1") String name,
    @Schema(description = "The attributes its class declares, typed", example = "{\"hostname\": \"db01\", \"cpus\": 8}")
    Map<String, Object> attributes,
    @Schema(example = "network") String ownerGroup,
    @Schema(description = "planned, live or retired", example = "live") String lifecycle,
    @Schema(description = "low, medium or high", example = "high") String criticality,
    @Schema(description = "From this CI to those it depends on") List<Relation> relations,
    @Schema(description = "The catalog's services that stand on this CI", example = "[\"erp\"]") List<String> services,
    Instant createdAt, Instant updatedAt) {

  public static final String PLANNED = "planned";
  public static final String LIVE = "live";
  public static final String RETIRED = "retired";
  static final List<String> LIFECYCLES = List.of(PLANNED, LIVE, RETIRED);
  static final List<String> CRITICALITIES = List.of("low", "medium", "high");

  /** A relation from the CI to another it depends on. */
  @Schema(name = "CiRelation")
  public record Relation(@Schema(example = "runs-on") String type, @Schema(example = "srv-01") String to) {
  }

  /** What is written of a CI, as compared to tell a changed import row from an unchanged one. */
  State state() {
    return new State(key, ciClass, name, attributes, ownerGroup, lifecycle, criticality, relations, services);
  }

  /** A CI without its times: what a create, an update or an import row says, after checking. */
  record State(String key, @JsonProperty("class") String ciClass, String name, Map<String, Object> attributes,
      String ownerGroup, String lifecycle, String criticality, List<Relation> relations, List<String> services) {
  }
}
