-- dyad database, version 4: composite indexes for the event filters (crates/store `filter_sql`). The filter is
-- written as an OR of branches that each carry the date range, so that SQLite answers every branch from
-- one of these indexes: a dyad branch from (source side, target side, first day), an actor branch from (side,
-- first day). The single-column indexes they start with are dropped as redundant. The root keeps its own index:
-- a (root, first day) index made the USA + root 04 bench query 2x slower (the same plan, but it fetches the rows
-- of a root in date order instead of table order).
CREATE INDEX IF NOT EXISTS events_country_dyad ON events(source_country, target_country, date_first);
CREATE INDEX IF NOT EXISTS events_code_dyad ON events(source_code, target_code, date_first);
CREATE INDEX IF NOT EXISTS events_source_country_date ON events(source_country, date_first);
CREATE INDEX IF NOT EXISTS events_target_country_date ON events(target_country, date_first);
CREATE INDEX IF NOT EXISTS events_target_code_date ON events(target_code, date_first);
DROP INDEX IF EXISTS events_source_code;
DROP INDEX IF EXISTS events_target_code;
DROP INDEX IF EXISTS events_source_country;
DROP INDEX IF EXISTS events_target_country;
