package org.flowdesk.cmdb;

import java.util.List;

import org.flowdesk.api.ApiDocs;
import org.flowdesk.api.FormValidationException;
import org.flowdesk.api.NotFoundException;
import org.flowdesk.identity.CurrentUser;
import org.flowdesk.ticket.OnBehalf;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * "My devices": the CIs assigned to the caller (their assignedTo attribute), such as the laptops and
 * monitors fulfil-hardware delivered. Everyone reads their own, requesters included, though only agents,
 * service owners and administrators read the CMDB itself; so a device says what a person knows of it.
 */
@RestController
@Tag(name = "Configuration items")
class DeviceController {

  private final Cmdb cmdb;
  private final CiClasses classes;
  private final OnBehalf onBehalf;

  DeviceController(Cmdb cmdb, CiClasses classes, OnBehalf onBehalf) {
    this.cmdb = cmdb;
    this.classes = classes;
    this.onBehalf = onBehalf;
  }

  @Schema(name = "Device", description = "A CI assigned to the caller")
  record Device(@Schema(example = "lt-10001") String key, @JsonProperty("class") @Schema(example = "laptop") String ciClass,
      @Schema(description = "The class's name", example = "Laptop") String className,
      @Schema(example = "Laptop LT-10001") String name, @Schema(example = "LT-10001") String assetTag,
      @Schema(example = "Lenovo ThinkPad T14") String model,
      @Schema(description = "planned (being prepared) or live", example = "live") String lifecycle,
      @Schema(description = "The catalog's services standing on it: where to report a problem with it",
          example = "[\"laptop\"]") List<String> services) {
  }

  @Operation(operationId = "myDevices", summary = "My devices",
      description = "The configuration items assigned to the caller that are not retired, by name: the laptops and "
          + "monitors delivered to them, for instance.")
  @ApiResponse(responseCode = "200", description = "The caller's devices")
  @GetMapping("/api/me/devices")
  List<Device> mine(Authentication caller) {
    return devicesOf(CurrentUser.of(caller).id());
  }

  @Operation(operationId = "personsDevices", summary = "A person's devices",
      description = "The devices of a person the caller may report or order for (service desk agents: anyone; a "
          + "manager: their direct reports; everyone: themselves), for the report form of an incident entered on "
          + "their behalf. Otherwise 403; 404 when there is no such person.")
  @ApiResponse(responseCode = "200", description = "The person's devices")
  @ApiResponse(responseCode = "403", ref = ApiDocs.FORBIDDEN)
  @ApiResponse(responseCode = "404", ref = ApiDocs.NOT_FOUND)
  @GetMapping("/api/people/{id}/devices")
  List<Device> persons(@PathVariable String id, Authentication caller) {
    try {
      return devicesOf(onBehalf.requesterFor(CurrentUser.of(caller), id).id());
    } catch (FormValidationException noSuchPerson) {
      throw new NotFoundException("person", id);
    }
  }

  private List<Device> devicesOf(String person) {
    return cmdb.devicesOf(person).stream().map(ci -> new Device(ci.key(), ci.ciClass(),
        classes.current().ciClass(ci.ciClass()).map(CiClasses.CiClass::name).orElse(ci.ciClass()), ci.name(),
        text(ci.attributes().get(Cmdb.ASSET_TAG)), text(ci.attributes().get("model")), ci.lifecycle(), ci.services()))
        .toList();
  }

  private static String text(Object value) {
    return value == null ? null : value.toString();
  }
}
