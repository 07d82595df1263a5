-- H2's full-text trigger on fd_ticket (V28) knows the table's columns as they were when it was made:
-- after V34 added a column it no longer finds the tickets' words. Made again, it indexes every ticket
-- as the table is now, as V28 did.
CALL FT_DROP_INDEX('PUBLIC', 'FD_TICKET');
CALL FT_CREATE_INDEX('PUBLIC', 'FD_TICKET', 'SEARCH_TEXT');
