-- dyad database, version 1. Every table a document produces refers to documents(hash), so one transaction holds a
-- document row together with everything extracted from it.

CREATE TABLE documents (
    hash        TEXT PRIMARY KEY,               -- xxh3-128 of the raw bytes, 32 lowercase hex digits
    path        TEXT NOT NULL,                  -- the path as given to ingest
    size        INTEGER NOT NULL,               -- bytes
    raw         BLOB,                           -- the raw bytes, when the caller keeps them
    status      TEXT NOT NULL CHECK (status IN ('ok', 'skipped')),
    reason      TEXT,                           -- why a document was skipped
    ingested_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE INDEX documents_path ON documents(path);

CREATE TABLE articles (
    id                  INTEGER PRIMARY KEY,    -- rowid shared with article_fts
    doc                 TEXT NOT NULL UNIQUE REFERENCES documents(hash) ON DELETE CASCADE,
    file                TEXT NOT NULL,
    title               TEXT,
    outlet              TEXT,
    outlet_country      TEXT,
    dateline            TEXT,
    published_value     TEXT,                   -- ISO 8601 at its precision
    published_precision TEXT,
    published_first     TEXT,                   -- first day of the period, for range queries
    published_evidence  TEXT,
    published_basis     TEXT,
    candidates_json     TEXT NOT NULL DEFAULT '[]', -- [{"value","precision"}] full dates for a year-less dateline
    language            TEXT NOT NULL,
    body_json           TEXT NOT NULL,          -- [{"text","start","end"}] in reading order
    captions_json       TEXT NOT NULL,
    dropped_json        TEXT NOT NULL,
    body_text           TEXT NOT NULL           -- body paragraphs then captions, blank-line separated (indexed)
);
CREATE INDEX articles_file ON articles(file);

CREATE VIRTUAL TABLE article_fts USING fts5(
    title, body_text, content = 'articles', content_rowid = 'id', tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
    INSERT INTO article_fts(rowid, title, body_text) VALUES (new.id, coalesce(new.title, ''), new.body_text);
END;
CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
    INSERT INTO article_fts(article_fts, rowid, title, body_text)
        VALUES ('delete', old.id, coalesce(old.title, ''), old.body_text);
END;

CREATE TABLE sentences (
    doc   TEXT NOT NULL REFERENCES documents(hash) ON DELETE CASCADE,
    idx   INTEGER NOT NULL,
    byte_start INTEGER NOT NULL,                -- byte offsets into the original file
    byte_end   INTEGER NOT NULL,
    text  TEXT NOT NULL,
    PRIMARY KEY (doc, idx)
) WITHOUT ROWID;

CREATE TABLE actors (
    id      TEXT PRIMARY KEY,
    name    TEXT NOT NULL,
    kind    TEXT NOT NULL,
    code    TEXT NOT NULL,
    country TEXT
);
CREATE INDEX actors_code ON actors(code);

CREATE TABLE actor_aliases (
    actor TEXT NOT NULL REFERENCES actors(id) ON DELETE CASCADE,
    alias TEXT NOT NULL,
    PRIMARY KEY (actor, alias)
);                                              -- rowid order keeps aliases in the order they were first seen

CREATE TABLE actor_roles (
    actor      TEXT NOT NULL REFERENCES actors(id) ON DELETE CASCADE,
    role       TEXT NOT NULL,
    country    TEXT NOT NULL DEFAULT '',        -- '' when the role names no country
    first_seen TEXT,                            -- ISO dates
    last_seen  TEXT,
    PRIMARY KEY (actor, role, country)
) WITHOUT ROWID;

CREATE TABLE actor_mentions (
    id       INTEGER PRIMARY KEY,
    actor    TEXT NOT NULL REFERENCES actors(id) ON DELETE CASCADE,
    doc      TEXT NOT NULL REFERENCES documents(hash) ON DELETE CASCADE,
    sentence INTEGER,
    byte_start INTEGER NOT NULL,
    byte_end   INTEGER NOT NULL,
    text     TEXT NOT NULL,
    UNIQUE (doc, byte_start, byte_end, actor)
);
CREATE INDEX actor_mentions_actor ON actor_mentions(actor);

CREATE TABLE events (
    id               TEXT PRIMARY KEY,
    gdelt_id         INTEGER NOT NULL,          -- stable numeric id for GDELT exports (see gdelt_event_id)
    code             TEXT NOT NULL,             -- CAMEO
    root             TEXT NOT NULL,
    quad_class       INTEGER NOT NULL,
    goldstein        REAL NOT NULL,
    plover           TEXT,
    source_id        TEXT,
    source_name      TEXT,
    source_code      TEXT,
    source_country   TEXT,
    target_id        TEXT,
    target_name      TEXT,
    target_code      TEXT,
    target_country   TEXT,
    date_value       TEXT,                      -- ISO 8601 at its precision
    date_precision   TEXT,
    date_first       TEXT,                      -- first day of the period; filters compare on it
    date_basis       TEXT,
    location_name    TEXT,
    location_country TEXT,
    negated          INTEGER NOT NULL DEFAULT 0,
    future           INTEGER NOT NULL DEFAULT 0,
    reported         INTEGER NOT NULL DEFAULT 0,
    symmetric        INTEGER NOT NULL DEFAULT 0,
    historical       INTEGER NOT NULL DEFAULT 0,
    num_mentions     INTEGER NOT NULL,
    num_sources      INTEGER NOT NULL,
    num_articles     INTEGER NOT NULL,
    story            TEXT,
    pattern          TEXT,                      -- the verb pattern that coded it
    added_at         TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE INDEX events_source_code ON events(source_code);
CREATE INDEX events_target_code ON events(target_code);
CREATE INDEX events_source_country ON events(source_country);
CREATE INDEX events_target_country ON events(target_country);
CREATE INDEX events_date_first ON events(date_first);
CREATE INDEX events_root ON events(root);
CREATE INDEX events_gdelt_id ON events(gdelt_id);

CREATE TABLE event_mentions (
    event    TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    ord      INTEGER NOT NULL,
    doc      TEXT REFERENCES documents(hash) ON DELETE SET NULL,
    file     TEXT NOT NULL,
    sentence INTEGER,
    byte_start INTEGER NOT NULL,
    byte_end   INTEGER NOT NULL,
    text     TEXT NOT NULL,
    PRIMARY KEY (event, ord)
) WITHOUT ROWID;
CREATE INDEX event_mentions_doc ON event_mentions(doc);

CREATE TABLE relations (
    id       INTEGER PRIMARY KEY,
    kind     TEXT NOT NULL,
    a        TEXT NOT NULL,                     -- actor ids
    b        TEXT NOT NULL,
    as_of    TEXT,
    doc      TEXT REFERENCES documents(hash) ON DELETE CASCADE,
    file     TEXT NOT NULL,
    sentence INTEGER,
    byte_start INTEGER NOT NULL,
    byte_end   INTEGER NOT NULL,
    evidence TEXT NOT NULL,
    UNIQUE (kind, a, b, file, byte_start, byte_end)
);

CREATE TABLE stories (
    id            TEXT PRIMARY KEY,
    original_doc  TEXT REFERENCES documents(hash) ON DELETE SET NULL,
    original_file TEXT,
    similarity    REAL NOT NULL
);

CREATE TABLE story_members (
    story TEXT NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
    ord   INTEGER NOT NULL,
    doc   TEXT REFERENCES documents(hash) ON DELETE SET NULL,
    file  TEXT NOT NULL,
    PRIMARY KEY (story, ord)
) WITHOUT ROWID;
CREATE INDEX story_members_doc ON story_members(doc);
