-- Migration 0003 rebuilt `articles` and, with the old table, dropped the two feed indexes of 0001
-- (articles_by_published, articles_by_section) without saying so. That was right, but silent: since
-- 0002 every feed query reads feed_entries by its primary key (scope, published_at, article_id), and
-- no query orders `articles` by date (tests/perf/query-plan.test.ts checks the plans). This records
-- the decision, and removes the two indexes from any database on which they survived, since they
-- would only cost writes.
DROP INDEX IF EXISTS articles_by_published;
DROP INDEX IF EXISTS articles_by_section;
