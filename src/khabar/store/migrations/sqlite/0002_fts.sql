-- khabar store, SQLite dialect, migration 2: full-text search over article title and text.
-- An external-content FTS5 table: the text lives once, in `articles`; triggers keep the index
-- in step. Query: SELECT a.* FROM articles_fts f JOIN articles a ON a.pk = f.rowid
--                 WHERE articles_fts MATCH ? ORDER BY rank;
CREATE VIRTUAL TABLE articles_fts USING fts5(
    title, text, content='articles', content_rowid='pk', tokenize='unicode61 remove_diacritics 2'
);

CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts (rowid, title, text) VALUES (new.pk, new.title, new.text);
END;

CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, title, text)
    VALUES ('delete', old.pk, old.title, old.text);
END;

CREATE TRIGGER articles_fts_update AFTER UPDATE ON articles BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, title, text)
    VALUES ('delete', old.pk, old.title, old.text);
    INSERT INTO articles_fts (rowid, title, text) VALUES (new.pk, new.title, new.text);
END;
