-- FlowDesk's instants become TIMESTAMP WITH TIME ZONE: stored as what they are (a point in time),
-- not as the wall-clock time of the JVM that wrote them, which repeats itself in the autumn hour
-- (2027-10-31 02:30 in Europe/Berlin is two instants an hour apart). H2 and PostgreSQL both read
-- the old values in the session's zone, which the JDBC drivers set to the JVM's: run this
-- migration with the zone the values were written in (the zone FlowDesk has always run in).
-- NOT NULL and indexes carry over; PostgreSQL rebuilds the indexes on the changed columns.

ALTER TABLE fd_setup_step ALTER COLUMN done_at SET DATA TYPE TIMESTAMP WITH TIME ZONE;
ALTER TABLE fd_ticket ALTER COLUMN created_at SET DATA TYPE TIMESTAMP WITH TIME ZONE;
ALTER TABLE fd_ticket ALTER COLUMN updated_at SET DATA TYPE TIMESTAMP WITH TIME ZONE;
ALTER TABLE fd_ticket ALTER COLUMN responded_at SET DATA TYPE TIMESTAMP WITH TIME ZONE;
ALTER TABLE fd_ticket ALTER COLUMN resolved_at SET DATA TYPE TIMESTAMP WITH TIME ZONE;
ALTER TABLE fd_ticket ALTER COLUMN closed_at SET DATA TYPE TIMESTAMP WITH TIME ZONE;
ALTER TABLE fd_sla_clock ALTER COLUMN started_at SET DATA TYPE TIMESTAMP WITH TIME ZONE;
ALTER TABLE fd_sla_clock ALTER COLUMN warn_at SET DATA TYPE TIMESTAMP WITH TIME ZONE;
ALTER TABLE fd_sla_clock ALTER COLUMN due_at SET DATA TYPE TIMESTAMP WITH TIME ZONE;
ALTER TABLE fd_sla_clock ALTER COLUMN paused_since SET DATA TYPE TIMESTAMP WITH TIME ZONE;
ALTER TABLE fd_sla_clock ALTER COLUMN stopped_at SET DATA TYPE TIMESTAMP WITH TIME ZONE;
ALTER TABLE fd_sla_clock ALTER COLUMN warned_at SET DATA TYPE TIMESTAMP WITH TIME ZONE;
ALTER TABLE fd_sla_clock ALTER COLUMN breached_at SET DATA TYPE TIMESTAMP WITH TIME ZONE;
ALTER TABLE fd_timeline_entry ALTER COLUMN occurred_at SET DATA TYPE TIMESTAMP WITH TIME ZONE;
ALTER TABLE fd_notification ALTER COLUMN created_at SET DATA TYPE TIMESTAMP WITH TIME ZONE;
ALTER TABLE fd_ticket_watcher ALTER COLUMN added_at SET DATA TYPE TIMESTAMP WITH TIME ZONE;
ALTER TABLE fd_audit_log ALTER COLUMN occurred_at SET DATA TYPE TIMESTAMP WITH TIME ZONE;
ALTER TABLE fd_idempotency_key ALTER COLUMN created_at SET DATA TYPE TIMESTAMP WITH TIME ZONE;
ALTER TABLE fd_cost_record ALTER COLUMN recorded_at SET DATA TYPE TIMESTAMP WITH TIME ZONE;
ALTER TABLE fd_change ALTER COLUMN planned_start SET DATA TYPE TIMESTAMP WITH TIME ZONE;
ALTER TABLE fd_change ALTER COLUMN planned_end SET DATA TYPE TIMESTAMP WITH TIME ZONE;
ALTER TABLE fd_ticket_link ALTER COLUMN created_at SET DATA TYPE TIMESTAMP WITH TIME ZONE;
ALTER TABLE fd_mail_secret ALTER COLUMN created_at SET DATA TYPE TIMESTAMP WITH TIME ZONE;
