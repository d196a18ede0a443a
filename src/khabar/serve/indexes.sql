-- Explorer indexes: optional, created only by `khabar serve --index` (the server itself never
-- writes). They turn the explorer's GROUP BYs and sorted lists from full scans of wide rows into
-- walks of narrow indexes. Every statement is idempotent; names start with explorer_ so they
-- never collide with the store's own migrations.
-- The day expression must stay identical to EVENT_DAY_KEY in serve/listings.py (a test checks
-- that the query planner uses it).
CREATE INDEX IF NOT EXISTS explorer_events_day ON events (
    COALESCE(CASE WHEN date_start = date_end THEN date_start END, published_day, ''));
CREATE INDEX IF NOT EXISTS explorer_events_day_quad ON events (
    COALESCE(CASE WHEN date_start = date_end THEN date_start END, published_day, ''), quad_class);
-- since/until: the date-overlap test of listings.event_conds, as a range on the first column
CREATE INDEX IF NOT EXISTS explorer_events_span ON events (
    COALESCE(date_start, published_day), COALESCE(date_end, published_day));
CREATE INDEX IF NOT EXISTS explorer_events_plover ON events (plover_type);
CREATE INDEX IF NOT EXISTS explorer_events_modality ON events (modality);
CREATE INDEX IF NOT EXISTS explorer_events_pair ON events (source_name, target_name, quad_class, goldstein);
CREATE INDEX IF NOT EXISTS explorer_events_target ON events (target_name, source_name, quad_class);
CREATE INDEX IF NOT EXISTS explorer_events_source_country ON events (source_country);
CREATE INDEX IF NOT EXISTS explorer_events_target_country ON events (target_country);
CREATE INDEX IF NOT EXISTS explorer_events_place ON events (
    COALESCE(CAST(geonames_id AS TEXT), place_name));
CREATE INDEX IF NOT EXISTS explorer_actors_name ON actors (name, article_id, kind, country, code, kb_id, n_mentions);
CREATE INDEX IF NOT EXISTS explorer_places_key ON places (
    COALESCE(CAST(geonames_id AS TEXT), name), article_id, n_mentions);
ANALYZE;
