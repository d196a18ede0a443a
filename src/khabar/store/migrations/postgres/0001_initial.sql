-- khabar store, PostgreSQL dialect, migration 1: the tables of the output contract.
-- Forward-only: never edit a released migration; add 0002_*.sql instead.
-- Every child row carries article_id, so an article's records are replaced by deleting
-- WHERE article_id = ? in each table (one transaction), and orphans are easy to find.

CREATE TABLE articles (
    pk            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, -- insertion order
    id            TEXT NOT NULL UNIQUE,      -- sha1 content hash (khabar.ingest.article_id)
    title         TEXT,
    url           TEXT,
    source        TEXT,
    published     TEXT,                      -- as given: ISO date or datetime
    published_day TEXT,                      -- first 10 chars of published (YYYY-MM-DD) for filters
    language      TEXT NOT NULL,
    origin        TEXT,
    text          TEXT NOT NULL,
    n_words       INTEGER NOT NULL,
    n_actors      INTEGER NOT NULL,
    n_events      INTEGER NOT NULL,
    warnings      TEXT NOT NULL,             -- JSON list
    record        TEXT NOT NULL,             -- the full ArticleRecord JSON (get_record returns it)
    run_id        BIGINT,
    stored_at     TEXT NOT NULL
);
CREATE INDEX articles_published ON articles (published_day);
CREATE INDEX articles_source ON articles (source);

CREATE TABLE actors (
    article_id TEXT NOT NULL REFERENCES articles (id),
    actor_id   TEXT NOT NULL,                -- "a1", unique within the article
    name       TEXT NOT NULL,
    kind       TEXT NOT NULL,
    country    TEXT,
    sectors    TEXT NOT NULL,                -- JSON list
    code       TEXT,
    kb_id      TEXT,
    roles      TEXT NOT NULL,                -- JSON list
    n_mentions INTEGER NOT NULL,
    PRIMARY KEY (article_id, actor_id)
);
CREATE INDEX actors_code ON actors (code);
CREATE INDEX actors_kb ON actors (kb_id);
CREATE INDEX actors_name ON actors (name);

CREATE TABLE mentions (
    article_id TEXT NOT NULL,
    actor_id   TEXT NOT NULL,
    n          INTEGER NOT NULL,             -- order of the mention within the actor
    start      INTEGER NOT NULL,
    "end"      INTEGER NOT NULL,
    text       TEXT NOT NULL,
    PRIMARY KEY (article_id, actor_id, n),
    FOREIGN KEY (article_id, actor_id) REFERENCES actors (article_id, actor_id)
);

CREATE TABLE relations (
    article_id     TEXT NOT NULL REFERENCES articles (id),
    n              INTEGER NOT NULL,         -- position in the record's relations list
    type           TEXT NOT NULL,
    source         TEXT NOT NULL,
    target         TEXT,
    value          TEXT,
    evidence_start INTEGER NOT NULL,
    evidence_end   INTEGER NOT NULL,
    confidence     DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (article_id, n)
);
CREATE INDEX relations_type ON relations (type);

CREATE TABLE quotes (
    article_id    TEXT NOT NULL REFERENCES articles (id),
    quote_id      TEXT NOT NULL,
    speaker       TEXT,
    speaker_text  TEXT,
    cue           TEXT,
    direct        INTEGER NOT NULL,          -- 0/1
    kind          TEXT NOT NULL,
    via           TEXT,
    recipient     TEXT,
    content_start INTEGER NOT NULL,
    content_end   INTEGER NOT NULL,
    content_text  TEXT NOT NULL,
    PRIMARY KEY (article_id, quote_id)
);

CREATE TABLE places (
    article_id  TEXT NOT NULL REFERENCES articles (id),
    place_id    TEXT NOT NULL,
    name        TEXT NOT NULL,
    geonames_id BIGINT,
    lat         DOUBLE PRECISION,
    lon         DOUBLE PRECISION,
    feature     TEXT NOT NULL,
    country     TEXT,
    admin1      TEXT,
    n_mentions  INTEGER NOT NULL,
    PRIMARY KEY (article_id, place_id)
);
CREATE INDEX places_country ON places (country);
CREATE INDEX places_geonames ON places (geonames_id);

