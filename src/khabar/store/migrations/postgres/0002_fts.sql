-- khabar store, PostgreSQL dialect, migration 2: full-text search over article title and text.
-- The twin of SQLite's FTS5 table: a stored generated tsvector (kept in step by PostgreSQL on
-- every insert and replacement, no trigger needed) and a GIN index on it. 'simple' config:
-- no stemming or stop words, like FTS5's unicode61 tokenizer; unaccent is an extension we do
-- not require, so diacritics are kept. Query:
--   SELECT id FROM articles WHERE fts @@ plainto_tsquery('simple', %s);
ALTER TABLE articles ADD COLUMN fts tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('simple', coalesce(title, '')), 'A') ||
    setweight(to_tsvector('simple', text), 'B')
) STORED;
CREATE INDEX articles_fts ON articles USING gin (fts);
