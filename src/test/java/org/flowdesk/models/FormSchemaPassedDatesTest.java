package org.flowdesk.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.Map;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.flowdesk.api.FormValidationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A date field with form-js's "disallow passed dates" refuses a date that has passed, at every
 * door, as the portal's and Tasklist's date picker do: a start date for a new employee in the past
 * is refused by the form, not by Java written for the onboarding item.
 */
class FormSchemaPassedDatesTest {

  static final FormSchema FORM = FormSchema.parse(new ByteArrayInputStream("""
      {"id": "dates", "components": [
        {"key": "startDate", "type": "datetime", "subtype": "date", "dateLabel": "First working day",
         "disallowPassedDates": true},
        {"key": "anyDate", "type": "datetime", "subtype": "date", "dateLabel": "Any day"},
        {"key": "meeting", "type": "datetime", "subtype": "datetime", "dateLabel": "Meeting",
         "disallowPassedDates": true}
      ]}""".getBytes(StandardCharsets.UTF_8)));

  @BeforeEach
  void wednesdayMorningInBerlin() {
    ClockUtil.setCurrentTime(Date.from(Instant.parse("2027-03-10T08:00:00Z")));
  }

  @AfterEach
  void realTime() {
    ClockUtil.reset();
  }

  @Test
  void aPassedDateIsRefusedWithTheFieldsLabel() {
    assertThatThrownBy(() -> FORM.validate(Map.of("startDate", "2027-03-01")))
        .isInstanceOfSatisfying(FormValidationException.class, e -> assertThat(e.errors())
            .extracting(org.flowdesk.api.FieldError::message).containsExactly("First working day must not be in the past"));
    assertThatThrownBy(() -> FORM.validate(Map.of("meeting", "2027-03-08T10:00")))
        .isInstanceOf(FormValidationException.class);
  }

  @Test
  void todayAndLaterAreAcceptedAndFieldsWithoutTheRuleTakeAnyDate() {
    assertThat(FORM.validate(Map.of("startDate", "2027-03-10"))).containsEntry("startDate", "2027-03-10");
    assertThat(FORM.validate(Map.of("startDate", "2027-04-01", "meeting", "2027-03-10T18:00")))
        .containsEntry("meeting", "2027-03-10T18:00");
    assertThat(FORM.validate(Map.of("anyDate", "2020-01-01"))).containsEntry("anyDate", "2020-01-01");
  }
}
