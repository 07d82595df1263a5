package org.flowdesk.ticket;

import static org.flowdesk.UtcColumns.instant;
import static org.flowdesk.UtcColumns.utc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import org.flowdesk.Database;
import org.flowdesk.H2FullText;
import org.flowdesk.SearchText;
import org.flowdesk.TextQuery;
import org.flowdesk.identity.CurrentUser;
import org.flowdesk.models.FormSchema;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** FlowDesk's ticket table and timeline, in plain SQL that H2 and PostgreSQL both run. */
@Repository
class TicketRepository {

  private static final String INSERT_TIMELINE = "INSERT INTO fd_timeline_entry "
      + "(ticket_number, occurred_at, actor, kind, internal, text) VALUES (?, ?, ?, ?, ?, ?)";

  private final JdbcClient jdbc;
  private final JdbcTemplate batch;
  private final boolean postgres;

  TicketRepository(JdbcClient jdbc, JdbcTemplate batch, DataSource dataSource) {
    this.jdbc = jdbc;
    this.batch = batch;
    this.postgres = Database.isPostgres(dataSource);
  }

  long nextValue(String sequence) {
    return jdbc.sql(Database.nextValue(postgres, sequence)).query(Long.class).single();
  }

  void insert(Ticket t) {
    jdbc.sql("""
        INSERT INTO fd_ticket (ticket_number, ticket_type, title, description, requester, service, category,
            impact, urgency, priority, status, assignment_group, process_instance_id, created_at, updated_at, item_id,
            price, entered_by, ci_key)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
        .params(t.number(), t.type(), t.title(), t.description(), t.requester(), t.service(), t.category(),
            t.impact(), t.urgency(), t.priority(), t.status(), t.assignmentGroup(), t.processInstanceId(),
            utc(t.createdAt()), utc(t.updatedAt()), t.item(), t.price(), t.enteredBy(), t.configurationItem())
        .update();
  }

  Optional<Ticket> find(String number) {
    return jdbc.sql("SELECT * FROM fd_ticket WHERE ticket_number = ?").param(number).query(TicketRepository::ticket)
        .optional();
  }

  void markAssigned(String number, Instant at, String assignee, String status) {
    update(number, at, "assignee = ?, status = ?", assignee, status);
  }

  void markUnassigned(String number, Instant at) {
    update(number, at, "assignee = NULL");
  }

  /** The first response; false when the ticket had one already. */
  boolean markResponded(String number, Instant at) {
    return jdbc.sql("UPDATE fd_ticket SET responded_at = ?, updated_at = ? WHERE ticket_number = ? "
        + "AND responded_at IS NULL").params(utc(at), utc(at), number).update() == 1;
  }

  void markReassigned(String number, Instant at, String group) {
    update(number, at, "assignment_group = ?, assignee = NULL, reassignment_count = reassignment_count + 1", group);
  }

  void assignGroup(String number, Instant at, String group) {
    update(number, at, "assignment_group = ?", group);
  }

  /** Gives the ticket the group unless some group holds it already; whether it did. */
  boolean assignGroupIfNone(String number, Instant at, String group) {
    return jdbc.sql("UPDATE fd_ticket SET assignment_group = ?, updated_at = ? WHERE ticket_number = ? "
        + "AND assignment_group IS NULL").params(group, utc(at), number).update() > 0;
  }

  void markFulfilmentStarted(String number, Instant at, String status, String group) {
    update(number, at, "status = ?, assignment_group = ?", status, group);
  }

  void markReprioritised(String number, Instant at, int impact, int urgency, int priority) {
    update(number, at, "impact = ?, urgency = ?, priority = ?", impact, urgency, priority);
  }

  void setStatus(String number, Instant at, String status) {
    update(number, at, "status = ?", status);
  }

  void markResolved(String number, Instant at, String status, String code, String notes) {
    update(number, at, "status = ?, resolved_at = ?, resolution_code = ?, resolution_notes = ?", status, utc(at),
        code, notes);
  }

  void markReopened(String number, Instant at, String status) {
    update(number, at, "status = ?, assignee = NULL, resolved_at = NULL, resolution_code = NULL, "
        + "resolution_notes = NULL, reopen_count = reopen_count + 1", status);
  }

  /**
   * A closed ticket is worked again, by the process instance {@code instanceId}; false when it is not
   * closed (any more): someone else reopened it first.
   */
  boolean markReopenedAfterClosing(String number, Instant at, String closed, String status, String instanceId) {
    return jdbc.sql("UPDATE fd_ticket SET status = ?, assignee = NULL, resolved_at = NULL, closed_at = NULL, "
        + "resolution_code = NULL, resolution_notes = NULL, reopen_count = reopen_count + 1, process_instance_id = ?, "
        + "updated_at = ? "
        + "WHERE ticket_number = ? AND status = ?")
        .params(status, instanceId, utc(at), number, closed).update() == 1;
  }

  /** Closed, rejected or cancelled: the ticket's life ends with {@code status}. */
  void markClosed(String number, Instant at, String status) {
    update(number, at, "status = ?, closed_at = ?", status, utc(at));
  }

  void markRated(String number, Instant at, int satisfaction, String comment) {
    update(number, at, "satisfaction = ?, satisfaction_comment = ?", satisfaction, comment);
  }

  /** Something happened to the ticket that changes none of its columns (a comment, a step). */
  void touch(String number, Instant at) {
    update(number, at, null);
  }

  private void update(String number, Instant at, String assignments, Object... values) {
    List<Object> params = new ArrayList<>(Arrays.asList(values));
    params.add(utc(at));
    params.add(number);
    int rows = jdbc.sql("UPDATE fd_ticket SET " + (assignments == null ? "" : assignments + ", ")
        + "updated_at = ? WHERE ticket_number = ?")
        .params(params).update();
    if (rows != 1) {
      throw new IllegalStateException("No ticket " + number);
    }
  }

  /** Writes the entry now, for a caller that shows it with its id. */
  TimelineEntry addTimeline(String number, Instant at, String actor, String kind, boolean internal, String text) {
    writePendingTimeline();
    GeneratedKeyHolder key = new GeneratedKeyHolder();
    jdbc.sql(INSERT_TIMELINE).params(number, utc(at), actor, kind, internal, text).update(key, "id");
    return new TimelineEntry(key.getKey().longValue(), number, at, actor, kind, internal, text, null);
  }

  /**
   * Puts the entry on the timeline when the transaction commits, in one batch with the
   * transaction's other entries (intake writes two, from two steps); at once outside one.
   */
  void note(String number, Instant at, String actor, String kind, boolean internal, String text) {
    Object[] entry = {number, utc(at), actor, kind, internal, text};
    if (!TransactionSynchronizationManager.isSynchronizationActive()) {
      batch.update(INSERT_TIMELINE, entry);
      return;
    }
    pendingTimeline().add(entry);
  }

  @SuppressWarnings("unchecked")
  private List<Object[]> pendingTimeline() {
    List<Object[]> pending = (List<Object[]>) TransactionSynchronizationManager.getResource(this);
    if (pending == null) {
      pending = new ArrayList<>();
      TransactionSynchronizationManager.bindResource(this, pending);
      TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
        @Override
        public void beforeCommit(boolean readOnly) {
          writePendingTimeline();
        }

        @Override
        public void afterCompletion(int status) {
          TransactionSynchronizationManager.unbindResourceIfPossible(TicketRepository.this);
        }
      });
    }
    return pending;
  }

  private void writePendingTimeline() {
    @SuppressWarnings("unchecked")
    List<Object[]> pending = (List<Object[]>) TransactionSynchronizationManager.getResource(this);
    if (pending == null || pending.isEmpty()) {
      return;
    }
    List<Object[]> entries = List.copyOf(pending);
    pending.clear();
    batch.batchUpdate(INSERT_TIMELINE, entries);
  }

  /** The answers of the form the ticket was opened with, in the form's order, in one batch. */
  void insertAnswers(String number, List<FormSchema.Answer> answers) {
    List<Object[]> rows = new ArrayList<>();
    for (int i = 0; i < answers.size(); i++) {
      FormSchema.Answer answer = answers.get(i);
      rows.add(new Object[] {number, i, answer.key(), answer.label(), answer.value(), answer.shown()});
    }
    if (!rows.isEmpty()) {
      batch.batchUpdate("INSERT INTO fd_ticket_answer (ticket_number, position, field_key, label, answer, shown) "
          + "VALUES (?, ?, ?, ?, ?, ?)", rows);
    }
  }

  List<FormSchema.Answer> answers(String number) {
    return jdbc.sql("SELECT field_key, label, answer, shown FROM fd_ticket_answer WHERE ticket_number = ? "
        + "ORDER BY position").param(number)
        .query((rs, n) -> new FormSchema.Answer(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)))
        .list();
  }

  /** The text of the ticket's latest timeline entry of this kind (the question asked last). */
  Optional<String> latestNote(String number, String kind) {
    writePendingTimeline();
    return jdbc.sql("SELECT text FROM fd_timeline_entry WHERE ticket_number = ? AND kind = ? "
        + "ORDER BY occurred_at DESC, id DESC").params(number, kind).query(String.class).list().stream().findFirst();
  }

  List<TimelineEntry> timeline(String number, boolean withInternal) {
    writePendingTimeline();
    // The minutes worked with an entry are internal effort: read for the ticket's agents only.
    return jdbc.sql("SELECT e.*, " + (withInternal ? "w.minutes" : "CAST(NULL AS INTEGER) AS minutes")
        + " FROM fd_timeline_entry e"
        + (withInternal ? " LEFT JOIN fd_time_worked w ON w.timeline_entry_id = e.id" : "")
        + " WHERE e.ticket_number = ?"
        + (withInternal ? "" : " AND e.internal = FALSE") + " ORDER BY e.occurred_at, e.id")
        .param(number)
        .query((rs, n) -> new TimelineEntry(rs.getLong("id"), rs.getString("ticket_number"),
            instant(rs, "occurred_at"), rs.getString("actor"), rs.getString("kind"),
            rs.getBoolean("internal"), rs.getString("text"), minutes(rs)))
        .list();
  }

  /**
   * Minutes an agent worked, with the timeline entry they came with; the ticket's service and the
   * group the work was for as they are now, to be priced at that group's rate.
   */
  void addTimeWorked(String number, String actor, int minutes, Instant at, String source, String taskId, String step,
      long timelineEntry, String service, String group) {
    jdbc.sql("INSERT INTO fd_time_worked (ticket_number, actor, minutes, worked_at, source, task_id, step, "
        + "timeline_entry_id, service, assignment_group) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .params(number, actor, minutes, utc(at), source, taskId, step, timelineEntry, service, group)
        .update();
  }

  private static Integer minutes(java.sql.ResultSet rs) throws java.sql.SQLException {
    int minutes = rs.getInt("minutes");
    return rs.wasNull() ? null : minutes;
  }

  void addApproval(String number, String step, String stepName, String approver, boolean approved, String comment,
      Instant at) {
    jdbc.sql("INSERT INTO fd_approval (ticket_number, step, step_name, approver, approved, comment, decided_at) "
        + "VALUES (?, ?, ?, ?, ?, ?, ?)").params(number, step, stepName, approver, approved, comment, utc(at)).update();
  }

  List<Approval> approvals(String number) {
    return jdbc.sql("SELECT step, step_name, approver, approved, comment, decided_at FROM fd_approval "
        + "WHERE ticket_number = ? ORDER BY decided_at, id")
        .param(number)
        .query((rs, n) -> new Approval(rs.getString("step"), rs.getString("step_name"), rs.getString("approver"),
            rs.getBoolean("approved"), rs.getString("comment"), instant(rs, "decided_at")))
        .list();
  }

  List<String> watchers(String number) {
    return jdbc.sql("SELECT user_id FROM fd_ticket_watcher WHERE ticket_number = ? ORDER BY user_id")
        .param(number).query(String.class).list();
  }

  boolean isWatcher(String number, String user) {
    return jdbc.sql("SELECT COUNT(*) FROM fd_ticket_watcher WHERE ticket_number = ? AND user_id = ?")
        .params(number, user).query(Long.class).single() > 0;
  }

  boolean addWatcher(String number, String user, String addedBy, Instant at) {
    if (isWatcher(number, user)) {
      return false;
    }
    jdbc.sql("INSERT INTO fd_ticket_watcher (ticket_number, user_id, added_by, added_at) VALUES (?, ?, ?, ?)")
        .params(number, user, addedBy, utc(at)).update();
    return true;
  }

  boolean removeWatcher(String number, String user) {
    return jdbc.sql("DELETE FROM fd_ticket_watcher WHERE ticket_number = ? AND user_id = ?")
        .params(number, user).update() == 1;
  }

  /** The incident becomes a major incident; false when it was one already. */
  boolean markMajor(String number, String declaredBy, Instant at) {
    if (isMajor(number)) {
      return false;
    }
    jdbc.sql("INSERT INTO fd_major_incident (ticket_number, declared_at, declared_by) VALUES (?, ?, ?)")
        .params(number, utc(at), declaredBy).update();
    return true;
  }

  /** Whether the incident is major, the major incident it is attached to and its children, in one read. */
  record MajorRelations(boolean major, String parent, List<String> children) {
  }

  MajorRelations majorRelations(String number) {
    List<String[]> rows = jdbc.sql("SELECT 'major' AS relation, ticket_number AS linked_number FROM fd_major_incident "
        + "WHERE ticket_number = ? UNION ALL SELECT relation, linked_number FROM fd_ticket_link "
        + "WHERE ticket_number = ? AND relation IN ('child_of', 'parent_of') ORDER BY 1, 2")
        .params(number, number).query((rs, row) -> new String[] {rs.getString(1), rs.getString(2)}).list();
    return new MajorRelations(rows.stream().anyMatch(r -> "major".equals(r[0])),
        rows.stream().filter(r -> "child_of".equals(r[0])).map(r -> r[1]).findFirst().orElse(null),
        rows.stream().filter(r -> "parent_of".equals(r[0])).map(r -> r[1]).toList());
  }

  boolean isMajor(String number) {
    return jdbc.sql("SELECT COUNT(*) FROM fd_major_incident WHERE ticket_number = ?").param(number)
        .query(Long.class).single() > 0;
  }

  /** Links the two tickets both ways; false when they were linked so already. */
  boolean link(String number, String linked, String relation, String inverse, Instant at) {
    if (jdbc.sql("SELECT COUNT(*) FROM fd_ticket_link WHERE ticket_number = ? AND linked_number = ? AND relation = ?")
        .params(number, linked, relation).query(Long.class).single() > 0) {
      return false;
    }
    String insert = "INSERT INTO fd_ticket_link (ticket_number, linked_number, relation, created_at) VALUES (?, ?, ?, ?)";
    jdbc.sql(insert).params(number, linked, relation, utc(at)).update();
    jdbc.sql(insert).params(linked, number, inverse, utc(at)).update();
    return true;
  }

  List<TicketLink> links(String number) {
    return jdbc.sql("SELECT l.linked_number, l.relation, l.created_at, t.ticket_type, t.title, t.status "
        + "FROM fd_ticket_link l JOIN fd_ticket t ON t.ticket_number = l.linked_number "
        + "WHERE l.ticket_number = ? ORDER BY l.created_at, l.linked_number")
        .param(number)
        .query((rs, n) -> new TicketLink(rs.getString("linked_number"), rs.getString("relation"),
            rs.getString("ticket_type"), rs.getString("title"), rs.getString("status"),
            instant(rs, "created_at")))
        .list();
  }

  /** A page of tickets matching the filter, soonest resolution due first, open-ended ones last. */
  List<Ticket> search(TicketFilter filter, int page, int size) {
    return search(filter, null, page, size);
  }

  /**
   * A page of tickets matching the filter in the order asked (none: soonest resolution due first),
   * tickets without a value for the column last either way, the ticket number breaking ties.
   */
  List<Ticket> search(TicketFilter filter, TicketFilter.Sort sort, int page, int size) {
    Query query = query(filter);
    // Requesters sort by the name people read ("Alice Andersen"), from the engine's user table; an id the
    // table does not know (a directory of its own) sorts by itself.
    boolean byName = sort != null && sort.column() == TicketFilter.SortColumn.REQUESTER;
    return jdbc.sql("SELECT t.* FROM fd_ticket t LEFT JOIN fd_sla_clock c "
        + "ON c.ticket_number = t.ticket_number AND c.clock = 'resolution'"
        + (byName ? " LEFT JOIN ACT_ID_USER u ON u.ID_ = t.requester" : "") + query.where
        + " ORDER BY " + orderBy(sort) + " LIMIT ? OFFSET ?")
        .params(query.withParams(size, (long) page * size))
        .query(TicketRepository::ticket).list();
  }

  private static String orderBy(TicketFilter.Sort sort) {
    if (sort == null) {
      return "c.due_at ASC NULLS LAST, t.created_at ASC";
    }
    String column = switch (sort.column()) {
      case REQUESTER -> "LOWER(COALESCE(u.FIRST_ || ' ' || u.LAST_, u.FIRST_, u.LAST_, t.requester))";
      case SERVICE -> "t.service";
      case PRIORITY -> "t.priority";
      case DUE -> "c.due_at";
      case AGE -> "t.created_at";
      case UPDATED -> "t.updated_at";
    };
    // The youngest ticket has the least age: the latest creation time.
    boolean descending = sort.column() == TicketFilter.SortColumn.AGE ? !sort.descending() : sort.descending();
    return column + (descending ? " DESC" : " ASC") + " NULLS LAST, t.ticket_number " + (descending ? "DESC" : "ASC");
  }

  long count(TicketFilter filter) {
    Query query = query(filter);
    return jdbc.sql("SELECT COUNT(*) FROM fd_ticket t" + query.where).params(query.params).query(Long.class)
        .single();
  }

  private record Query(String where, List<Object> params) {
    List<Object> withParams(Object... more) {
      List<Object> all = new ArrayList<>(params);
      all.addAll(List.of(more));
      return all;
    }
  }

  private Query query(TicketFilter filter) {
    StringBuilder where = new StringBuilder(" WHERE 1 = 1");
    List<Object> params = new ArrayList<>();
    // A group's queue asked for by one of its members needs no visibility check: its members see
    // all of it. Left out, the query can use the (group, status) index instead of scanning.
    boolean ownQueue = filter.group() != null && filter.visibleTo() != null
        && filter.visibleTo().user().isMemberOf(filter.group());
    if (filter.visibleTo() != null && !ownQueue) {
      CurrentUser user = filter.visibleTo().user();
      // The tickets the caller watches as a set of their own (asked once), not a question per ticket:
      // under an OR, PostgreSQL would ask the watchers of every ticket it looks at.
      where.append(" AND (t.requester = ? OR t.assignee = ? OR t.ticket_number IN (SELECT w.ticket_number "
          + "FROM fd_ticket_watcher w WHERE w.user_id = ?)");
      params.add(user.id());
      params.add(user.id());
      params.add(user.id());
      if (!user.groups().isEmpty()) {
        where.append(" OR t.assignment_group IN (").append(placeholders(user.groups().size())).append(")");
        params.addAll(user.groups());
      }
      if (filter.visibleTo().allChanges()) {
        where.append(" OR t.ticket_type = 'change'");
      }
      if (!filter.visibleTo().ownedServices().isEmpty()) {
        where.append(" OR t.service IN (").append(placeholders(filter.visibleTo().ownedServices().size())).append(")");
        params.addAll(filter.visibleTo().ownedServices());
      }
      where.append(")");
    }
    if (filter.requester() != null) {
      where.append(" AND t.requester = ?");
      params.add(filter.requester());
    }
    if (filter.watcher() != null) {
      where.append(" AND EXISTS (SELECT 1 FROM fd_ticket_watcher ww WHERE ww.ticket_number = t.ticket_number "
          + "AND ww.user_id = ?)");
      params.add(filter.watcher());
    }
    if (filter.status() != null) {
      where.append(" AND t.status = ?");
      params.add(filter.status());
    }
    if (filter.group() != null) {
      where.append(" AND t.assignment_group = ?");
      params.add(filter.group());
    }
    if (filter.type() != null) {
      where.append(" AND t.ticket_type = ?");
      params.add(filter.type());
    }
    if (filter.service() != null) {
      where.append(" AND t.service = ?");
      params.add(filter.service());
    }
    if (filter.workspace() != null) {
      workspaceConditions(filter.workspace(), where, params);
    }
    if (filter.text() != null) {
      textCondition(filter, where, params);
    }
    if (filter.openStatuses() != null) {
      // Listed rather than excluded, so that the (group, status) index serves it.
      where.append(filter.openStatuses().isEmpty() ? " AND 1 = 0"
          : " AND t.status IN (" + placeholders(filter.openStatuses().size()) + ")");
      params.addAll(filter.openStatuses());
    }
    return new Query(where.toString(), params);
  }

  private static void workspaceConditions(TicketFilter.Workspace workspace, StringBuilder where, List<Object> params) {
    if (workspace.unassigned()) {
      where.append(" AND t.assignee IS NULL");
    } else if (workspace.assignee() != null) {
      where.append(" AND t.assignee = ?");
      params.add(workspace.assignee());
    }
    if (workspace.priority() != null) {
      where.append(" AND t.priority = ?");
      params.add(workspace.priority());
    }
    if (workspace.breached() != null) {
      where.append(workspace.breached() ? " AND" : " AND NOT").append(" EXISTS (SELECT 1 FROM fd_sla_clock b "
          + "WHERE b.ticket_number = t.ticket_number AND b.breached_at IS NOT NULL)");
    }
    if (workspace.dueBefore() != null) {
      // A clock counts while it runs: not stopped, not paused (waiting on the requester).
      where.append(" AND EXISTS (SELECT 1 FROM fd_sla_clock d WHERE d.ticket_number = t.ticket_number "
          + "AND d.clock = 'resolution' AND d.stopped_at IS NULL AND d.paused_since IS NULL AND d.due_at <= ?)");
      params.add(utc(workspace.dueBefore()));
    }
  }

  /**
   * The ticket's number is the text, or its words are in its title, description, resolution or
   * comments: public ones for everyone who sees the ticket, internal ones for its agents only.
   * PostgreSQL: full-text search on the generated search_vector columns (db/vendor/postgresql);
   * H2: the same on H2's own full-text index.
   */
  private void textCondition(TicketFilter filter, StringBuilder where, List<Object> params) {
    TextQuery text = filter.text();
    if (postgres) {
      // The candidates as one set, each part found by its own index (the number by the key, the
      // tickets' and the comments' words by their GIN indexes): an OR of the three over the
      // tickets would make PostgreSQL scan them all and ask the comments of each.
      where.append(" AND t.ticket_number IN (SELECT CAST(? AS VARCHAR(20))"
          + " UNION SELECT m.ticket_number FROM fd_ticket m WHERE m.search_vector @@ websearch_to_tsquery('english', ?)"
          + " UNION SELECT c.ticket_number FROM fd_timeline_entry c JOIN fd_ticket ct ON ct.ticket_number = c.ticket_number"
          + " WHERE c.kind = 'comment' AND c.search_vector @@ websearch_to_tsquery('english', ?) AND ");
      params.add(text.asTicketNumber());
      params.add(text.text());
      params.add(text.text());
      readableComment(filter, "ct", where, params);
      where.append(")");
      return;
    }
    // The same set from H2's own full-text index (db/vendor/h2, org.flowdesk.H2FullText), read
    // first: H2 would ask the index again for every ticket of a condition with a subquery.
    List<Object> numbers = new ArrayList<>();
    numbers.add(text.asTicketNumber());
    numbers.addAll(H2FullText.matching(jdbc, text, "en", new H2FullText.Source("FD_TICKET", "fd_ticket m", "",
        "m.ticket_number", String.class, "m.search_text", "m.ticket_number", null, List.of())));
    StringBuilder readable = new StringBuilder("c.kind = 'comment' AND ");
    List<Object> readableParams = new ArrayList<>();
    readableComment(filter, "ct", readable, readableParams);
    numbers.addAll(H2FullText.matching(jdbc, text, "en", new H2FullText.Source("FD_TIMELINE_ENTRY",
        "fd_timeline_entry c", " JOIN fd_ticket ct ON ct.ticket_number = c.ticket_number", "c.id", Long.class,
        "c.search_text", "c.ticket_number", readable.toString(), readableParams)));
    H2FullText.appendIn("t.ticket_number", numbers.stream().map(String::valueOf).distinct().toList(), where);
  }

  /**
   * Comment c of ticket {@code ticket} is one the caller reads: public, or internal and the caller
   * works the ticket (its assignee, a member of its group).
   */
  private static void readableComment(TicketFilter filter, String ticket, StringBuilder where, List<Object> params) {
    where.append("(c.internal = FALSE");
    if (filter.visibleTo() == null) {
      where.append(" OR 1 = 1");
    } else {
      CurrentUser user = filter.visibleTo().user();
      where.append(" OR ").append(ticket).append(".assignee = ?");
      params.add(user.id());
      if (!user.groups().isEmpty()) {
        where.append(" OR ").append(ticket).append(".assignment_group IN (")
            .append(placeholders(user.groups().size())).append(")");
        params.addAll(user.groups());
      }
    }
    where.append(")");
  }

  /**
   * The best matches of the filter's text, best first, with the title and an excerpt of the
   * description in which the matched words are marked ({@link TextQuery#MARK_START}).
   */
  List<TicketSearch.Hit> textHits(TicketFilter filter, int limit) {
    Query query = query(filter);
    TextQuery text = filter.text();
    List<Object> params = new ArrayList<>();
    String rank;
    if (postgres) {
      rank = "ts_rank(t.search_vector, websearch_to_tsquery('english', ?))";
      params.add(text.text());
    } else {
      // A match in the title ranks higher, as PostgreSQL's weights A (title) and B (the rest) do.
      StringBuilder sum = new StringBuilder("0.05");
      for (String part : text.included()) {
        List<String> stems = SearchText.stems("en", part);
        if (!stems.isEmpty()) {
          sum.append(" + CASE WHEN CONCAT(' ', FD_SEARCH_TEXT('en', t.title), ' ') LIKE ? ESCAPE '\\' THEN 0.2 ELSE 0 END");
          params.add(H2FullText.likeWords(stems));
        }
      }
      rank = sum.toString();
    }
    params.add(text.asTicketNumber());
    params.addAll(query.params);
    params.add(limit);
    String ranked = "SELECT t.ticket_number, t.ticket_type, t.title, t.description, t.service, t.status, "
        + rank + " + CASE WHEN t.ticket_number = ? THEN 1 ELSE 0 END AS search_rank FROM fd_ticket t" + query.where
        + " ORDER BY search_rank DESC, t.ticket_number LIMIT ?";
    if (!postgres) {
      return jdbc.sql(ranked).params(params).query((rs, n) -> hit(rs, H2FullText.mark(text, "en", rs.getString("title")),
          H2FullText.excerpt(text, "en", rs.getString("description")))).list();
    }
    List<Object> outer = new ArrayList<>(List.of(TextQuery.TITLE_HEADLINE, TextQuery.EXCERPT_HEADLINE, text.text()));
    outer.addAll(params);
    return jdbc.sql("SELECT p.*, ts_headline('english', p.title, q.query, ?) AS title_marked, "
        + "ts_headline('english', COALESCE(p.description, ''), q.query, ?) AS excerpt_marked "
        + "FROM (SELECT websearch_to_tsquery('english', ?) AS query) q, (" + ranked + ") p "
        + "ORDER BY p.search_rank DESC, p.ticket_number")
        .params(outer)
        .query((rs, n) -> hit(rs, rs.getString("title_marked"), rs.getString("excerpt_marked"))).list();
  }

  private static TicketSearch.Hit hit(ResultSet rs, String title, String excerpt) throws SQLException {
    return new TicketSearch.Hit(rs.getString("ticket_number"), rs.getString("ticket_type"), rs.getString("service"),
        rs.getString("status"), rs.getDouble("search_rank"), title, excerpt);
  }

  private static String placeholders(int count) {
    return String.join(", ", Collections.nCopies(count, "?"));
  }

  private static Ticket ticket(ResultSet rs, int row) throws SQLException {
    return new Ticket(rs.getString("ticket_number"), rs.getString("ticket_type"), rs.getString("title"),
        rs.getString("description"), rs.getString("requester"), rs.getString("service"), rs.getString("category"),
        integer(rs, "impact"), integer(rs, "urgency"), integer(rs, "priority"), rs.getString("status"),
        rs.getString("assignment_group"), rs.getString("assignee"), rs.getString("process_instance_id"),
        instant(rs, "created_at"), instant(rs, "updated_at"),
        instant(rs, "responded_at"), instant(rs, "resolved_at"),
        instant(rs, "closed_at"), rs.getInt("reopen_count"), rs.getInt("reassignment_count"),
        rs.getString("resolution_code"), rs.getString("resolution_notes"), integer(rs, "satisfaction"),
        rs.getString("satisfaction_comment"), rs.getString("item_id"), rs.getBigDecimal("price"),
        rs.getString("entered_by"), rs.getString("ci_key"));
  }

  private static Integer integer(ResultSet rs, String column) throws SQLException {
    int value = rs.getInt(column);
    return rs.wasNull() ? null : value;
  }
}
