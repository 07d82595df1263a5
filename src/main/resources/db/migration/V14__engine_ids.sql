-- The engine's ids (org.flowdesk.history.SequenceIds): each node takes blocks of 1,000 numbers from
-- this sequence, so ids are short and rising and every node of a cluster gets its own block.
CREATE SEQUENCE fd_engine_id START WITH 1 INCREMENT BY 1;
