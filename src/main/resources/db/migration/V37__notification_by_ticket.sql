-- GET /api/notifications?ticket=…: a ticket's notifications among the caller's, found without reading them all.
CREATE INDEX fd_notification_ticket ON fd_notification (ticket_number, created_at);
