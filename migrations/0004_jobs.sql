-- When each scheduled job last covered time up to (RFC 3339 UTC): the embargo job pings the hub for
-- articles that went live after it, so a skipped or late cron tick loses nothing.
CREATE TABLE job_state (
  name TEXT PRIMARY KEY,
  covered_until TEXT NOT NULL
) WITHOUT ROWID;
