package org.flowdesk.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import org.flowdesk.api.FormValidationException;
import org.junit.jupiter.api.Test;

/** What a spreadsheet would take for a formula, and how the cells are written. */
class SpreadsheetTest {

  @Test
  void textThatASpreadsheetWouldRunIsNeutralisedAndOtherTextIsNot() {
    for (String formula : List.of("=1+1", "+49 30 1234", "-2+3", "@SUM(A1)", "\t=1", "\r=1", "  =cmd|' /C calc'!A0")) {
      assertThat(Spreadsheet.looksLikeFormula(formula)).as(formula).isTrue();
      assertThat(Spreadsheet.safe(formula)).isEqualTo("'" + formula);
    }
    for (String text : List.of("Printer jams", "a=b", "E-mail", "", "   ", "50% slower")) {
      assertThat(Spreadsheet.looksLikeFormula(text)).as(text).isFalse();
      assertThat(Spreadsheet.safe(text)).isEqualTo(text);
    }
    assertThat(Spreadsheet.safe(null)).isNull();
  }

  @Test
  void csvRowsKeepNumbersAndTimesAndQuoteWhatNeedsIt() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (Spreadsheet sheet = Spreadsheet.to(out, Spreadsheet.Format.CSV, "Tickets", List.of("title", "n", "at", "price", "ok"))) {
      sheet.row(Arrays.asList("=cmd", -3, Instant.parse("2027-01-02T03:04:05Z"), new BigDecimal("1299.00"), true));
      sheet.row(Arrays.asList("a, \"b\"", null, null, null, false));
    }
    assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("\uFEFFtitle,n,at,price,ok\r\n"
        + "'=cmd,-3,2027-01-02T03:04:05Z,1299.00,true\r\n\"a, \"\"b\"\"\",,,,false\r\n");
  }

  @Test
  void onlyCsvAndXlsxAreFormats() {
    assertThat(Spreadsheet.Format.of("CSV")).isEqualTo(Spreadsheet.Format.CSV);
    assertThat(Spreadsheet.Format.of("xlsx")).isEqualTo(Spreadsheet.Format.XLSX);
    assertThatThrownBy(() -> Spreadsheet.Format.of("xls")).isInstanceOf(FormValidationException.class);
    assertThatThrownBy(() -> Spreadsheet.Format.of(null)).isInstanceOf(FormValidationException.class);
  }
}
