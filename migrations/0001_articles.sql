-- Wirefeed store. Each row keeps the whole Article JSON (the public contract, re-validated on read)
-- plus the columns feeds query, so a feed is one indexed range scan.
CREATE TABLE articles (
  id TEXT PRIMARY KEY,
  url TEXT NOT NULL UNIQUE,               -- canonical URL: one article per URL
  origin TEXT NOT NULL,                   -- 'file' (synced from articles/) or 'api'
  status TEXT NOT NULL DEFAULT 'published' CHECK (status IN ('published', 'retracted')),
  published_at TEXT NOT NULL,             -- RFC 3339 UTC, sorts lexically
  updated_at TEXT NOT NULL,
  section TEXT,
  content_hash TEXT NOT NULL,             -- SHA-256 of the Article JSON without its dates: detects real changes
  first_ingested_at TEXT NOT NULL,        -- set once; the date of an article whose source has none
  article_json TEXT NOT NULL
);

-- Latest-N feed: WHERE status = 'published' ORDER BY published_at DESC, id DESC.
CREATE INDEX articles_by_published ON articles (status, published_at DESC, id DESC);
CREATE INDEX articles_by_section ON articles (section, status, published_at DESC, id DESC);

-- One row: bumped by every write in the same batch (transaction), so a rendered feed tagged with an
-- older version is never served.
CREATE TABLE store_state (
  singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
  version INTEGER NOT NULL
);
INSERT INTO store_state (singleton, version) VALUES (1, 0);

-- Rendered feeds, written on the first request after a change and served as bytes until the next.
CREATE TABLE rendered_feeds (
  cache_key TEXT PRIMARY KEY,             -- format + settings fingerprint
  version INTEGER NOT NULL,
  etag TEXT NOT NULL,
  last_modified TEXT NOT NULL,
  body TEXT NOT NULL
);
