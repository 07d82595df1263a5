package org.flowdesk.request;

import java.math.BigDecimal;
import java.time.Clock;

import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.flowdesk.UtcColumns;
import org.flowdesk.TicketOfInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

@Configuration(proxyBeanMethods = false)
class RequestDelegates {

  private static final Logger LOG = LoggerFactory.getLogger(RequestDelegates.class);

  /** A fulfilled request's price, booked against its service and line of business. */
  @Bean
  JavaDelegate recordCost(JdbcClient jdbc, Clock clock) {
    return execution -> {
      String ticket = TicketOfInstance.of(execution);
      BigDecimal price = new BigDecimal(String.valueOf(execution.getVariable("price")));
      jdbc.sql("INSERT INTO fd_cost_record (ticket_number, service, line_of_business, item_id, price, recorded_at) "
          + "VALUES (?, ?, ?, ?, ?, ?)")
          .params(ticket, execution.getVariable("service"), execution.getVariable("lineOfBusiness"),
              execution.getVariable("itemId"), price, UtcColumns.utc(clock.instant()))
          .update();
      LOG.info("{} cost {} booked to {} / {}", ticket, price, execution.getVariable("service"),
          execution.getVariable("lineOfBusiness"));
    };
  }
}
