package org.flowdesk.measures;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.flowdesk.ApiClient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ActiveProfiles;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The measures as spreadsheets: GET /api/measures/export writes the rows the JSON reports answer
 * for the same period, with the reports' fields as columns, for the same callers only.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class MeasuresExportTest {

  static final String PERIOD = "from=2026-01-01&to=2028-01-01";

  @Autowired
  TestRestTemplate rest;

  ResponseEntity<byte[]> export(String user, String query) {
    return ApiClient.as(rest, user, user).getForEntity("/api/measures/export?" + query, byte[].class);
  }

  static List<String> columns(Class<? extends Record> kind) {
    return Arrays.stream(kind.getRecordComponents()).map(RecordComponent::getName).toList();
  }

  static CSVParser csv(ResponseEntity<byte[]> response) throws IOException {
    String text = new String(response.getBody(), StandardCharsets.UTF_8);
    assertThat(text).startsWith("\uFEFF");
    return CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
        .parse(new StringReader(text.substring(1)));
  }

  @Test
  void theMeasuresPerServiceAreTheRowsOfTheReportWithItsFieldsAsColumns() throws IOException {
    // A ticket in the period, so that there is a row to compare.
    ApiClient api = new ApiClient(rest);
    ResponseEntity<String> reported = api.call("alice", HttpMethod.POST, "/api/incidents", java.util.Map.of(
        "title", "Export me", "description", "A row for the export", "service", "printer", "category", "hardware",
        "impact", 3, "urgency", 3));
    assertThat(reported.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    JsonNode json = ApiClient.read(api.call("admin", HttpMethod.GET, "/api/measures?" + PERIOD + "&groupBy=service",
        null)).get("rows");

    ResponseEntity<byte[]> response = export("admin", PERIOD + "&groupBy=service");
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(response.getHeaders().getContentType().toString()).startsWith("text/csv");
    assertThat(response.getHeaders().getFirst(HttpHeaders.CONTENT_DISPOSITION))
        .contains("measures-2026-01-01-to-2028-01-01.csv");
    try (CSVParser parser = csv(response)) {
      assertThat(parser.getHeaderNames()).isEqualTo(columns(Measures.Row.class));
      List<CSVRecord> rows = parser.getRecords();
      assertThat(rows).hasSize(json.size());
      for (int i = 0; i < rows.size(); i++) {
        assertThat(rows.get(i).get("key")).isEqualTo(json.get(i).get("key").asText());
        assertThat(Long.parseLong(rows.get(i).get("opened"))).isEqualTo(json.get(i).get("opened").asLong());
        assertThat(Long.parseLong(rows.get(i).get("backlog"))).isEqualTo(json.get(i).get("backlog").asLong());
      }
      assertThat(rows).extracting(r -> r.get("key")).contains("printer");
    }
  }

  @Test
  void theCostPerServiceAndPerLineOfBusinessAsXlsxHoldNumbers() throws IOException {
    JsonNode cost = ApiClient.read(new ApiClient(rest).call("admin", HttpMethod.GET, "/api/measures/cost?" + PERIOD,
        null));
    ResponseEntity<byte[]> services = export("admin", PERIOD + "&report=cost&format=xlsx");
    assertThat(services.getStatusCode()).isEqualTo(HttpStatus.OK);
    try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(services.getBody()))) {
      Sheet sheet = book.getSheetAt(0);
      List<String> header = new ArrayList<>();
      sheet.getRow(0).forEach(cell -> header.add(cell.getStringCellValue()));
      assertThat(header).isEqualTo(columns(Measures.ServiceValue.class));
      assertThat(sheet.getLastRowNum()).isEqualTo(cost.get("services").size());
      Row first = sheet.getRow(1);
      JsonNode firstService = cost.get("services").get(0);
      assertThat(first.getCell(header.indexOf("service")).getStringCellValue())
          .isEqualTo(firstService.get("service").asText());
      assertThat(BigDecimal.valueOf(first.getCell(header.indexOf("runningCost")).getNumericCellValue()))
          .isEqualByComparingTo(firstService.get("runningCost").decimalValue());
    }
    try (CSVParser lines = csv(export("admin", PERIOD + "&report=linesOfBusiness"))) {
      assertThat(lines.getHeaderNames()).isEqualTo(columns(Measures.LineValue.class));
      assertThat(lines.getRecords()).extracting(r -> r.get("lineOfBusiness"))
          .containsExactlyElementsOf(cost.get("linesOfBusiness").findValuesAsText("lineOfBusiness"));
    }
  }

  @Test
  void onlyServiceOwnersAndAdministratorsExportAndBadRequestsAreRefusedBeforeAnyRow() {
    assertThat(export("alice", PERIOD).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(export("bob", PERIOD).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(export("admin", PERIOD + "&format=pdf").getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(export("admin", PERIOD + "&report=salaries").getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(export("admin", "from=2028-01-01&to=2026-01-01").getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(export("admin", PERIOD + "&groupBy=requester").getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    ResponseEntity<byte[]> refused = export("admin", PERIOD + "&format=pdf");
    assertThat(refused.getHeaders().getContentType().toString()).contains("problem+json");
  }
}
