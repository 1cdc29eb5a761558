-- The product id is an identity column, whose sequence H2 caches 32 values at a time by default: every 32
-- inserted products H2 flushed the sequence with a commit of its own (a write of the store, WRITE_DELAY=0), which
-- took about half of H2's CPU in a first sync (bench/README.md, "Where the time of a full sync goes"). With 10,000
-- values cached it flushes once per 10,000 products. An unclean stop can leave a gap of up to that many ids (on
-- PostgreSQL each connection caches its own values, lost when it closes): ids are surrogate keys, nothing reads
-- them as a count or expects them without gaps.
ALTER TABLE product ALTER COLUMN id SET CACHE 10000;
