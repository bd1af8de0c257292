-- A canonical URL belongs to one *published* article. A retracted article no longer holds its URL,
-- so an article file can be renamed (the old id is retracted, the new one takes the URL, in one
-- batch). SQLite cannot drop a column constraint, so the table is rebuilt (SQLite §ALTER TABLE,
-- "making other kinds of table schema changes").
CREATE TABLE articles_next (
  id TEXT PRIMARY KEY,
  url TEXT NOT NULL,
  origin TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'published' CHECK (status IN ('published', 'retracted')),
  published_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  section TEXT,
  content_hash TEXT NOT NULL,
  first_ingested_at TEXT NOT NULL,
  article_json TEXT NOT NULL
);
INSERT INTO articles_next (id, url, origin, status, published_at, updated_at, section, content_hash, first_ingested_at, article_json)
  SELECT id, url, origin, status, published_at, updated_at, section, content_hash, first_ingested_at, article_json FROM articles;
DROP TABLE articles;
ALTER TABLE articles_next RENAME TO articles;
CREATE UNIQUE INDEX articles_published_url ON articles (url) WHERE status = 'published';
CREATE INDEX articles_by_origin ON articles (origin, status, id);

-- When the store last changed (RFC 3339 UTC), set in the same transaction as the version: a feed's
-- Last-Modified must move when an item leaves it or an older-dated item joins it.
ALTER TABLE store_state ADD COLUMN changed_at TEXT;
