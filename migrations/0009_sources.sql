-- Pull mode (issue 16): sources Wirefeed follows, what each listing last said about each URL, the raw
-- pages fetched (for re-extraction without fetching again) and the robots.txt of each host.

-- A source: a feed, a sitemap (index, Google News) or a section page, polled every `every_minutes`.
CREATE TABLE sources (
  id TEXT PRIMARY KEY,
  url TEXT NOT NULL UNIQUE,
  kind TEXT,                          -- NULL until detected from the first answer
  declared_kind TEXT,                 -- the kind the operator gave, if any (detection then never overrides it)
  every_minutes INTEGER NOT NULL,
  retract_removed INTEGER NOT NULL DEFAULT 0,  -- 1: an item gone from the listing is retracted
  children_json TEXT,                 -- sitemap index: the lastmod last seen of each sitemap it names ({ url: lastmod })
  link_prefix TEXT,                   -- section pages: only links whose path starts with this are articles
  origin TEXT NOT NULL CHECK (origin IN ('api', 'config')),
  created_at TEXT NOT NULL,
  etag TEXT,                          -- validators of the listing's last 200, for conditional GETs
  last_modified TEXT,
  failures INTEGER NOT NULL DEFAULT 0,-- consecutive failed polls (backs the next poll off)
  next_due_at TEXT NOT NULL,
  last_polled_at TEXT,
  last_status TEXT,                   -- 'ok' | 'not-modified' | 'failed'
  last_error TEXT
);
CREATE INDEX sources_due ON sources (next_due_at);

-- Per-URL memory of a source: what the listing said (guid/updated, lastmod, teaser) and what became of it.
CREATE TABLE source_items (
  source_id TEXT NOT NULL REFERENCES sources (id) ON DELETE CASCADE,
  url TEXT NOT NULL,
  first_seen_at TEXT NOT NULL,
  last_seen_at TEXT NOT NULL,
  marker TEXT,                        -- the listing's change marker: updated date or lastmod (NULL: none given)
  teaser_json TEXT,                   -- the feed item (title, summary, date, html) for a page that cannot be extracted
  state TEXT NOT NULL CHECK (state IN ('queued', 'ingested', 'teaser', 'held', 'dead', 'removed')),
  reason TEXT,                        -- why held, dead or teaser-only
  attempts INTEGER NOT NULL DEFAULT 0,
  article_id TEXT,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (source_id, url)
) WITHOUT ROWID;
CREATE INDEX source_items_by_url ON source_items (url);

-- The last page fetched from each URL (shared by every source listing it): its validators for a
-- conditional GET, and its bytes when small enough, to re-extract after a site-rule change.
CREATE TABLE pulled_pages (
  url TEXT PRIMARY KEY,
  fetched_at TEXT NOT NULL,
  etag TEXT,
  last_modified TEXT,
  content_type TEXT,
  body_sha256 TEXT NOT NULL,
  body BLOB,                          -- NULL when over the D1 cap and no R2 bucket is bound (then body_key names the R2 object)
  body_key TEXT,
  article_id TEXT,
  content TEXT CHECK (content IN ('full', 'teaser'))
) WITHOUT ROWID;

-- robots.txt per origin (scheme://host:port), cached for a day (RFC 9309 §2.4: at most 24 hours).
CREATE TABLE robots_cache (
  origin TEXT PRIMARY KEY,
  fetched_at TEXT NOT NULL,
  body TEXT NOT NULL                  -- '' when there is none (404: everything allowed)
) WITHOUT ROWID;
