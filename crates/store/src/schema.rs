//! The database: its schema, how several processes share it, and how the corpus stage keeps it up to date.
//!
//! # Schema (version 4: `migrations/0001_init.sql` … `migrations/0004_query_indexes.sql`)
//! Migrations are SQL files applied in order; `PRAGMA user_version` records how many ran. They run with their
//! version bumps in one `IMMEDIATE` transaction that reads the version again once it holds the write lock, so two
//! processes opening a new database at once never both create it. Connections use WAL (readers never block the
//! writer), `foreign_keys = ON`, `synchronous = NORMAL` and a 5 s busy timeout. Byte offsets (`byte_start`,
//! `byte_end`) always point into the original file.
//!
//! # Several processes
//! Any number of processes may write one database. Every write transaction begins `IMMEDIATE` (so none fails
//! with "cannot promote read transaction" when another wrote in between), and a busy database is waited for with
//! backoff for up to an hour. A document is stored once across processes: its row is keyed by content hash and
//! written `ON CONFLICT DO NOTHING` inside the transaction that writes everything extracted from it.
//! The corpus stage's update (`dyad-ingest`) is one `IMMEDIATE` transaction, so updates run one at a time, and each
//! takes every pending document of every process: whichever process updates last sees all of them.
//!
//! | table | key | columns |
//! |---|---|---|
//! | `documents` | `hash` (XXH3-128 hex of the raw bytes) | `path`, `size`, `raw` (optional BLOB), `status` (`ok`/`skipped`), `reason`, `ingested_at` |
//! | `articles` | `id`; `doc` unique → documents | `file`, `title`, `outlet`, `outlet_country`, `dateline`, `published_value`/`_precision`/`_first`/`_evidence`/`_basis`, `language`, `body_json`, `captions_json`, `dropped_json` (JSON arrays of `{text,start,end}` / `{start,end,reason}`), `body_text` |
//! | `article_fts` | FTS5 over `articles(title, body_text)` (external content, kept by triggers) | |
//! | `sentences` | (`doc`, `idx`) | `byte_start`, `byte_end`, `text` |
//! | `actors` | `id` | `name`, `kind`, `code`, `country` |
//! | `actor_aliases` | (`actor`, `alias`) | insertion order kept |
//! | `actor_roles` | (`actor`, `role`, `country`) | `first_seen`, `last_seen` (widened on upsert) |
//! | `actor_mentions` | `id`; unique (`doc`, `byte_start`, `byte_end`, `actor`) | `sentence`, `text` |
//! | `events` | `id` | `gdelt_id`, `code`, `root`, `quad_class`, `goldstein`, `plover`, `source_*`/`target_*` (`id`, `name`, `code`, `country`), `date_value`/`_precision`/`_first`/`_basis`, `location_name`/`_country`, flags `negated`/`future`/`reported`/`symmetric`/`historical`/`hypothetical`/`attempted`/`alleged`, `num_mentions`/`_sources`/`_articles`, `story`, `pattern`, `added_at` |
//! | `event_mentions` | (`event`, `ord`) | `doc` (nullable), `file`, `sentence`, `byte_start`, `byte_end`, `text` |
//! | `relations` | `id`; unique (`kind`, `a`, `b`, `file`, `byte_start`, `byte_end`) | `as_of`, `doc`, `sentence`, `evidence` |
//! | `stories` | `id` | `original_doc`, `original_file`, `similarity` |
//! | `story_members` | (`story`, `ord`) | `doc` (nullable), `file` |
//! | `doc_fingerprints` | `doc` → documents | `fingerprint` (the story index's MinHash signature and actor set, 264 bytes), `credits` (JSON) |
//! | `doc_events` | (`doc`, `ord`) | `bucket` (indexed), `record` (the page's unconsolidated event as JSON) |
//! | `pending` | `doc` | documents written but not yet grouped and consolidated |
//! | `registry_people` | `id` | `seq` (learning order), `actor` (the registry's full record as JSON) |
//! | `meta` | `key` | `value` (`story_settings`: the story settings the fingerprints and stories were made with) |
//!
//! `events` also has `bucket` (indexed): the consolidation bucket, CAMEO root and unordered actor pair, it was
//! built in.
//!
//! # Incremental upkeep
//! A document is written with everything extracted from it *and* its coding (fingerprint bytes, unconsolidated
//! events with their buckets), and marked pending. The corpus stage (`dyad-ingest`) then brings stories, inferred
//! years and consolidated events up to date through the narrow API of [`corpus`](crate::corpus): pending documents, stored
//! fingerprints, the events of a bucket, replacing a bucket, writing a story. The store knows nothing of how a
//! fingerprint is made or how events merge. People the actor registry learned are kept in `registry_people`
//! ([`Batch::save_person`](crate::Batch::save_person), [`Store::people`](crate::Store::people)) so that a later run resolves them as this one did.
//!
//! Consolidated events and stories are built across documents, so they are upserted by id (the row and its
//! mention/member list are replaced), not keyed by document. Event filters compare on `date_first`, the first day
//! of the event's period; an actor matches a side when its code starts with the given code (`PRK` matches
//! `PRKGOV`) or the side's country equals it.
//!
//! The GDELT column mapping is documented in [`gdelt`](crate::gdelt).
