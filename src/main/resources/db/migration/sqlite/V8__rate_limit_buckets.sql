-- Rate-limit buckets are shared only on PostgreSQL; on SQLite (one node) they live in memory. This keeps the two
-- schemas' migration numbers in step.
SELECT 1;
