package org.flowdesk.cmdb;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.flowdesk.TicketOfInstance;
import org.flowdesk.ticket.Ticket;
import org.flowdesk.ticket.TicketService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The steps of processes/fulfil-hardware.bpmn and fulfil-return.bpmn that keep the CMDB's assets: a prepared
 * device becomes a CI of its class assigned to the person the request is for (planned), goes live when it is
 * handed over, and leaves them (retired, or back in stock) when it is given back.
 * Which catalog item becomes which class, and which group owns the devices, the model says (the step's
 * input parameters assetClasses and assetOwnerGroup); the asset tag is what the fulfiller wrote in the
 * preparation's form; the person is the ticket's requester, never a variable.
 */
@Configuration(proxyBeanMethods = false)
class AssetDelegates {

  private static final Logger LOG = LoggerFactory.getLogger(AssetDelegates.class);
  /** Where the device's CI is kept between preparing it and handing it over; set by FlowDesk only. */
  static final String DEVICE = "deviceKey";

  /** After the preparation: the device (by its asset tag) is a CI assigned to the requester, planned. */
  @Bean
  JavaDelegate registerDevice(Cmdb cmdb, TicketService tickets) {
    return execution -> {
      String number = TicketOfInstance.of(execution);
      Ticket ticket = tickets.find(number).orElseThrow();
      String ciClass = assetClass(execution, ticket.item());
      // What the fulfiller typed, without the control characters a CI's texts may not have.
      Object typed = execution.getVariable(Cmdb.ASSET_TAG);
      String tag = typed == null ? null : typed.toString().replaceAll("[\\x00-\\x1F\\x7F]", "").strip();
      if (ciClass == null || tag == null || tag.isEmpty()) {
        LOG.info("{}: item {} is no asset of the CMDB (or has no asset tag); no device recorded", number, ticket.item());
        execution.setVariable(DEVICE, null);
        return;
      }
      Object ownerGroup = execution.getVariableLocal("assetOwnerGroup");
      Ci device = cmdb.recordAsset(TicketService.SYSTEM, keyOf(tag, number), ciClass, tag, ticket.requester(),
          ownerGroup == null ? null : ownerGroup.toString(), ticket.service() == null ? List.of()
              : List.of(ticket.service()), Ci.PLANNED);
      execution.setVariable(DEVICE, device.key());
      LOG.info("{}: device {} ({}) recorded for {}", number, device.key(), ciClass, ticket.requester());
    };
  }

  /** After the handover: the device's CI is live. */
  @Bean
  JavaDelegate handOverDevice(Cmdb cmdb) {
    return execution -> {
      Object key = execution.getVariable(DEVICE);
      if (key != null) {
        cmdb.handedOver(TicketService.SYSTEM, key.toString());
        LOG.info("{}: device {} handed over", TicketOfInstance.of(execution), key);
      }
    };
  }

  /**
   * processes/fulfil-return.bpmn, after the service desk received the device the request names (the ticket's CI,
   * checked at intake to be the requester's own): it leaves the requester and goes to the lifecycle the step's input
   * parameter says (retired, or planned: back in stock). Its history names FlowDesk, as for the other steps of
   * assets; the request's timeline names the agent who received it.
   */
  @Bean
  JavaDelegate takeBackDevice(Cmdb cmdb, TicketService tickets) {
    return execution -> {
      String number = TicketOfInstance.of(execution);
      String key = tickets.find(number).orElseThrow().configurationItem();
      if (key == null) {
        LOG.info("{}: names no device; nothing taken back in the CMDB", number);
        return;
      }
      Object lifecycle = execution.getVariableLocal("lifecycle");
      if (lifecycle == null) {
        throw new IllegalStateException(execution.getCurrentActivityId() + " gives no input parameter lifecycle: "
            + "the model says what a device given back becomes");
      }
      cmdb.takeBack(TicketService.SYSTEM, key, lifecycle.toString());
      LOG.info("{}: device {} taken back ({})", number, key, lifecycle);
    };
  }

  /** The CI class the model gives the catalog item, or null when the item is no asset of the CMDB. */
  private static String assetClass(DelegateExecution execution, String item) {
    Object classes = execution.getVariableLocal("assetClasses");
    if (item == null || !(classes instanceof Map<?, ?> byItem) || byItem.get(item) == null) {
      return null;
    }
    return byItem.get(item).toString();
  }

  /**
   * The CI's key from the asset tag as the demo's are (LT-10001 is lt-10001): lower case, anything but
   * letters, digits, dots, dashes and underscores a dash; the ticket's number when nothing is left.
   */
  static String keyOf(String assetTag, String ticket) {
    String key = assetTag.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]+", "-").replaceAll("^[^a-z0-9]+", "")
        .replaceAll("-+$", "");
    key = key.length() > 64 ? key.substring(0, 64) : key;
    return key.isEmpty() ? "asset-" + ticket.toLowerCase(Locale.ROOT) : key;
  }
}
