-- Every feed (the whole site, a section, a tag, an author) is one scope. feed_entries holds one row
-- per (scope, published article), keyed in feed order, so any feed page is one index range scan:
--   WHERE scope = ? AND published_at <= :now [AND (published_at, article_id) < :cursor]
--   ORDER BY published_at DESC, article_id DESC LIMIT :n
-- Rows exist only for published articles (retraction deletes them); embargo is the `<= :now` bound.
CREATE TABLE feed_entries (
  scope TEXT NOT NULL,            -- 'all', 'section:<key>', 'tag:<key>', 'author:<key>'
  published_at TEXT NOT NULL,
  article_id TEXT NOT NULL,
  PRIMARY KEY (scope, published_at, article_id)
) WITHOUT ROWID;
CREATE INDEX feed_entries_by_article ON feed_entries (article_id);

-- Display names of the scopes (a section's "North Korea" for key "north-korea").
CREATE TABLE feed_scopes (
  scope TEXT PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('all', 'section', 'tag', 'author')),
  name TEXT NOT NULL
) WITHOUT ROWID;

-- A rendered page stays valid until the store changes (version) or an embargoed article in its
-- scope goes live (expires_at, RFC 3339; NULL: none pending).
ALTER TABLE rendered_feeds ADD COLUMN expires_at TEXT;
-- Old renders have no expiry information: drop them, they are re-rendered on demand.
DELETE FROM rendered_feeds;

-- Articles stored before this migration join the site feed; their section, tag and author scopes
-- are written when they next change (no release predates this migration).
INSERT INTO feed_scopes (scope, kind, name) VALUES ('all', 'all', 'All articles');
INSERT OR IGNORE INTO feed_entries (scope, published_at, article_id)
  SELECT 'all', published_at, id FROM articles WHERE status = 'published';
