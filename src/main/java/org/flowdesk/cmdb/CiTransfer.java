package org.flowdesk.cmdb;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.csv.DuplicateHeaderMode;
import org.flowdesk.api.FieldError;
import org.flowdesk.api.FormValidationException;
import org.flowdesk.identity.CurrentUser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The CMDB as a file, CSV or YAML, out and in. An import is all or nothing: every row is checked
 * first (class, attribute types, relations the classes allow, references to CIs that exist or come
 * with the file, services of the catalog), and one refused row refuses the file, naming each bad row
 * and its reason. A row says the whole CI, relations and services included: a row equal to the stored
 * CI changes nothing, so importing the same file twice changes nothing the second time.
 */
@Service
class CiTransfer {

  private static final Logger LOG = LoggerFactory.getLogger(CiTransfer.class);
  static final String ATTRIBUTE_COLUMN = "attributes.";
  static final List<String> COLUMNS = List.of("key", "class", "name", "ownerGroup", "lifecycle", "criticality",
      "relations", "services");
  /** Rows per import: twice the 100,000 of the benchmark (a row of the CMDB's export is 100 to 300 bytes). */
  static final int MOST_ROWS = 200_000;
  /** CIs written per batch of statements. */
  private static final int BATCH = 500;
  static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
      .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER))
      .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true)
      .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

  /** The YAML file: {@code configurationItems}, each a CI as the API writes one. */
  record YamlFile(@JsonProperty("configurationItems") List<YamlRow> configurationItems) {
  }

  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  @JsonPropertyOrder({"key", "class", "name", "ownerGroup", "lifecycle", "criticality", "attributes", "relations",
      "services"})
  record YamlRow(String key, @JsonProperty("class") String ciClass, String name, String ownerGroup, String lifecycle,
      String criticality, Map<String, Object> attributes, List<Ci.Relation> relations, List<String> services) {
  }

  /** A row of a file, with where it is (the CSV line or the YAML entry, from 1). */
  record Row(int row, CiRules.Input input) {
  }

  /**
   * The rows of a file, read one by one as often as the import asks (twice: once for the keys the file brings,
   * once to check and write each row), so a file of 100,000 rows is never held in memory as rows.
   */
  interface Rows {
    void each(Consumer<Row> row);
  }

  /** Where a file's text is read from, each time anew. */
  interface Source {
    Reader open() throws IOException;
  }

  static Rows csv(Source source) {
    return each -> read(source, reader -> readCsv(reader, each));
  }

  static Rows yaml(Source source) {
    return each -> read(source, reader -> readYaml(reader, each));
  }

  private interface Reading {
    void from(Reader reader) throws IOException;
  }

  private static void read(Source source, Reading reading) {
    try (Reader reader = source.open()) {
      reading.from(reader);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Schema(name = "CiImportReport", description = "What an import did")
  record Report(@Schema(description = "CIs the file added") int created,
      @Schema(description = "CIs whose row differed from the stored CI") int updated,
      @Schema(description = "Rows equal to the stored CI") int unchanged,
      @Schema(description = "The keys of the added CIs") List<String> createdKeys,
      @Schema(description = "The keys of the changed CIs") List<String> updatedKeys) {
  }

  @Schema(name = "CiImportRowError", description = "A refused row of an import, and why")
  record RowError(@Schema(description = "The CSV line (the header is line 1) or the YAML entry, from 1") int row,
      @Schema(example = "srv-01") String key, @Schema(example = "attributes.cpus") String field,
      @Schema(example = "'eight' is not an integer") String reason) {
  }

  /** The file's rows that were refused; nothing was imported. */
  static class Refused extends RuntimeException {
    private final transient List<RowError> rows;

    Refused(List<RowError> rows) {
      super(summary(rows));
      this.rows = List.copyOf(rows);
    }

    /** "2 rows refused (4 problems), nothing imported": rows counted once however many problems each has. */
    private static String summary(List<RowError> rows) {
      long refused = rows.stream().mapToInt(RowError::row).distinct().count();
      return refused + (refused == 1 ? " row" : " rows") + " refused"
          + (rows.size() > refused ? " (" + rows.size() + " problems)" : "") + ", nothing imported";
    }

    List<RowError> rows() {
      return rows;
    }
  }

  private final CiRepository repository;
  private final CiRules rules;
  private final CiClasses classes;
  private final Cmdb cmdb;
  private final Clock clock;

  CiTransfer(CiRepository repository, CiRules rules, CiClasses classes, Cmdb cmdb, Clock clock) {
    this.repository = repository;
    this.rules = rules;
    this.classes = classes;
    this.cmdb = cmdb;
    this.clock = clock;
  }

  // ---- export ----

  @Transactional(readOnly = true)
  String exportCsv(CurrentUser user, CiRepository.Filter filter) {
    cmdb.requireReader(user);
    List<Ci> cis = repository.all(filter);
    Set<String> attributeNames = new TreeSet<>();
    classes.current().classes().forEach(c -> c.attributes().forEach(a -> attributeNames.add(a.name())));
    cis.forEach(ci -> attributeNames.addAll(ci.attributes().keySet()));
    List<String> header = new ArrayList<>(COLUMNS);
    attributeNames.forEach(name -> header.add(ATTRIBUTE_COLUMN + name));
    StringWriter out = new StringWriter();
    try (CSVPrinter csv = new CSVPrinter(out, CSVFormat.RFC4180.builder().setHeader(header.toArray(String[]::new))
        .get())) {
      for (Ci ci : cis) {
        List<Object> cells = new ArrayList<>(List.of(ci.key(), ci.ciClass(), ci.name(), nonNull(ci.ownerGroup()),
            ci.lifecycle(), ci.criticality(),
            String.join(" ", ci.relations().stream().map(r -> r.type() + ":" + r.to()).toList()),
            String.join(" ", ci.services())));
        attributeNames.forEach(name -> cells.add(ci.attributes().containsKey(name)
            ? String.valueOf(ci.attributes().get(name)) : ""));
        csv.printRecord(cells.stream().map(cell -> neutralised(String.valueOf(cell))).toList());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  @Transactional(readOnly = true)
  String exportYaml(CurrentUser user, CiRepository.Filter filter) {
    cmdb.requireReader(user);
    List<YamlRow> rows = repository.all(filter).stream().map(ci -> new YamlRow(ci.key(), ci.ciClass(), ci.name(),
        ci.ownerGroup(), ci.lifecycle(), ci.criticality(), ci.attributes(), ci.relations(), ci.services())).toList();
    try {
      return YAML.writeValueAsString(new YamlFile(rows));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  // ---- import ----

  /** The rows of a CSV file, one by one; a file that is no CSV of the CMDB's columns is refused as a whole. */
  private static void readCsv(Reader text, Consumer<Row> each) {
    try (CSVParser parser = CSVParser.parse(text, CSVFormat.RFC4180.builder().setHeader()
        .setSkipHeaderRecord(true).setIgnoreEmptyLines(true).setDuplicateHeaderMode(DuplicateHeaderMode.DISALLOW).get())) {
      List<String> header = parser.getHeaderNames();
      for (String column : header) {
        if (!COLUMNS.contains(column) && !(column.startsWith(ATTRIBUTE_COLUMN)
            && column.length() > ATTRIBUTE_COLUMN.length())) {
          throw invalidFile("unknown column '" + cut(column) + "' (columns: " + String.join(", ", COLUMNS)
              + ", and attributes.<name> for each attribute)");
        }
      }
      for (String required : List.of("key", "class", "name")) {
        if (!header.contains(required)) {
          throw invalidFile("the header needs a column '" + required + "'");
        }
      }
      int rows = 0;
      for (CSVRecord record : parser) {
        if (++rows > MOST_ROWS) {
          throw invalidFile("at most " + MOST_ROWS + " rows per import");
        }
        int line = (int) record.getRecordNumber() + 1;
        Map<String, String> cells = new HashMap<>();
        record.toMap().forEach((column, value) -> cells.put(column, value == null ? null : restored(value)));
        Map<String, Object> attributes = new LinkedHashMap<>();
        cells.forEach((column, value) -> {
          if (column.startsWith(ATTRIBUTE_COLUMN) && value != null && !value.isEmpty()) {
            attributes.put(column.substring(ATTRIBUTE_COLUMN.length()), value);
          }
        });
        List<Ci.Relation> relations = new ArrayList<>();
        for (String relation : words(cells.get("relations"))) {
          int colon = relation.indexOf(':');
          relations.add(colon < 0 ? new Ci.Relation(relation, null)
              : new Ci.Relation(relation.substring(0, colon), relation.substring(colon + 1)));
        }
        each.accept(new Row(line, new CiRules.Input(blankToNull(cells.get("key")), blankToNull(cells.get("class")),
            cells.get("name"), attributes, blankToNull(cells.get("ownerGroup")), blankToNull(cells.get("lifecycle")),
            blankToNull(cells.get("criticality")), relations, words(cells.get("services")))));
      }
    } catch (IOException | UncheckedIOException | IllegalArgumentException | IllegalStateException e) {
      throw invalidFile("not a CSV file: " + cut(String.valueOf(e.getMessage())));
    }
  }

  /**
   * The rows of a YAML file (the CIs under configurationItems), one by one as the parser reaches them; a file that is
   * no such YAML is refused as a whole.
   */
  private static void readYaml(Reader text, Consumer<Row> each) {
    try (JsonParser parser = YAML.getFactory().createParser(text)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw invalidFile("a YAML import lists the CIs under configurationItems");
      }
      boolean listed = false;
      for (JsonToken token = parser.nextToken(); token == JsonToken.FIELD_NAME; token = parser.nextToken()) {
        if (!"configurationItems".equals(parser.currentName()) || listed) {
          throw invalidFile("not a YAML file of configurationItems: unknown field '" + cut(parser.currentName())
              + "' (line " + parser.currentLocation().getLineNr() + ")");
        }
        listed = true;
        if (parser.nextToken() != JsonToken.START_ARRAY) {
          throw invalidFile("not a YAML file of configurationItems: configurationItems is a list (line "
              + parser.currentLocation().getLineNr() + ")");
        }
        int n = 0;
        for (JsonToken entry = parser.nextToken(); entry != null && entry != JsonToken.END_ARRAY;
            entry = parser.nextToken()) {
          if (++n > MOST_ROWS) {
            throw invalidFile("at most " + MOST_ROWS + " rows per import");
          }
          YamlRow row = entry == JsonToken.VALUE_NULL ? null : YAML.readValue(parser, YamlRow.class);
          each.accept(row == null ? new Row(n, new CiRules.Input(null, null, null, null, null, null, null, null, null))
              : new Row(n, new CiRules.Input(row.key(), row.ciClass(), row.name(), row.attributes(), row.ownerGroup(),
                  row.lifecycle(), row.criticality(), row.relations(), row.services())));
        }
      }
      if (!listed) {
        throw invalidFile("a YAML import lists the CIs under configurationItems");
      }
    } catch (JsonProcessingException e) {
      throw invalidFile("not a YAML file of configurationItems: " + cut(e.getOriginalMessage())
          + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Checks every row and writes them in batches, all in this one transaction: when any row is refused, nothing
   * written stays (the transaction rolls back) and the answer names each refused row. The file is read twice: first
   * for the keys it brings (a relation may name a CI that comes later in the file), then to check and write.
   */
  @Transactional
  Report importRows(CurrentUser user, Rows rows) {
    cmdb.requireAdministrator(user, "Importing CIs");
    Map<String, String> fileClasses = new HashMap<>();
    List<RowError> errors = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    Set<String> referenced = new HashSet<>();
    rows.each(row -> {
      String key = row.input().key();
      if (key != null && !seen.add(key)) {
        errors.add(new RowError(row.row(), key, "key", "the key " + key + " is on more than one row"));
      }
      if (key != null && row.input().ciClass() != null) {
        fileClasses.put(key, row.input().ciClass());
      }
      if (row.input().relations() != null) {
        row.input().relations().stream().filter(r -> r != null && r.to() != null).forEach(r -> referenced.add(r.to()));
      }
    });
    referenced.removeAll(fileClasses.keySet());
    Map<String, String> storedClasses = repository.classesOf(referenced);
    Written written = new Written(user.id(), clock.instant());
    List<Ci.State> batch = new ArrayList<>();
    rows.each(row -> {
      CiRules.Checked checked = rules.check(row.input(),
          key -> fileClasses.containsKey(key) ? fileClasses.get(key) : storedClasses.get(key));
      for (FieldError error : checked.errors()) {
        errors.add(new RowError(row.row(), row.input().key(), error.field(), error.message()));
      }
      // Once a row is refused nothing more is written: the transaction will be rolled back.
      if (checked.state() != null && errors.isEmpty()) {
        batch.add(checked.state());
        if (batch.size() == BATCH) {
          write(batch, written);
        }
      }
    });
    if (!errors.isEmpty()) {
      errors.sort(java.util.Comparator.comparingInt(RowError::row));
      throw new Refused(errors);
    }
    write(batch, written);
    LOG.info("CMDB import by {}: {} created, {} updated, {} unchanged", user.id(), written.created.size(),
        written.updated.size(), written.unchanged);
    return new Report(written.created.size(), written.updated.size(), written.unchanged, written.created,
        written.updated);
  }

  /** What an import wrote so far, by whom and when. */
  private static final class Written {
    final String actor;
    final Instant at;
    final List<String> created = new ArrayList<>();
    final List<String> updated = new ArrayList<>();
    int unchanged;

    Written(String actor, Instant at) {
      this.actor = actor;
      this.at = at;
    }
  }

  /** One batch of checked rows: new CIs inserted, changed ones updated, each with its history; then emptied. */
  private void write(List<Ci.State> batch, Written written) {
    Map<String, Ci> stored = repository.findAll(batch.stream().map(Ci.State::key).toList());
    List<Ci.State> inserts = new ArrayList<>();
    List<Ci.State> updates = new ArrayList<>();
    List<CiRepository.Written> history = new ArrayList<>();
    for (Ci.State state : batch) {
      Ci before = stored.get(state.key());
      if (before == null) {
        inserts.add(state);
        history.add(new CiRepository.Written(state.key(), "imported", null, state));
        written.created.add(state.key());
      } else if (!before.state().equals(state)) {
        updates.add(state);
        history.add(new CiRepository.Written(state.key(), "imported", before.state(), state));
        written.updated.add(state.key());
      } else {
        written.unchanged++;
      }
    }
    repository.insertAll(inserts, written.at);
    repository.updateAll(updates, written.at);
    repository.recordChanges(history, written.at, written.actor);
    batch.clear();
  }

  /** A cell a spreadsheet would run as a formula, with an apostrophe before it. */
  static String neutralised(String cell) {
    return !cell.isEmpty() && "=+-@\t\r".indexOf(cell.charAt(0)) >= 0 ? "'" + cell : cell;
  }

  /** A cell as it was before the export neutralised it. */
  static String restored(String cell) {
    return cell.length() > 1 && cell.charAt(0) == '\'' && "=+-@\t\r".indexOf(cell.charAt(1)) >= 0
        ? cell.substring(1) : cell;
  }

  private static FormValidationException invalidFile(String reason) {
    return new FormValidationException(List.of(new FieldError("file", reason)));
  }

  private static List<String> words(String cell) {
    return cell == null || cell.isBlank() ? List.of() : List.of(cell.trim().split("\\s+"));
  }

  private static String blankToNull(String text) {
    return text == null || text.isBlank() ? null : text;
  }

  private static String nonNull(String text) {
    return text == null ? "" : text;
  }

  private static String cut(String text) {
    return text.length() <= 200 ? text : text.substring(0, 199) + "…";
  }
}
