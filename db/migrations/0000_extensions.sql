-- drizzle-kit never writes CREATE EXTENSION; full-text search and typo tolerance need both.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS unaccent;
