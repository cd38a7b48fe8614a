-- dyad database, version 3: three more event flags (dyad_events::Flags). Existing rows read as false, which is
-- what the coder of earlier versions meant by not setting them.
ALTER TABLE events ADD COLUMN hypothetical INTEGER NOT NULL DEFAULT 0; -- announced under a condition
ALTER TABLE events ADD COLUMN attempted    INTEGER NOT NULL DEFAULT 0; -- tried rather than done
ALTER TABLE events ADD COLUMN alleged      INTEGER NOT NULL DEFAULT 0; -- known only as an accusation
