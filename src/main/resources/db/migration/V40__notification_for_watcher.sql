-- A notification told a watcher, in the model's watcherText: its mail is the kind's watcher template
-- (mail/<kind>.watcher.txt), which does not speak to the watcher as if it were their ticket.
ALTER TABLE fd_notification ADD COLUMN for_watcher BOOLEAN DEFAULT FALSE NOT NULL;
