package org.flowdesk;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class FlowDeskApplication {

  public static void main(String[] args) {
    SpringApplication.run(FlowDeskApplication.class, args);
  }
}
