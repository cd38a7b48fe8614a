-- dyad database, version 3: three more event flags (dyad_events::Flags) and each mention's evidence span. Existing rows read as false, which is
-- what the coder of earlier versions meant by not setting them.
ALTER TABLE events ADD COLUMN hypothetical INTEGER NOT NULL DEFAULT 0; -- announced under a condition
ALTER TABLE events ADD COLUMN attempted    INTEGER NOT NULL DEFAULT 0; -- tried rather than done
ALTER TABLE events ADD COLUMN alleged      INTEGER NOT NULL DEFAULT 0; -- known only as an accusation

-- The words of the sentence that carry the event (dyad_core::Mention::evidence), as byte offsets into the original
-- file; NULL for mentions written before.
ALTER TABLE event_mentions ADD COLUMN evidence_start INTEGER;
ALTER TABLE event_mentions ADD COLUMN evidence_end   INTEGER;
