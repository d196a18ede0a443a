-- khabar store, PostgreSQL dialect, migration 4: full-text search that finds what SQLite finds.
-- Migration 2 indexed with the 'simple' configuration, which keeps accents ("São" is not "Sao",
-- where SQLite's unicode61 remove_diacritics 2 folds them) and whose parser keeps "3.5",
-- "example.com" or "/a/b" as one token (SQLite cuts them into words). Now:
-- - the `khabar_search` configuration: 'simple' (lower case, no stemming, no stop words) behind
--   the unaccent dictionary (contrib; a trusted extension since PostgreSQL 13, so the database
--   owner may create it). Where it cannot be created, search works without folding accents and a
--   NOTICE says why;
-- - the characters that join words into one token (- . / @ : _ + \) become spaces first, and so
--   do the Unicode punctuation blocks (Latin-1 punctuation and symbols such as « » and the
--   no-break space, General and Supplemental Punctuation such as “ ” — …, CJK and Arabic
--   punctuation): a database with the C locale takes every non-ASCII character for a letter and
--   would index “We as one word. Words are then runs of letters and digits on both backends.
-- to_tsvector(regconfig, text) and khabar_search_words() are immutable: the column stays a stored
-- generated one, kept in step by PostgreSQL on every insert and replacement.
-- Query (store/search.py): SELECT id FROM articles WHERE fts @@ to_tsquery('khabar_search', %s);
DO $$
BEGIN
    BEGIN
        CREATE EXTENSION IF NOT EXISTS unaccent;
    EXCEPTION WHEN OTHERS THEN
        RAISE NOTICE 'khabar: no unaccent extension (%); search will not fold accents', SQLERRM;
    END;
    CREATE TEXT SEARCH CONFIGURATION khabar_search (COPY = pg_catalog.simple);
    IF EXISTS (SELECT 1 FROM pg_ts_dict WHERE dictname = 'unaccent') THEN
        ALTER TEXT SEARCH CONFIGURATION khabar_search
            ALTER MAPPING FOR asciiword, asciihword, hword_asciipart, word, hword, hword_part,
                numword, numhword, hword_numpart
            WITH unaccent, simple;
    END IF;
END
$$;

CREATE FUNCTION khabar_search_words(t text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT regexp_replace(t,
        '[-./@:_+\\\u00a0-\u00bf\u00d7\u00f7\u060c\u061b\u061f\u066a-\u066d\u06d4\u2000-\u206f\u2e00-\u2e7f\u3000-\u303f]',
        ' ', 'g')
$$;

ALTER TABLE articles DROP COLUMN fts;
ALTER TABLE articles ADD COLUMN fts tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('khabar_search', khabar_search_words(coalesce(title, ''))), 'A') ||
    setweight(to_tsvector('khabar_search', khabar_search_words(text)), 'B')
) STORED;
CREATE INDEX articles_fts ON articles USING gin (fts);