CREATE TABLE place_mentions (
    article_id TEXT NOT NULL,
    place_id   TEXT NOT NULL,
    n          INTEGER NOT NULL,
    start      INTEGER NOT NULL,
    "end"      INTEGER NOT NULL,
    text       TEXT NOT NULL,
    PRIMARY KEY (article_id, place_id, n),
    FOREIGN KEY (article_id, place_id) REFERENCES places (article_id, place_id)
);

CREATE TABLE times (
    article_id TEXT NOT NULL REFERENCES articles (id),
    time_id    TEXT NOT NULL,
    text       TEXT NOT NULL,
    start      INTEGER NOT NULL,
    "end"      INTEGER NOT NULL,
    type       TEXT NOT NULL,
    value      TEXT,
    PRIMARY KEY (article_id, time_id)
);

CREATE TABLE events (
    article_id      TEXT NOT NULL REFERENCES articles (id),
    event_id        TEXT NOT NULL,
    source          TEXT,                    -- actor id within the article
    target          TEXT,
    source_name     TEXT,                    -- denormalised from actors for fast filtering
    source_code     TEXT,
    source_country  TEXT,
    target_name     TEXT,
    target_code     TEXT,
    target_country  TEXT,
    cameo           TEXT NOT NULL,           -- leading zeros kept
    cameo_root      TEXT NOT NULL,           -- first two digits
    plover_type     TEXT,
    plover_mode     TEXT,
    plover_context  TEXT NOT NULL,           -- JSON list
    quad_class      INTEGER NOT NULL,
    goldstein       DOUBLE PRECISION NOT NULL,
    date            TEXT,                    -- TIMEX3-style value as in the record
    date_precision  TEXT NOT NULL,
    date_start      TEXT,                    -- first day the date can mean (YYYY-MM-DD) or NULL
    date_end        TEXT,                    -- last day it can mean, or NULL
    place           TEXT,                    -- place id within the article
    place_inferred  INTEGER NOT NULL,        -- 0/1
    place_name      TEXT,                    -- denormalised from places
    lat             DOUBLE PRECISION,
    lon             DOUBLE PRECISION,
    country         TEXT,                    -- country of the place (ISO alpha-3)
    geonames_id     BIGINT,
    modality        TEXT NOT NULL,
    reported_by     TEXT,
    pattern         TEXT,
    confidence      DOUBLE PRECISION NOT NULL,
    n_evidence      INTEGER NOT NULL,
    published_day   TEXT,                    -- the article's, so event lists need no join
    PRIMARY KEY (article_id, event_id)
);
CREATE INDEX events_date ON events (date_start, date_end);
CREATE INDEX events_cameo_root ON events (cameo_root);
CREATE INDEX events_cameo ON events (cameo);
CREATE INDEX events_quad ON events (quad_class);
CREATE INDEX events_source_code ON events (source_code);
CREATE INDEX events_target_code ON events (target_code);
CREATE INDEX events_country ON events (country);
CREATE INDEX events_published ON events (published_day);

CREATE TABLE event_evidence (
    article_id     TEXT NOT NULL,
    event_id       TEXT NOT NULL,
    n              INTEGER NOT NULL,
    trigger_start  INTEGER NOT NULL,
    trigger_end    INTEGER NOT NULL,
    trigger_text   TEXT NOT NULL,
    sentence_start INTEGER NOT NULL,
    sentence_end   INTEGER NOT NULL,
    PRIMARY KEY (article_id, event_id, n),
    FOREIGN KEY (article_id, event_id) REFERENCES events (article_id, event_id)
);

CREATE TABLE runs (
    id               BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    started          TEXT NOT NULL,
    ended            TEXT,
    args             TEXT NOT NULL,          -- JSON: the command line options of the run
    pipeline_version TEXT,
    stored           INTEGER NOT NULL DEFAULT 0,
    unchanged        INTEGER NOT NULL DEFAULT 0,
    rejected         INTEGER NOT NULL DEFAULT 0,
    status           TEXT NOT NULL           -- running | done | failed (a killed run stays running)
);

-- One row per distinct (source, position, reason): ingesting the same bad file twice does not
-- double the rejects; run_id/created say when it was last seen.
CREATE TABLE rejects (
    key      TEXT PRIMARY KEY,               -- sha1 of source, position, reason
    source   TEXT NOT NULL,
    position TEXT,
    reason   TEXT NOT NULL,
    run_id   BIGINT,
    created  TEXT NOT NULL
);
CREATE INDEX rejects_run ON rejects (run_id);
