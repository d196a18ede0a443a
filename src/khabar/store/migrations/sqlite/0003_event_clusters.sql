-- khabar store, SQLite dialect, migration 3: cross-article event clusters (`khabar link`).
-- One cluster per real-world event; its members are event reports (article_id, event_id) from
-- different articles. No foreign key to `events`: `ingest --reprocess` deletes and rewrites an
-- article's events, and `khabar link` drops members whose event is gone before linking again.
CREATE TABLE event_clusters (
    id          INTEGER PRIMARY KEY,
    cameo_root  TEXT NOT NULL,               -- every member shares it
    cameo       TEXT,                        -- the most common full code among the members
    first_day   TEXT,                        -- earliest member date (YYYY-MM-DD) or NULL
    last_day    TEXT,                        -- latest member date
    n_reports   INTEGER NOT NULL,
    n_articles  INTEGER NOT NULL,
    created     TEXT NOT NULL,
    updated     TEXT NOT NULL
);
CREATE INDEX event_clusters_days ON event_clusters (cameo_root, first_day, last_day);
CREATE INDEX event_clusters_articles ON event_clusters (n_articles);

CREATE TABLE event_cluster_members (
    article_id TEXT NOT NULL,
    event_id   TEXT NOT NULL,
    cluster_id INTEGER NOT NULL REFERENCES event_clusters (id),
    score      REAL,                         -- best match score when it joined (NULL: founder)
    linked_at  TEXT NOT NULL,
    PRIMARY KEY (article_id, event_id)
);
CREATE INDEX event_cluster_members_cluster ON event_cluster_members (cluster_id);
