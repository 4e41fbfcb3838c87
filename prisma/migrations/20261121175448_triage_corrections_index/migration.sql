-- The items whose triage staff corrected, which the triage classifier is trained on
-- (server/inbox/arrival.ts): found from their few timeline events instead of by checking every
-- item for one. Each process retrains every minute while it files arrivals; on a million items
-- without this index that read took about 0.3 s.
CREATE INDEX "InboxEvent_triage_corrected_itemId_idx" ON "InboxEvent" ("itemId") WHERE "type" = 'triage_corrected';
