package org.flowdesk.export;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.flowdesk.api.FieldError;
import org.flowdesk.api.FormValidationException;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;

import jakarta.servlet.http.HttpServletResponse;

/**
 * A list written out for a spreadsheet, as CSV (Apache Commons CSV) or XLSX (Apache POI's streaming
 * workbook, which keeps a window of rows in memory and the rest on disk), row by row as the caller
 * reads them: an export of a hundred thousand tickets is never held whole.
 *
 * <p>Text is what people typed, and a spreadsheet runs a cell that begins with {@code =}, {@code +},
 * {@code -} or {@code @} (or a tab or carriage return) as a formula: in CSV such text gets a leading
 * apostrophe, in XLSX it is a text cell marked quote-prefixed, so that a ticket titled
 * {@code =HYPERLINK(…)} shows as text and is never run.
 * Numbers stay numbers; times are ISO 8601 in UTC, which sort as text.
 */
public final class Spreadsheet implements AutoCloseable {

  /** How many XLSX rows stay in memory; the others are flushed to a temporary file. */
  private static final int XLSX_WINDOW = 200;

  public enum Format {
    CSV("text/csv;charset=UTF-8", "csv"),
    XLSX("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx");

    final String mediaType;
    final String extension;

    Format(String mediaType, String extension) {
      this.mediaType = mediaType;
      this.extension = extension;
    }

    /** csv or xlsx; anything else is the caller's mistake, named. */
    public static Format of(String name) {
      for (Format format : values()) {
        if (format.extension.equalsIgnoreCase(name == null ? "" : name.strip())) {
          return format;
        }
      }
      throw new FormValidationException(List.of(new FieldError("format", "must be csv or xlsx")));
    }
  }

  private final Format format;
  private final OutputStream out;
  private final CSVPrinter csv;
  private final SXSSFWorkbook workbook;
  private final SXSSFSheet sheet;
  private final CellStyle headerStyle;
  /** XLSX cells of text that looks like a formula: quote-prefixed, so that editing one never runs it either. */
  private final CellStyle textStyle;
  private int rows;

  private Spreadsheet(Format format, OutputStream out, String sheetName) throws IOException {
    this.format = format;
    this.out = out;
    if (format == Format.CSV) {
      Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
      // A byte order mark, so that spreadsheet programs read the umlauts as UTF-8.
      writer.write('\uFEFF');
      this.csv = new CSVPrinter(writer, CSVFormat.RFC4180);
      this.workbook = null;
      this.sheet = null;
      this.headerStyle = null;
      this.textStyle = null;
    } else {
      this.csv = null;
      this.workbook = new SXSSFWorkbook(XLSX_WINDOW);
      this.sheet = workbook.createSheet(sheetName);
      Font bold = workbook.createFont();
      bold.setBold(true);
      this.headerStyle = workbook.createCellStyle();
      this.headerStyle.setFont(bold);
      this.textStyle = workbook.createCellStyle();
      this.textStyle.setQuotePrefixed(true);
    }
  }

  /**
   * Starts the download: the response's type and file name are set, the header row written. Check
   * everything the caller asked for before: once rows are written, no error can be answered.
   */
  public static Spreadsheet download(HttpServletResponse response, Format format, String fileName, String sheetName,
      List<String> headers) {
    response.setContentType(format.mediaType);
    response.setHeader(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
        .filename(fileName + "." + format.extension, StandardCharsets.UTF_8).build().toString());
    response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
    try {
      Spreadsheet spreadsheet = new Spreadsheet(format, response.getOutputStream(), sheetName);
      spreadsheet.header(headers);
      return spreadsheet;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** For tests and other writers: the same, to any stream. */
  public static Spreadsheet to(OutputStream out, Format format, String sheetName, List<String> headers) {
    try {
      Spreadsheet spreadsheet = new Spreadsheet(format, out, sheetName);
      spreadsheet.header(headers);
      return spreadsheet;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void header(List<String> headers) throws IOException {
    if (csv != null) {
      csv.printRecord(headers.stream().map(Spreadsheet::safe).toList());
      return;
    }
    Row row = sheet.createRow(rows++);
    for (int i = 0; i < headers.size(); i++) {
      Cell cell = row.createCell(i);
      cell.setCellValue(headers.get(i));
      cell.setCellStyle(headerStyle);
    }
    sheet.createFreezePane(0, 1);
  }

  /** One row: texts, numbers, booleans, instants or nulls (empty cells). */
  public void row(List<?> cells) {
    try {
      if (csv != null) {
        List<Object> values = new ArrayList<>(cells.size());
        for (Object cell : cells) {
          values.add(cell instanceof Number || cell instanceof Boolean ? cell : cell == null ? "" : safe(text(cell)));
        }
        csv.printRecord(values);
        return;
      }
      Row row = sheet.createRow(rows++);
      for (int i = 0; i < cells.size(); i++) {
        Object value = cells.get(i);
        if (value == null) {
          continue;
        }
        Cell cell = row.createCell(i);
        if (value instanceof BigDecimal decimal) {
          cell.setCellValue(decimal.doubleValue());
        } else if (value instanceof Number number) {
          cell.setCellValue(number.doubleValue());
        } else if (value instanceof Boolean bool) {
          cell.setCellValue(bool);
        } else {
          // A text cell is never a formula in XLSX; the prefix keeps it so when someone edits it.
          String text = text(value);
          cell.setCellValue(text);
          if (looksLikeFormula(text)) {
            cell.setCellStyle(textStyle);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Sends what is written so far: a long export reaches the person while it is being read. */
  public void flush() {
    try {
      if (csv != null) {
        csv.flush();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    try {
      if (csv != null) {
        csv.flush();
      } else {
        workbook.write(out);
        workbook.close();
      }
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String text(Object value) {
    return value instanceof Instant instant ? instant.toString() : value.toString();
  }

  /** Whether a spreadsheet would take the text for a formula: it begins (after blanks) with = + - @, or with a tab or CR. */
  static boolean looksLikeFormula(String text) {
    if (text == null || text.isEmpty()) {
      return false;
    }
    char first = text.charAt(0);
    String trimmed = text.stripLeading();
    return first == '\t' || first == '\r' || (!trimmed.isEmpty() && "=+-@".indexOf(trimmed.charAt(0)) >= 0);
  }

  /** For CSV: text a spreadsheet would run as a formula gets an apostrophe in front; other text is as it was. */
  static String safe(String text) {
    return looksLikeFormula(text) ? "'" + text : text;
  }

  @Override
  public String toString() {
    return format.name().toLowerCase(Locale.ROOT) + " spreadsheet, " + rows + " rows";
  }
}
