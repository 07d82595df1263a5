package org.flowdesk.notification;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.context.ConfigurationPropertiesAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/**
 * flowdesk.mail as operations write it: a language for a group's own address is checked when FlowDesk starts, so a
 * typing mistake stops the start with the setting's name instead of sending the group English mail unnoticed.
 */
class MailPropertiesTest {

  @Configuration
  @EnableConfigurationProperties(MailProperties.class)
  static class Bound {
  }

  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(ConfigurationPropertiesAutoConfiguration.class))
      .withUserConfiguration(Bound.class);

  @Test
  void aGroupAddressReadsTheLanguageSetForIt() {
    runner.withPropertyValues("flowdesk.mail.group-addresses.hr=hr@flowdesk.test",
        "flowdesk.mail.group-languages.hr=de").run(context -> {
          assertThat(context).hasNotFailed();
          assertThat(context.getBean(MailProperties.class).groupLanguages()).containsEntry("hr", "de");
        });
    runner.run(context -> assertThat(context.getBean(MailProperties.class).groupLanguages()).isEmpty());
  }

  @Test
  void aLanguageForAGroupWithoutAnAddressOrThatIsNoLanguageCodeStopsTheStart() {
    runner.withPropertyValues("flowdesk.mail.group-languages.hr=de").run(context ->
        assertThat(context).getFailure().rootCause().hasMessage("flowdesk.mail.group-languages.hr names a group "
            + "without an address of its own (flowdesk.mail.group-addresses.hr): its members get mail in their own "
            + "languages"));
    runner.withPropertyValues("flowdesk.mail.group-addresses.hr=hr@flowdesk.test",
        "flowdesk.mail.group-languages.hr=German").run(context ->
        assertThat(context).getFailure().rootCause().hasMessage("flowdesk.mail.group-languages.hr must be a language "
            + "code such as de (two or three small letters), not \"German\""));
  }
}
