-- A counter bumped every time an article's article_json is written. With the id it names one exact
-- text of the article, so an isolate that has parsed that text (src/store/parsed-articles.ts) asks
-- D1 only for the rows it has not seen: after an edit, a feed page moves one article, not fifty.
-- Rows stored before this migration start at 0; their next write makes them 1.
ALTER TABLE articles ADD COLUMN revision INTEGER NOT NULL DEFAULT 0;

-- The upsert bumps revision itself; this catches any other writer of article_json (a manual
-- `wrangler d1 execute`, a Worker version from before this migration during a rollout, a future
-- migration), so that no changed text ever keeps the revision of an older one.
CREATE TRIGGER articles_revision AFTER UPDATE OF article_json ON articles WHEN NEW.revision = OLD.revision AND NEW.article_json IS NOT OLD.article_json BEGIN UPDATE articles SET revision = OLD.revision + 1 WHERE id = NEW.id; END;
