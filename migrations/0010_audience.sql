-- Audience (issue 18): subscriber counts that hosted readers report in their User-Agent, distinct
-- direct clients per day, and partner fetch health. Written off the response path (waitUntil), in
-- batches, by src/audience/counter.ts; never an IP address (see README, "Audience").

-- One row per day (UTC, YYYY-MM-DD), feed family (the three formats of a feed fold into one: 'all',
-- 'section:<key>', 'tag:<key>', 'author:<key>'), aggregator ('feedly', 'inoreader', …, or 'direct'
-- for distinct direct clients) and the aggregator's feed id (its own id when it sends one, else the
-- format and limit fetched). `subscribers` is the day's maximum. Rows are never deleted: the history
-- outlives any cache or TTL.
CREATE TABLE audience_daily (
  day TEXT NOT NULL,
  family TEXT NOT NULL,
  aggregator TEXT NOT NULL,
  feed_id TEXT NOT NULL,
  subscribers INTEGER NOT NULL CHECK (subscribers >= 0),
  PRIMARY KEY (day, family, aggregator, feed_id)
) WITHOUT ROWID;
CREATE INDEX audience_daily_by_family ON audience_daily (family, day);

-- Direct clients (desktop and mobile readers) of the current day, as a salted SHA-256 of address and
-- User-Agent. The salt is random per day; a day's salt and its client rows are deleted once the day
-- is over (its count is kept in audience_daily), so no hash can be tied back to an address later.
CREATE TABLE audience_clients (
  day TEXT NOT NULL,
  family TEXT NOT NULL,
  client TEXT NOT NULL,
  PRIMARY KEY (day, family, client)
) WITHOUT ROWID;

CREATE TABLE audience_salts (
  day TEXT PRIMARY KEY,
  salt TEXT NOT NULL
) WITHOUT ROWID;

-- Each partner feed fetch (the newest 200 per partner are kept): when, the status (200 or 304) and
-- the bytes sent. /api/partners derives last fetch, median interval, 304 ratio and bytes from them.
CREATE TABLE partner_fetches (
  partner TEXT NOT NULL,
  at TEXT NOT NULL,
  status INTEGER NOT NULL,
  bytes INTEGER NOT NULL
);
CREATE INDEX partner_fetches_by_partner ON partner_fetches (partner, at);
