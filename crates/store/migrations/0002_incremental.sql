-- dyad database, version 2: what incremental ingest keeps per document, so that stories and consolidated events
-- can be brought up to date after new pages without coding the stored pages again.
--
-- Tables written for every page are rowid tables with a separate unique key: rows are appended in ingest order
-- and only the small key index takes random inserts. Keyed directly by the random content hash (WITHOUT ROWID),
-- every insert landed on a random page of a table that outgrows the cache, which made ingest slow down as the
-- database grew.

-- The story index's view of a document (MinHash signature + actor Bloom set, `Fingerprint::to_bytes`), under the
-- settings named by meta key `fingerprint_tag`.
CREATE TABLE doc_fingerprints (
    id          INTEGER PRIMARY KEY,
    doc         TEXT NOT NULL UNIQUE REFERENCES documents(hash) ON DELETE CASCADE,
    fingerprint BLOB NOT NULL,
    credits     TEXT NOT NULL DEFAULT '[]'      -- JSON list of the wire agencies the text credits
);

-- Each document's events before consolidation (dyad_events::EventRecord as JSON), with the consolidation bucket
-- (CAMEO root + unordered actor pair) they fall in: events of different buckets never merge.
CREATE TABLE doc_events (
    id     INTEGER PRIMARY KEY,
    doc    TEXT NOT NULL REFERENCES documents(hash) ON DELETE CASCADE,
    ord    INTEGER NOT NULL,
    bucket TEXT NOT NULL,
    record TEXT NOT NULL,
    UNIQUE (doc, ord)
);
CREATE INDEX doc_events_bucket ON doc_events(bucket);

-- Documents written but not yet grouped into stories and consolidated; emptied in the transaction that does it.
CREATE TABLE pending (
    doc TEXT PRIMARY KEY REFERENCES documents(hash) ON DELETE CASCADE
) WITHOUT ROWID;

-- People learned from the text, as the actor registry keeps them (dyad_actors::Actor as JSON), in learning order.
CREATE TABLE registry_people (
    id    TEXT PRIMARY KEY,
    seq   INTEGER NOT NULL,
    actor TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE sentences_v2 (
    id         INTEGER PRIMARY KEY,
    doc        TEXT NOT NULL REFERENCES documents(hash) ON DELETE CASCADE,
    idx        INTEGER NOT NULL,
    byte_start INTEGER NOT NULL,                -- byte offsets into the original file
    byte_end   INTEGER NOT NULL,
    text       TEXT NOT NULL,
    UNIQUE (doc, idx)
);
INSERT INTO sentences_v2 (doc, idx, byte_start, byte_end, text)
    SELECT s.doc, s.idx, s.byte_start, s.byte_end, s.text FROM sentences s JOIN articles a ON a.doc = s.doc
    ORDER BY a.id, s.idx;
DROP TABLE sentences;
ALTER TABLE sentences_v2 RENAME TO sentences;

-- Consolidated events are rebuilt below, so their mention table is simply made anew.
DROP TABLE event_mentions;
CREATE TABLE event_mentions (
    id         INTEGER PRIMARY KEY,
    event      TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    ord        INTEGER NOT NULL,
    doc        TEXT REFERENCES documents(hash) ON DELETE SET NULL,
    file       TEXT NOT NULL,
    sentence   INTEGER,
    byte_start INTEGER NOT NULL,
    byte_end   INTEGER NOT NULL,
    text       TEXT NOT NULL,
    UNIQUE (event, ord)
);
CREATE INDEX event_mentions_doc ON event_mentions(doc);

ALTER TABLE events ADD COLUMN bucket TEXT;
-- XXH3-64 of the event's record, so that re-consolidating a bucket rewrites only the events that changed.
ALTER TABLE events ADD COLUMN digest INTEGER;
CREATE INDEX events_bucket ON events(bucket);

-- Articles stored by version 1 have no fingerprints or per-document events: the next ingest codes them again and
-- rebuilds the stories and consolidated events, which version 1 kept without buckets.
INSERT INTO pending (doc) SELECT doc FROM articles;
DELETE FROM events;
DELETE FROM story_members;
DELETE FROM stories;
