-- A counter bumped every time an article's article_json is written. With the id it names one exact
-- text of the article, so an isolate that has parsed that text (src/store/parsed-articles.ts) asks
-- D1 only for the rows it has not seen: after an edit, a feed page moves one article, not fifty.
-- Rows stored before this migration start at 0; their next write makes them 1.
ALTER TABLE articles ADD COLUMN revision INTEGER NOT NULL DEFAULT 0;
