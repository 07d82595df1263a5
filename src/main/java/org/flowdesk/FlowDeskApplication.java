package org.flowdesk;

import java.time.Clock;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;

@SpringBootApplication
@ConfigurationPropertiesScan
public class FlowDeskApplication {

  public static void main(String[] args) {
    SpringApplication.run(FlowDeskApplication.class, args);
  }

  /** The clock FlowDesk's code reads: the engine's, so both agree (see {@link EngineClock}). */
  @Bean
  Clock clock() {
    return EngineClock.utc();
  }
}
